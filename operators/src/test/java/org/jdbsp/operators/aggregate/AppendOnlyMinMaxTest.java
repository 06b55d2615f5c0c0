package org.jdbsp.operators.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** Min and max over an append-only input keep one value per group (the append-only form of the min/max accumulator). */
class AppendOnlyMinMaxTest {
    record Reading(long sensor, long value) {
    }

    private static long stateAfterThousandReadings(boolean appendOnly) {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Reading> in = appendOnly ? b.appendOnlyInput("in") : b.input("in");
        OutputHandle<Reading> out = b.output("out", Linear.union(
                Aggregates.maxByLong(in.stream(), Reading::sensor, Reading::value, Reading::new),
                Aggregates.min(in.stream(), r -> "s" + r.sensor(), Reading::value,
                        (k, v) -> new Reading(-Long.parseLong(k.substring(1)) - 1, v))));
        Circuit c = b.build();
        for (int step = 0; step < 10; step++) {
            for (int i = 0; i < 100; i++) {
                int id = step * 100 + i;
                in.insert(new Reading(id % 3, (id * 7919L) % 1000));
            }
            c.step();
        }
        ZSet<Reading> expected = new ZSet<>();
        for (long s = 0; s < 3; s++) {
            long max = Long.MIN_VALUE;
            long min = Long.MAX_VALUE;
            for (int id = (int) s; id < 1000; id += 3) {
                max = Math.max(max, (id * 7919L) % 1000);
                min = Math.min(min, (id * 7919L) % 1000);
            }
            expected.add(new Reading(s, max), 1);
            expected.add(new Reading(-s - 1, min), 1);
        }
        assertEquals(expected, out.view());
        return c.stateRows();
    }

    @Test
    void keepsOneValuePerGroup() {
        long all = stateAfterThousandReadings(false);
        long kept = stateAfterThousandReadings(true);
        assertTrue(all >= 1000, "ordinary min and max keep every distinct value: " + all);
        assertEquals(12, kept, "one value per group per operator, and the output view's 6 rows");
    }

    @Test
    void aFailingValueFunctionNamesTheOperatorAndChangesNothing() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Reading> in = b.appendOnlyInput("in");
        OutputHandle<Reading> out = b.output("out", Aggregates.maxByLong(in.stream(), Reading::sensor, r -> {
            if (r.value() < 0) {
                throw new IllegalArgumentException("negative reading");
            }
            return r.value();
        }, Reading::new));
        Circuit c = b.build();
        in.insert(new Reading(1, 5));
        c.step();
        in.insert(new Reading(1, 9));
        in.insert(new Reading(1, -1));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(ex.operator().startsWith("max#"), ex.getMessage());
        assertEquals(ZSet.of(new Reading(1, 5)), out.view());
        in.clearPending();
        in.insert(new Reading(1, 7));
        c.step();
        assertEquals(ZSet.of(new Reading(1, 7)), out.view());
    }

    /**
     * A min and max {@linkplain Agg#ofInsertionsOnly of insertions only} over a stream with deletions in rows they
     * do not read (their value function gives null): one value per group, the same result as the ordinary form; a
     * deleted row they do read fails the step, naming it.
     */
    @Test
    void insertionsOnlyOverAStreamWithDeletionsTheyDoNotRead() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Reading> in = b.input("in");
        // readings with a negative sensor are other rows: inserted and deleted, never read by the extremes
        java.util.function.Function<Reading, Long> read = r -> r.sensor() >= 0 ? r.value() : null;
        OutputHandle<String> fast = b.output("fast", Aggregates.aggregate(in.stream(), r -> Math.abs(r.sensor()) % 3,
                (k, v) -> k + ": " + v.get(0) + " " + v.get(1), Agg.maxOf(read).ofInsertionsOnly(),
                Agg.minOf(read).ofInsertionsOnly()));
        OutputHandle<String> plain = b.output("plain", Aggregates.aggregate(in.stream(),
                r -> Math.abs(r.sensor()) % 3, (k, v) -> k + ": " + v.get(0) + " " + v.get(1), Agg.maxOf(read),
                Agg.minOf(read)));
        Circuit c = b.build();
        java.util.List<Reading> others = new java.util.ArrayList<>();
        for (int step = 0; step < 10; step++) {
            for (int i = 0; i < 100; i++) {
                int id = step * 100 + i;
                in.insert(new Reading(id % 3, (id * 7919L) % 1000));
                Reading other = new Reading(-1 - id % 3, id);
                in.insert(other);
                others.add(other);
            }
            if (step > 0) {
                for (int i = 0; i < 50; i++) {
                    in.delete(others.remove(0));
                }
            }
            c.step();
            assertEquals(plain.view(), fast.view(), "step " + step);
        }
        long before = c.stateRows();
        in.delete(new Reading(1, (1 * 7919L) % 1000));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(ex.getMessage().contains("Reading[sensor=1"), ex.getMessage());
        in.clearPending();
        c.step();
        assertEquals(before, c.stateRows());
        assertThrows(IllegalArgumentException.class, () -> Agg.<Reading>count().ofInsertionsOnly());
    }
}
