package org.jdbsp.circuit.runtime;

import static org.jdbsp.circuit.TestOps.filter;
import static org.jdbsp.circuit.TestOps.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Input;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.WorkerCircuit;
import org.jdbsp.circuit.Workers;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An elementwise operator that holds rows back until the end of a pass ({@link ElementwiseNode#endPass}) loses
 * none of them, and what it pushes then goes through the later stages, in every pipeline that runs it: its own
 * node, a fused chain, and an exchange after an input, whole or split by position across the workers.
 */
@Timeout(120)
class EndPassTest {

    /** The identity, holding every row until the end of the pass; fails there on {@code failAt}. */
    private static Stream<Long> holdBack(Stream<Long> in, long failAt) {
        CircuitBuilder c = in.circuit();
        Stream<Long> out = c.newStream("hold back");
        c.addNode(new ElementwiseNode<Long, Long>("hold back", in, out) {
            private Object[] rows = new Object[16];
            private long[] weights = new long[16];
            private int size;

            @Override
            protected void beginPass() {
                Arrays.fill(rows, 0, size, null);
                size = 0;
            }

            @Override
            public Stage stage(Stage next) {
                return (e, w) -> {
                    if (size == rows.length) {
                        rows = Arrays.copyOf(rows, size * 2);
                        weights = Arrays.copyOf(weights, size * 2);
                    }
                    rows[size] = e;
                    weights[size++] = w;
                };
            }

            @Override
            protected void endPass(Stage next) {
                for (int i = 0; i < size; i++) {
                    if (rows[i].equals(failAt)) {
                        throw failure(new IllegalArgumentException("held back " + failAt));
                    }
                    next.accept(rows[i], weights[i]);
                }
            }

            @Override
            public boolean isLinear() {
                return false;
            }
        });
        return out;
    }

    @Test
    void heldBackRowsGoThroughTheLaterStagesOfTheirPass() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Long> in = b.input("in");
        Stream<Long> alone = holdBack(in.stream(), -1);
        Stream<Long> chained = filter(holdBack(map(holdBack(in.stream(), -1), x -> x * 3), -1), x -> x % 2 == 0);
        b.output("alone", alone);
        b.output("chained", chained);
        var c = b.build();
        ZSet<Long> all = new ZSet<>();
        Random rnd = new Random(7);
        for (int step = 0; step < 6; step++) {
            ZSet<Long> change = new ZSet<>();
            for (int i = 0; i < 50; i++) {
                long x = rnd.nextInt(40);
                long w = rnd.nextInt(3) == 0 && all.weight(x) > 0 ? -1 : 1;
                if (w < 0) {
                    in.delete(x);
                } else {
                    in.insert(x);
                }
                change.add(x, w);
                all.add(x, w);
            }
            c.step();
            ZSet<Long> tripledEven = new ZSet<>();
            change.forEach((x, w) -> {
                if (x * 3 % 2 == 0) {
                    tripledEven.add(x * 3, w);
                }
            });
            assertEquals(change, c.output("alone", Long.class).delta(), "step " + step);
            assertEquals(tripledEven, c.output("chained", Long.class).delta(), "step " + step);
        }
    }

    /**
     * Two operators holding rows back around a map, between an input and an exchange, on 2 and 3 workers: equal
     * to one worker at every step, for short changes (every worker runs the whole change) and long insert-only
     * ones (split by position), and for an input with deletes (consolidated first). Seeded.
     */
    @Test
    void heldBackRowsReachTheirOwnersFromEveryExchangePath() {
        long seed = new Random().nextLong();
        Consumer<CircuitBuilder> wiring = b -> {
            InputHandle<Long> appended = b.appendOnlyInput("appended");
            Stream<Long> s = holdBack(map(holdBack(appended.stream(), -1), x -> x + 1), -1);
            b.output("appended", b.shard(s, x -> (int) (x % 7), "by x%7"));
            InputHandle<Long> changed = b.input("changed");
            b.output("changed", b.shard(holdBack(changed.stream(), -1), x -> (int) (x % 5), "by x%5"));
        };
        for (int workers : new int[] {2, 3}) {
            Random rnd = new Random(seed);
            try (CircuitRuntime one = Workers.build(1, Mode.INCREMENTAL, wiring);
                 WorkerCircuit<Void> many = Workers.build(workers, Mode.INCREMENTAL, wiring)) {
                List<String> schedule = many.schedule();
                assertTrue(schedule.stream().noneMatch(n -> n.contains("hold back")), schedule.toString());
                ZSet<Long> live = new ZSet<>();
                for (int step = 0; step < 16; step++) {
                    int rows = step % 2 == 0 ? rnd.nextInt(300) : 2048 + rnd.nextInt(3000);
                    for (int i = 0; i < rows; i++) {
                        long x = rnd.nextInt(2000);
                        one.input("appended", Long.class).insert(x);
                        many.input("appended", Long.class).insert(x);
                        if (rnd.nextInt(4) == 0 && live.weight(x) > 0) {
                            one.input("changed", Long.class).delete(x);
                            many.input("changed", Long.class).delete(x);
                            live.add(x, -1);
                        } else {
                            one.input("changed", Long.class).insert(x);
                            many.input("changed", Long.class).insert(x);
                            live.add(x, 1);
                        }
                    }
                    one.step();
                    many.step();
                    for (String o : new String[] {"appended", "changed"}) {
                        String where = o + ", " + workers + " workers, step " + step + ", seed " + seed;
                        assertEquals(one.output(o, Long.class).delta(), many.output(o, Long.class).delta(), where);
                        assertEquals(one.output(o, Long.class).view(), many.output(o, Long.class).view(), where);
                    }
                }
            }
        }
    }

    /**
     * A failure at the end of a pass, on one worker's part of a long change, fails the step under the
     * operator's name and changes nothing; once the failing row is withdrawn the rest goes through once.
     */
    @Test
    void aFailureAtTheEndOfAPassFailsTheStepUnderItsName() {
        try (WorkerCircuit<Void> c = Workers.build(2, Mode.INCREMENTAL, b -> {
            InputHandle<Long> in = b.input("in");
            b.output("out", b.shard(holdBack(in.stream(), 13), x -> (int) (long) x, "by x"));
        })) {
            Input<Long> in = c.input("in", Long.class);
            ZSet<Long> expected = new ZSet<>();
            for (long x = 100; x < 5100; x++) {
                in.insert(x);
                expected.add(x, 1);
            }
            in.insert(13L);
            OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
            assertTrue(e.operator().startsWith("hold back"), e.getMessage());
            assertEquals(new ZSet<Long>(), c.output("out", Long.class).view(), "the failed step changed nothing");
            in.delete(13L);
            c.step();
            assertEquals(expected, c.output("out", Long.class).view(), "the pending rows, once each");
        }
    }
}
