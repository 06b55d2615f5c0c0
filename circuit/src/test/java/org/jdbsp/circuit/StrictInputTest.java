package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** Strict inputs: a delete of a row that is not present (committed and pending) fails before anything changes. */
class StrictInputTest {

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    /** A strict input "t", its integral as output "all", and output "checked" through a map failing on 13. */
    private static void wire(CircuitBuilder b) {
        InputHandle<Long> t = b.strictInput("t", Long.class);
        b.output("all", Long.class, t.stream());
        b.output("checked", Long.class, TestOps.map(t.stream(), v -> {
            if (v == 13L) {
                throw new IllegalArgumentException("unlucky");
            }
            return v;
        }));
    }

    @Test
    void deletesOfRowsNotPresentAreRejectedNamingTheRow() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(StrictInputTest::wire)) {
                Input<Long> t = c.input("t", Long.class);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.delete(1L));
                assertMessage(e, "input 't' is strict", "row 1", "not present");
                t.insert(1L);
                t.delete(1L); // a pending row can be deleted
                assertThrows(IllegalArgumentException.class, () -> t.delete(1L), rt.name());
                t.push(2L, 2);
                e = assertThrows(IllegalArgumentException.class, () -> t.push(2L, -3));
                assertMessage(e, "3 copies of row 2", "only 2 present");
                e = assertThrows(IllegalArgumentException.class, () -> t.update(5L, 6L));
                assertMessage(e, "row 5");
                assertThrows(IllegalArgumentException.class, () -> t.update(5L, 5L), "an update of itself too");
                assertEquals(ZSet.builder(1).add(2L, 2).build(), t.pending(), rt.name());
                c.step();
                t.update(2L, 3L); // committed rows count
                t.delete(2L);
                assertThrows(IllegalArgumentException.class, () -> t.delete(2L), rt.name());
                c.step();
                assertEquals(ZSet.of(3L), c.output("all", Long.class).view(), rt.name());
            }
        }
    }

    @Test
    void aZSetPushIsAllOrNothing() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(StrictInputTest::wire)) {
                Input<Long> t = c.input("t", Long.class);
                t.insertAll(new Long[] {1L, 2L, 2L}, 0, 3);
                ZSet<Long> bad = ZSet.<Long>builder(3).add(1L, -1).add(2L, -3).add(9L, 1).build();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.push(bad));
                assertMessage(e, "row 2");
                assertEquals(ZSet.of(1L, 2L, 2L), t.pending(), rt.name());
                t.push(ZSet.<Long>builder(2).add(1L, -1).add(2L, -2).build());
                assertTrue(t.pending().isEmpty(), rt.name());
                assertThrows(IllegalArgumentException.class, () -> t.delete(1L), "the Z-set's deletes count");
            }
        }
    }

    @Test
    void aFailedStepKeepsTheContentsAndClearPendingRestoresTheCommittedOnes() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(StrictInputTest::wire)) {
                Input<Long> t = c.input("t", Long.class);
                t.insert(1L);
                c.step();
                t.insert(13L);
                t.insert(2L);
                assertThrows(OperatorFailedException.class, c::step, rt.name());
                assertEquals(ZSet.of(13L, 2L), t.pending(), rt.name());
                t.delete(2L); // still there, pending
                t.clearPending();
                assertThrows(IllegalArgumentException.class, () -> t.delete(13L), "the pending rows are gone");
                t.delete(1L); // the committed one is back
                c.step();
                assertEquals(ZSet.of(), c.output("all", Long.class).view(), rt.name());
                assertThrows(IllegalArgumentException.class, () -> t.delete(1L), rt.name());
            }
        }
    }

    @Test
    void aCountThatWouldOverflowIsRejectedNamingTheRow() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(StrictInputTest::wire)) {
                Input<Long> t = c.input("t", Long.class);
                t.push(7L, Long.MAX_VALUE);
                c.step(); // the pending change is now empty; the contents still hold the count
                ArithmeticException e = assertThrows(ArithmeticException.class, () -> t.insert(7L));
                assertMessage(e, "input 't'", "row 7");
                e = assertThrows(ArithmeticException.class, () -> t.insertAll(new Long[] {8L, 7L}, 0, 2));
                assertMessage(e, "input 't'", "7");
                assertTrue(t.pending().isEmpty(), "nothing added: " + t.pending());
                t.delete(7L);
                t.insert(7L);
            }
        }
    }

    @Test
    void theContentsAreStateCountedOnce() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(b -> b.output("o", b.strictInput("t", Long.class).stream()))) {
                long before = c.stateRows();
                for (long v = 0; v < 10; v++) {
                    c.input("t", Long.class).insert(v % 4);
                }
                assertEquals(before + 4, c.stateRows(), rt.name() + ": four distinct rows, pending included");
            }
        }
    }

    /** Random inserts and deletes, valid or not, against a model multiset (seeded). */
    @Test
    void randomChangesMatchAModel() {
        long seed = new Random().nextLong();
        for (Runtimes rt : Runtimes.all()) {
            Random random = new Random(seed);
            try (CircuitRuntime c = rt.build(StrictInputTest::wire)) {
                Input<Long> t = c.input("t", Long.class);
                ZSet<Long> committed = new ZSet<>();
                ZSet<Long> current = new ZSet<>();
                for (int step = 0; step < 60; step++) {
                    for (int i = 0, n = random.nextInt(40); i < n; i++) {
                        long v = random.nextInt(12);
                        long w = random.nextInt(5) - 2;
                        boolean valid = current.weight(v) + w >= 0;
                        String where = rt + ", seed " + seed + ", step " + step + ", row " + v + " x " + w;
                        if (valid) {
                            t.push(v, w);
                            current.add(v, w);
                        } else {
                            assertThrows(IllegalArgumentException.class, () -> t.push(v, w), where);
                        }
                    }
                    if (random.nextInt(8) == 0) {
                        t.clearPending();
                        current = committed.copy();
                    }
                    c.step();
                    committed = current.copy();
                    assertEquals(committed, c.output("all", Long.class).view(), rt + ", seed " + seed);
                }
            }
        }
    }
}
