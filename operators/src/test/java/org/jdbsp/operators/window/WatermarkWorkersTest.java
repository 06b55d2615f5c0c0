package org.jdbsp.operators.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitWiringException;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.WorkerCircuit;
import org.jdbsp.circuit.Workers;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * The watermark under the multi-worker runtime: one {@link Watermark} shared by all replicas, so every worker's
 * window operator drops expired state and the late count is the whole circuit's.
 */
class WatermarkWorkersTest {
    record Ev(long key, long time) {
    }

    static final int KEYS = 40;
    static final long WINDOW = 10;
    static final long LATENESS = 25;

    /**
     * Late filter, 10 ms tumbling windows counted per key with the watermark, output mapped to the key (so the
     * output view has at most {@link #KEYS} rows and the state measured is the window operator's).
     */
    static Watermarked<Ev> wire(CircuitBuilder b) {
        InputHandle<Ev> in = b.input("in");
        Watermarked<Ev> late = Watermarks.withLateness(in.stream(), Ev::time, LATENESS);
        Stream<WindowResult<Long>> results = Aggregates.perWindow(Windows.tumbling(late.stream(), Ev::time, WINDOW),
                Ev::key, Agg.count(), late.watermark());
        b.output("keys", Linear.map(results, WindowResult::key));
        return late;
    }

    @Test
    void everyWorkerDropsExpiredWindowsAndLateCountMatchesOneWorker() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        try (WorkerCircuit<Watermarked<Ev>> one = Workers.wire(1, Mode.INCREMENTAL, WatermarkWorkersTest::wire);
             WorkerCircuit<Watermarked<Ev>> two = Workers.wire(2, Mode.INCREMENTAL, WatermarkWorkersTest::wire);
             WorkerCircuit<Watermarked<Ev>> three = Workers.wire(3, Mode.INCREMENTAL, WatermarkWorkersTest::wire)) {
            assertSame(two.wired().get(0).watermark(), two.wired().get(1).watermark());
            assertSame(three.wired().get(0).watermark(), three.wired().get(2).watermark());
            long clock = 0;
            // live windows per key: those ending after the watermark (<= LATENESS / WINDOW + 2 of them), plus
            // the windows of this step's rows; with KEYS keys, per worker at most:
            long bound = (LATENESS / WINDOW + 3) * KEYS;
            long maxSeen = 0;
            long[] everHeld = new long[3];
            for (int step = 0; step < 400; step++) {
                clock += 1 + rnd.nextInt(8);
                int rows = 1 + rnd.nextInt(30);
                for (int i = 0; i < rows; i++) {
                    // mostly on time, sometimes up to 60 ms behind (late when more than LATENESS behind)
                    long t = Math.max(0, clock - (rnd.nextInt(10) == 0 ? rnd.nextInt(60) : rnd.nextInt(5)));
                    Ev e = new Ev(rnd.nextInt(KEYS), t);
                    one.input("in", Ev.class).insert(e);
                    two.input("in", Ev.class).insert(e);
                    three.input("in", Ev.class).insert(e);
                }
                one.step();
                two.step();
                three.step();
                String where = "step " + step + ", seed " + seed;
                ZSet<Long> expected = one.output("keys", Long.class).view();
                assertEquals(expected, two.output("keys").view(), where);
                assertEquals(expected, three.output("keys").view(), where);
                long late = one.wired().get(0).lateRecords();
                for (WorkerCircuit<Watermarked<Ev>> c : List.of(two, three)) {
                    for (Watermarked<Ev> w : c.wired()) {
                        assertEquals(late, w.lateRecords(), "late count on every replica, " + where);
                        assertEquals(one.wired().get(0).watermark().current(), w.watermark().current(), where);
                    }
                }
                for (WorkerCircuit<Watermarked<Ev>> c : List.of(two, three)) {
                    long[] byWorker = c.stateRowsByWorker();
                    for (int w = 0; w < byWorker.length; w++) {
                        // state = the worker's share of the output view (<= KEYS rows) + its live windows
                        assertTrue(byWorker[w] <= bound + KEYS, "worker " + w + " of " + c.workers() + " holds "
                                + byWorker[w] + " rows > " + (bound + KEYS) + " at " + where + ": "
                                + Arrays.toString(byWorker));
                        maxSeen = Math.max(maxSeen, byWorker[w]);
                        if (c == three) {
                            everHeld[w] = Math.max(everHeld[w], byWorker[w]);
                        }
                    }
                }
            }
            assertTrue(one.wired().get(0).lateRecords() > 0, "the stream had late rows, seed " + seed);
            for (int w = 0; w < 3; w++) {
                assertTrue(everHeld[w] > 0, "worker " + w + " of 3 held window state at some point");
            }
            // the stream covered far more windows than the bound: state really was dropped
            assertTrue(clock / WINDOW * KEYS > 10 * bound, "clock " + clock);
            assertTrue(maxSeen > 0);
        }
    }

    @Test
    void sharedObjectsAreOnePerCircuitAndChecked() {
        try (WorkerCircuit<Object> c = Workers.wire(3, Mode.INCREMENTAL, b -> {
            b.output("o", b.input("in").stream());
            return b.shared("thing", Object::new);
        })) {
            assertSame(c.wired().get(0), c.wired().get(1));
            assertSame(c.wired().get(0), c.wired().get(2));
        }
        CircuitBuilder plain = CircuitBuilder.incremental();
        assertTrue(plain.shared("thing", () -> "x").equals("x"));
        int[] calls = {0};
        assertThrows(CircuitWiringException.class, () -> Workers.wire(2, Mode.INCREMENTAL, b -> {
            b.output("o", b.input("in").stream());
            return b.shared("thing" + calls[0]++, Object::new);
        }));
    }
}
