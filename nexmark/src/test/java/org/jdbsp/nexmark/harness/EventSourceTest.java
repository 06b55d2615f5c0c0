package org.jdbsp.nexmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.EventsByType;
import org.junit.jupiter.api.Test;

/** A generated source hands out the generator's events in whole-batch chunks, the same on every pass. */
class EventSourceTest {
    private static final int N = 2 * EventSource.CHUNK_EVENTS + 12_345;

    @Test
    void generatedPassesGiveTheGeneratorsEventsInWholeBatches() {
        Event[] expected = new Event[N];
        new NexmarkGenerator(NexmarkConfig.DEFAULT.toBuilder().numEvents(N).build()).fill(expected, 0, N);
        EventSource source = EventSource.generated(NexmarkConfig.DEFAULT, N);
        int batch = 7_000;
        for (int limit : new int[] {N, 100_000}) {
            EventSource.Pass pass = source.open(limit, batch);
            List<EventsByType> chunks = new ArrayList<>();
            Event[] got = new Event[limit];
            int off = 0;
            for (EventsByType c = pass.next(); c != null; c = pass.next()) {
                chunks.add(c);
                off = c.copyInOrder(got, off);
            }
            assertNull(pass.next());
            assertEquals(limit, off);
            for (int i = 0; i < chunks.size() - 1; i++) {
                assertEquals(0, chunks.get(i).size() % batch, "chunk " + i + " is whole batches");
            }
            int chunk = EventSource.CHUNK_EVENTS / batch * batch;
            assertEquals((limit + chunk - 1) / chunk, chunks.size(), "chunks of a pass over " + limit);
            for (int i = 0; i < limit; i++) {
                assertEquals(expected[i], got[i], "event " + i + " of a pass over " + limit);
            }
        }
    }

    @Test
    void aHeldSourceGivesOneChunkAndAShorterPrefixForAWarmUp() {
        Event[] events = new Event[10_000];
        new NexmarkGenerator(NexmarkConfig.DEFAULT).fill(events, 0, events.length);
        EventSource source = EventSource.held(events);
        assertSame(events, source.all());
        EventSource.Pass all = source.open(10_000, 1_000);
        assertEquals(10_000, all.next().size());
        assertNull(all.next());
        EventSource.Pass warm = source.open(2_500, 1_000);
        EventsByType w = warm.next();
        assertEquals(2_500, w.size());
        Event[] back = new Event[2_500];
        w.copyInOrder(back, 0);
        for (int i = 0; i < back.length; i++) {
            assertSame(events[i], back[i]);
        }
    }
}
