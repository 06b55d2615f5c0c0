package org.jdbsp.operators.topk;

import static org.jdbsp.operators.topk.LocalTopKRows.BY_V;
import static org.jdbsp.operators.topk.LocalTopKRows.before;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.WorkerCircuit;
import org.jdbsp.circuit.Workers;
import org.jdbsp.operators.spi.LongKeySpace;
import org.jdbsp.operators.spi.ObjectKeySpace;
import org.jdbsp.operators.spi.RowKey;
import org.jdbsp.operators.topk.LocalTopKRows.R;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-pass local top-k passes exactly the rows of a step's change with fewer than k copies strictly before
 * them in their group (a tie run at position k whole), whatever the order the rows come in, keeps nothing from
 * one step to the next, fails on a negative weight or a null key under its own name, and before a top-k on
 * several workers gives one worker's results, on short changes and on long ones split by position.
 */
class PassTopKNodeTest {
    /** A circuit of an append-only input, the combiner with this k, and an output of what it passes. */
    private record Combiner(Circuit circuit, InputHandle<R> in, OutputHandle<R> out) {
        static Combiner of(int k) {
            CircuitBuilder b = CircuitBuilder.incremental();
            InputHandle<R> in = b.appendOnlyInput("in");
            Stream<R> out = b.newStream("local top-k");
            // both key strategies: odd k long keys, even k object keys
            RowKey<R> group = k % 2 == 1 ? RowKey.ofLong(new LongKeySpace(), R::g) : RowKey.of(new ObjectKeySpace(), R::g);
            b.addNode(new PassTopKNode<R>(in.stream(), out, group, BY_V, k));
            OutputHandle<R> o = b.output("out", out);
            return new Combiner(b.build(), in, o);
        }
    }

