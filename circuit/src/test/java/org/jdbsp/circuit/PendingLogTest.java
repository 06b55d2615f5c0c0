package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** The multi-worker input log: appends without consolidating, and stays exact and atomic on overflow. */
class PendingLogTest {

    private static ZSet<String> z(Object... pairs) {
        ZSet<String> z = new ZSet<>();
        for (int i = 0; i < pairs.length; i += 2) {
            z.add((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return z;
    }

    @Test
    void appendsAndConsolidatesOnDemand() {
        PendingLog<String> log = new PendingLog<>();
        log.add("a", 1);
        log.add("b", 2);
        log.add("a", -1);
        log.update("b", "c");
        log.addAll(z("d", 4));
        assertEquals(6, log.size(), "every push is one entry (update is two), nothing consolidated yet");
        assertNull(log.consolidated());
        assertEquals(z("b", 1, "c", 1, "d", 4), log.toZSet());
        log.add("x", 0);
        assertEquals(6, log.size(), "a zero weight is not logged");
        log.clear();
        assertTrue(log.isEmpty());
        assertEquals(new ZSet<String>(), log.toZSet());
    }

    @Test
    void largeWeightsSwitchToAConsolidatedZSetThatChecksOverflow() {
        PendingLog<String> log = new PendingLog<>();
        log.add("a", Long.MAX_VALUE - 5);
        log.add("b", 3);
        assertNull(log.consolidated(), "the sum of |weights| still fits");
        log.add("b", 10); // |weights| would now exceed Long.MAX_VALUE: the log is consolidated first
        assertNotNull(log.consolidated());
        assertEquals(0, log.size());
        assertEquals(z("a", Long.MAX_VALUE - 5, "b", 13), log.toZSet());
        ZSet<String> before = log.toZSet();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> log.add("a", 6));
        assertTrue(e.getMessage().contains("a"), e.getMessage());
        assertEquals(before, log.toZSet(), "the overflowing push changed nothing");
        assertThrows(ArithmeticException.class, () -> log.addAll(z("c", 1, "a", 100)));
        assertEquals(before, log.toZSet(), "an overflowing addAll changed nothing");
        log.add("a", Long.MIN_VALUE);
        assertEquals(z("a", -6, "b", 13), log.toZSet(), "consolidated adds go on exactly");
        log.clear();
        assertNull(log.consolidated(), "after a step the log starts over");
        log.add("z", Long.MIN_VALUE);
        assertNotNull(log.consolidated(), "|Long.MIN_VALUE| does not fit: consolidated at once");
        assertEquals(z("z", Long.MIN_VALUE), log.toZSet());
    }

    @Test
    void aBulkAddThatWouldBreakTheBoundIsConsolidatedWhole() {
        PendingLog<String> log = new PendingLog<>();
        log.add("a", 7);
        log.addAll(z("b", Long.MAX_VALUE, "c", -1));
        assertNotNull(log.consolidated());
        assertEquals(z("a", 7, "b", Long.MAX_VALUE, "c", -1), log.toZSet());
    }

    @Test
    void overflowThroughAMultiWorkerInputIsRejectedAndTheStepStillRuns() {
        try (WorkerCircuit<Void> c = Workers.build(2, Mode.INCREMENTAL, b -> {
            InputHandle<String> in = b.input("in");
            b.output("out", b.shard(in.stream(), String::hashCode, "by row"));
        })) {
            Input<String> in = c.input("in", String.class);
            in.push("a", Long.MAX_VALUE);
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> in.push("a", 1));
            assertTrue(e.getMessage().startsWith("input 'in': "), e.getMessage());
            in.insert("b");
            assertEquals(z("a", Long.MAX_VALUE, "b", 1), in.pending());
            c.step();
            assertEquals(z("a", Long.MAX_VALUE, "b", 1), c.output("out", String.class).view());
            assertTrue(in.pending().isEmpty());
        }
    }

    @Test
    void insertAllEqualsInsertingOneByOneAndIsAtomic() {
        for (int workers : new int[] {1, 2, 3}) {
            try (WorkerCircuit<Void> c = Workers.build(workers, Mode.INCREMENTAL, b -> {
                InputHandle<String> in = b.input("in");
                b.output("out", b.shard(in.stream(), String::hashCode, "by row"));
            })) {
                Input<String> in = c.input("in", String.class);
                String[] rows = new String[5000];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = "r" + (i % 3000); // repeats: weights 2 and 1
                }
                in.insertAll(rows, 100, 4000);
                ZSet<String> expected = new ZSet<>();
                for (int i = 100; i < 4100; i++) {
                    expected.add(rows[i], 1);
                }
                assertEquals(expected, in.pending(), workers + " workers");
                String[] withNull = {"x", "y", null, "z"};
                NullPointerException npe = assertThrows(NullPointerException.class,
                        () -> in.insertAll(withNull, 0, 4));
                assertTrue(npe.getMessage().contains("index 2"), npe.getMessage());
                assertThrows(IndexOutOfBoundsException.class, () -> in.insertAll(rows, 4990, 20));
                assertEquals(expected, in.pending(), "a rejected insertAll added nothing (" + workers + " workers)");
                in.push("big", Long.MAX_VALUE - 1);
                ArithmeticException e = assertThrows(ArithmeticException.class,
                        () -> in.insertAll(new String[] {"q", "big", "big"}, 0, 3));
                assertTrue(e.getMessage().startsWith("input 'in': "), e.getMessage());
                expected.add("big", Long.MAX_VALUE - 1);
                assertEquals(expected, in.pending(), "an overflowing insertAll added nothing (" + workers + " workers)");
                c.step();
                assertEquals(expected, c.output("out", String.class).view(), workers + " workers");
            }
        }
    }
}
