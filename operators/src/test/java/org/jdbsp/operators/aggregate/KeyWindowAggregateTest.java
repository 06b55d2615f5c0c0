package org.jdbsp.operators.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.operators.window.Watermarked;
import org.jdbsp.operators.window.Watermarks;
import org.junit.jupiter.api.Test;

/**
 * A window aggregate whose key determines the window ({@link Aggregates#perKeyWindowOf}: SQL's GROUP BY of a day)
 * gives the rows of {@link Aggregates#perWindowOf}, drops each key's state once the watermark passes its window,
 * and fails a step whose row puts a known key in another window, naming the key, with nothing changed.
 */
class KeyWindowAggregateTest {
    /** A visit of a page at a time; the group is (page, day), the window the day. */
    record Visit(long page, long time) {
        long day() {
            return Math.floorDiv(time, 1000);
        }
    }

    record Key(long page, long day) {
    }

    private static OutputHandle<String> wire(CircuitBuilder b, InputHandle<Visit> in, boolean byKey, String name) {
        Watermarked<Visit> late = Watermarks.withLateness(in.stream(), Visit::time, 100);
        return b.output(name, byKey
                ? Aggregates.perKeyWindowOf(late.stream(), v -> v.day() * 1000, v -> v.day() * 1000 + 1000,
                        v -> new Key(v.page(), v.day()), late.watermark(),
                        (s, e, k, a) -> k + " [" + s + ", " + e + "): " + a.getLong(0) + " " + a.get(1),
                        Agg.count(), Agg.max(Visit::time))
                : Aggregates.perWindowOf(late.stream(), v -> v.day() * 1000, v -> v.day() * 1000 + 1000,
                        v -> new Key(v.page(), v.day()), late.watermark(),
                        (s, e, k, a) -> k + " [" + s + ", " + e + "): " + a.getLong(0) + " " + a.get(1),
                        Agg.count(), Agg.max(Visit::time)));
    }

    @Test
    void equalsTheWindowAggregateAndDropsPassedKeys() {
        long seed = 2207;
        Random r = new Random(seed);
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Visit> in = b.input("in");
        OutputHandle<String> byKey = wire(b, in, true, "byKey");
        OutputHandle<String> pairs = wire(b, in, false, "pairs");
        Circuit c = b.build();
        long maxState = 0;
        for (int step = 0; step < 40; step++) {
            for (int i = 0; i < 500; i++) {
                in.insert(new Visit(r.nextInt(2000), step * 250L + r.nextInt(300)));
            }
            c.step();
            assertEquals(pairs.view(), byKey.view(), "step " + step + " (seed " + seed + ")");
            maxState = Math.max(maxState, c.stateRowsByOperator().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("window")).mapToLong(java.util.Map.Entry::getValue).max()
                    .orElse(0));
        }
        // 40 steps of 250 ms reach day 9: at most the keys of about two days are kept at once
        long kept = c.stateRowsByOperator().entrySet().stream().filter(e -> e.getKey().startsWith("window"))
                .mapToLong(java.util.Map.Entry::getValue).max().orElse(0);
        assertTrue(kept > 0 && kept < 4000 && maxState < 5000, "kept " + kept + ", at most " + maxState);
        assertTrue(byKey.view().size() > 10_000, "many groups: " + byKey.view().size());
    }

    @Test
    void aKnownKeyInAnotherWindowFailsTheStepNamingIt() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Visit> in = b.input("in");
        // the key leaves the day out: page 7's rows of two days would share a key
        OutputHandle<String> out = b.output("out", Aggregates.perKeyWindowOf(in.stream(), v -> v.day() * 1000,
                v -> v.day() * 1000 + 1000, Visit::page, null,
                (s, e, k, a) -> k + " [" + s + ", " + e + "): " + a.getLong(0), Agg.count()));
        Circuit c = b.build();
        in.insert(new Visit(7, 10));
        c.step();
        in.insert(new Visit(8, 1500));
        in.insert(new Visit(7, 1500));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.getMessage().contains("key 7") && e.getMessage().contains("[0, 1000)"), e.getMessage());
        in.clearPending();
        in.insert(new Visit(7, 20));
        c.step();
        assertEquals(org.jdbsp.zset.ZSet.of("7 [0, 1000): 2"), out.view());
    }
}
