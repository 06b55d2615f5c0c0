package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * {@link Input#handOver}: a Z-set handed over is the step's change, added to what is already pending, checked like
 * a push; and a change published by a step is never written to afterwards, so that an operator holding it (here
 * {@code z^-1}) still reads it at the next step.
 */
class HandOverTest {

    /** Input "t"; output "now" is the change (its view the contents), "before" the last step's change. */
    private static void wire(CircuitBuilder b) {
        InputHandle<Long> t = b.input("t", Long.class);
        b.output("now", Long.class, t.stream());
        b.output("before", Long.class, t.stream().delay());
    }

    private static ZSet<Long> zset(long... rows) {
        return ZSet.of(java.util.Arrays.stream(rows).boxed().toArray(Long[]::new));
    }

    @Test
    void aHandedOverZSetIsTheStepsChange() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(HandOverTest::wire)) {
                Input<Long> t = c.input("t", Long.class);
                t.handOver(zset(1, 2));
                c.step();
                assertEquals(zset(1, 2), c.output("now", Long.class).delta(), rt.name());
                t.insert(3L); // something pending: the handed-over Z-set is added to it
                t.handOver(zset(4));
                c.step();
                assertEquals(zset(3, 4), c.output("now", Long.class).delta(), rt.name());
                assertEquals(zset(1, 2), c.output("before", Long.class).delta(), rt.name());
                t.handOver(zset(5));
                t.insert(6L); // a push after a hand-over adds to it
                c.step();
                assertEquals(zset(5, 6), c.output("now", Long.class).delta(), rt.name());
                assertEquals(zset(3, 4), c.output("before", Long.class).delta(), rt.name());
                assertEquals(zset(1, 2, 3, 4, 5, 6), c.output("now", Long.class).view(), rt.name());
            }
        }
    }

    @Test
    void aPublishedChangeIsNotWrittenToByLaterPushes() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(HandOverTest::wire)) {
                Input<Long> t = c.input("t", Long.class);
                t.insert(1L);
                c.step();
                t.insert(2L);
                c.step();
                c.step(); // nothing pending: the change is empty, and stays empty for z^-1
                t.insert(7L);
                c.step();
                assertTrue(c.output("before", Long.class).delta().isEmpty(), rt.name());
                assertEquals(zset(7), c.output("now", Long.class).delta(), rt.name());
            }
        }
    }

    @Test
    void aHandOverIsCheckedLikeAPush() {
        try (CircuitRuntime c = Runtimes.all().get(0).build(b -> {
            InputHandle<Long> t = b.strictInput("t", Long.class);
            b.output("all", Long.class, t.stream().integrate());
        })) {
            Input<Long> t = c.input("t", Long.class);
            ZSet<Long> bad = ZSet.<Long>builder(1).add(9L, -1).build();
            assertThrows(IllegalArgumentException.class, () -> t.handOver(bad));
            assertTrue(t.pending().isEmpty());
            t.handOver(zset(9));
            c.step();
            assertEquals(zset(9), c.output("all", Long.class).view());
        }
    }
}
