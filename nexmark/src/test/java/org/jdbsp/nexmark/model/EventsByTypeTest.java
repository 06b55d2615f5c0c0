package org.jdbsp.nexmark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.junit.jupiter.api.Test;

/** Splitting events by type: every range maps to the same events, in order, in the three typed arrays. */
class EventsByTypeTest {

    @Test
    void everyRangeFindsItsEventsInTheTypedArrays() {
        Event[] events = new Event[3000];
        new NexmarkGenerator(NexmarkConfig.DEFAULT).fill(events, 0, events.length);
        EventsByType byType = new EventsByType(events);
        assertEquals(events.length, byType.size());
        assertEquals(events.length, byType.persons().length + byType.auctions().length + byType.bids().length);
        for (int[] r : new int[][] {{0, 3000}, {0, 0}, {17, 1}, {123, 999}, {2999, 1}, {1500, 1500}}) {
            int off = r[0];
            int len = r[1];
            int[] seen = new int[3];
            for (int i = off; i < off + len; i++) {
                Event e = events[i];
                int t = e.eventType();
                Event[] typed = t == Event.PERSON ? byType.persons() : t == Event.AUCTION ? byType.auctions()
                        : byType.bids();
                assertSame(e, typed[byType.first(t, off) + seen[t]], "event " + i);
                seen[t]++;
            }
            for (int t = 0; t < 3; t++) {
                assertEquals(seen[t], byType.count(t, off, len), "type " + t + " in [" + off + ", +" + len + ")");
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> byType.count(Event.BID, 2990, 11));
    }

    @Test
    void aNullEventIsNamedByItsIndex() {
        Event[] events = new Event[10];
        new NexmarkGenerator(NexmarkConfig.DEFAULT).fill(events, 0, 10);
        events[7] = null;
        NullPointerException e = assertThrows(NullPointerException.class, () -> new EventsByType(events));
        assertTrue(e.getMessage().contains("index 7"), e.getMessage());
    }

    @Test
    void aPrefixSplitsAloneAndCopiesBackInOrder() {
        Event[] events = new Event[5000];
        new NexmarkGenerator(NexmarkConfig.DEFAULT).fill(events, 0, events.length);
        EventsByType prefix = new EventsByType(events, 1234);
        assertEquals(1234, prefix.size());
        Event[] back = new Event[1240];
        assertEquals(1237, prefix.copyInOrder(back, 3));
        for (int i = 0; i < 1234; i++) {
            assertSame(events[i], back[3 + i], "event " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> prefix.copyInOrder(back, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> new EventsByType(events, 5001));
    }
}
