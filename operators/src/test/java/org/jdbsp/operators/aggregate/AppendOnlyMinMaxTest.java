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
}