    @Test
    void passesExactlyTheRowsWithFewerThanKCopiesBeforeThem() {
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            int k = 1 + (int) (seed % 4);
            int groups = 1 + (int) (seed / 4 % 8);
            Combiner f = Combiner.of(k);
            for (int step = 0; step < 5; step++) {
                ZSet<R> change = new ZSet<>();
                for (int i = 0, rows = rnd.nextInt(40); i < rows; i++) {
                    // few values: ties; few ids: repeated rows (weights above 1)
                    R r = new R(rnd.nextInt(groups), rnd.nextInt(6), rnd.nextInt(4));
                    change.add(r, 1);
                    f.in().insert(r);
                }
                f.circuit().step();
                ZSet<R> expected = new ZSet<>();
                change.forEach((r, w) -> {
                    if (before(change, r) < k) {
                        expected.add(r, w);
                    }
                });
                assertEquals(expected, f.out().delta(), "seed " + seed + ", k " + k + ", groups " + groups
                        + ", step " + step);
            }
        }
    }

    /** A group whose rows come best-last (the latest bid, by time) is cut down to k all the same. */
    @Test
    void cutsAGroupDownToKWhicheverOrderItsRowsComeIn() {
        Combiner f = Combiner.of(2);
        for (long v = 1000; v > 0; v--) {
            f.in().insert(new R(3, v, v)); // pushed worst first; the change keeps its own slot order
        }
        for (long v = 0; v < 1000; v++) {
            f.in().insert(new R(4, v * 7919 % 1000, v));
        }
        f.circuit().step();
        assertEquals(ZSet.of(new R(3, 1, 1), new R(3, 2, 2), new R(4, 0, 0), new R(4, 1, 679)), f.out().delta());
    }

    @Test
    void keepsNothingFromOneStepToTheNext() {
        Combiner f = Combiner.of(1);
        f.in().insert(new R(1, 1, 0));
        f.circuit().step();
        f.in().insert(new R(1, 5, 0)); // beaten by the last step's row, which this step does not see
        f.circuit().step();
        assertEquals(ZSet.of(new R(1, 5, 0)), f.out().delta());
    }

    @Test
    void aNegativeWeightOrANullKeyFailsTheStepUnderItsName() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<R> in = b.input("in"); // not append-only: the node is misused on purpose
        Stream<R> out = b.newStream("local top-k");
        b.addNode(new PassTopKNode<R>(in.stream(), out,
                RowKey.of(new ObjectKeySpace(), (R r) -> r.g() < 0 ? null : r.g()), BY_V, 2));
        b.output("out", out);
        Circuit c = b.build();
        in.delete(new R(1, 1, 0));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.operator().startsWith("local top-k (per pass)"), e.getMessage());
        in.insert(new R(1, 1, 0)); // cancels the pending delete
        in.insert(new R(-1, 1, 0));
        e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.operator().startsWith("local top-k (per pass)"), e.getMessage());
        assertTrue(e.getCause().getMessage().contains("null"), e.getCause().getMessage());
    }

    /**
     * Local-global top-k over an append-only input on 2 and 3 workers equals one worker's, step by step, with a
     * hot group taking half the rows and rows pushed best-last in some steps; short changes (each worker runs the
     * whole change through the combiner) alternate with long ones (split by position). The combiner runs inside
     * the exchange, not as a node of its own. With object keys before a top-k, with {@code long} keys before a
     * row number.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void beforeATopKOnSeveralWorkersGivesOneWorkersResults(boolean longKeys) {
        long seed = new Random().nextLong();
        Comparator<R> total = BY_V.thenComparingLong(R::id);
        Consumer<CircuitBuilder> wiring = b -> {
            InputHandle<R> in = b.appendOnlyInput("in");
            if (longKeys) {
                Stream<R> local = TopK.localTopKByLong(in.stream(), R::g, total, 3);
                b.output("out", TopK.rowNumberByLong(local, R::g, total, 3));
            } else {
                Stream<R> local = TopK.localTopK(in.stream(), R::g, total, 3);
                b.output("out", TopK.topK(local, R::g, total, 3));
            }
        };
        for (int workers : new int[] {2, 3}) {
            Random rnd = new Random(seed);
            try (CircuitRuntime one = Workers.build(1, Mode.INCREMENTAL, wiring);
                 WorkerCircuit<Void> many = Workers.build(workers, Mode.INCREMENTAL, wiring)) {
                List<String> schedule = many.schedule();
                assertTrue(schedule.stream().noneMatch(n -> n.contains("local top-k")), schedule.toString());
                long next = 1_000_000;
                for (int step = 0; step < 12; step++) {
                    int rows = step % 2 == 0 ? rnd.nextInt(500) : 2048 + rnd.nextInt(4000);
                    boolean bestLast = step % 3 == 1;
                    for (int i = 0; i < rows; i++) {
                        long g = rnd.nextBoolean() ? 7 : rnd.nextInt(300); // group 7 is hot
                        R r = new R(g, bestLast ? next-- : rnd.nextInt(1000), rnd.nextInt(3));
                        one.input("in", R.class).insert(r);
                        many.input("in", R.class).insert(r);
                    }
                    one.step();
                    many.step();
                    String where = workers + " workers, step " + step + ", seed " + seed;
                    assertEquals(one.output("out").delta(), many.output("out").delta(), where);
                    assertEquals(one.output("out").view(), many.output("out").view(), where);
                }
            }
        }
    }

    /** Two different rows tying within the top k fail the step on several workers as on one. */
    @Test
    void aTieWithinTheTopKFailsOnSeveralWorkersAsOnOne() {
        Consumer<CircuitBuilder> wiring = b -> {
            InputHandle<R> in = b.appendOnlyInput("in");
            b.output("out", TopK.topK(TopK.localTopK(in.stream(), R::g, BY_V, 2), R::g, BY_V, 2));
        };
        for (int workers : new int[] {1, 2}) {
            try (CircuitRuntime c = Workers.build(workers, Mode.INCREMENTAL, wiring)) {
                for (long id = 0; id < 3000; id++) {
                    // the first and last rows tie at the top, in different halves of the change
                    c.input("in", R.class).insert(new R(1, id == 0 || id == 2999 ? 0 : 1 + id, id));
                }
                OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step,
                        workers + " workers");
                assertTrue(e.operator().startsWith("top-k"), e.getMessage());
            }
        }
    }
}
