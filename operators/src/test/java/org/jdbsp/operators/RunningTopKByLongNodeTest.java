package org.jdbsp.operators;

import static org.jdbsp.operators.LocalTopKRows.BY_V;
import static org.jdbsp.operators.LocalTopKRows.before;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.jdbsp.operators.LocalTopKRows.R;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * The running local top-k passes every row with fewer than k copies strictly before it in its group's change
 * (ties, weights above 1, groups larger and smaller than k), drops only rows with k copies before them (and
 * most of those), keeps nothing from one step to the next, and before a row number on several workers gives one worker's results,
 * on short changes and on long ones that the workers split by position.
 */
class RunningTopKByLongNodeTest {
    /** A circuit of an append-only input, the filter with this k, and an output of what passes. */
    private record Filter(Circuit circuit, InputHandle<R> in, OutputHandle<R> out) {
        static Filter of(int k) {
            CircuitBuilder b = CircuitBuilder.incremental();
            InputHandle<R> in = b.appendOnlyInput("in");
            Stream<R> out = b.newStream("local top-k");
            b.addNode(new RunningTopKByLongNode<>(in.stream(), out, R::g, BY_V, k));
            OutputHandle<R> o = b.output("out", out);
            return new Filter(b.build(), in, o);
        }
    }

    @Test
    void passesEveryRowThatMayBeInTheTopKAndDropsOnlyBeatenOnes() {
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            // k and the group count from the seed: the first nextInt of new Random(seed) is nearly the same for
            // seeds 1 to 200; 1 to 8 groups give crowded groups (more than k copies) beside groups of at most k
            int k = 1 + (int) (seed % 4);
            int groups = 1 + (int) (seed / 4 % 8);
            Filter f = Filter.of(k);
            InputHandle<R> in = f.in();
            OutputHandle<R> o = f.out();
            Circuit c = f.circuit();
            for (int step = 0; step < 5; step++) {
                ZSet<R> change = new ZSet<>();
                for (int i = 0, rows = rnd.nextInt(40); i < rows; i++) {
                    // few values: ties; few ids: repeated rows (weights above 1)
                    R r = new R(rnd.nextInt(groups), rnd.nextInt(6), rnd.nextInt(4));
                    change.add(r, 1);
                    in.insert(r);
                }
                c.step();
                ZSet<R> passed = o.delta();
                String where = "seed " + seed + ", k " + k + ", groups " + groups + ", step " + step;
                for (int s = change.nextSlot(0); s >= 0; s = change.nextSlot(s + 1)) {
                    R r = change.elementAt(s);
                    long w = passed.weight(r);
                    if (before(change, r) < k) {
                        assertEquals(change.weightAt(s), w, where + ": " + r + " may be in the top k");
                    } else {
                        assertTrue(w == 0 || w == change.weightAt(s), where + ": " + r + " whole or not at all");
                    }
                }
                passed.forEach((r, w) -> {
                    if (change.weight(r) != w) {
                        fail(where + ": " + r + " passed with weight " + w + ", not in the change so");
                    }
                });
            }
        }
    }

    /**
     * Passing every row would also be correct, so check that it filters: a row passes only if fewer than k rows
     * before it came by, so with the rows in any order but sorted no more than about k ln(m) pass (the order
     * here is the change's slot order, fixed for these rows).
     */
    @Test
    void dropsMostRowsOfACrowdedGroup() {
        Filter f = Filter.of(2);
        InputHandle<R> in = f.in();
        OutputHandle<R> o = f.out();
        Circuit c = f.circuit();
        for (long v = 0; v < 1000; v++) {
            in.insert(new R(3, v * 7919 % 1000, v));
        }
        c.step();
        long passed = o.delta().size();
        assertTrue(passed >= 2 && passed < 100, passed + " of 1,000 rows passed");
    }

    @Test
    void keepsNothingFromOneStepToTheNext() {
        Filter f = Filter.of(1);
        InputHandle<R> in = f.in();
        OutputHandle<R> o = f.out();
        Circuit c = f.circuit();
        in.insert(new R(1, 1, 0));
        c.step();
        in.insert(new R(1, 5, 0)); // beaten by the last step's row, which this step does not see
        c.step();
        assertEquals(ZSet.of(new R(1, 5, 0)), o.delta());
    }

    @Test
    void aNegativeWeightFailsTheStepUnderItsName() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<R> in = b.input("in"); // not append-only: the node is misused on purpose
        Stream<R> out = b.newStream("local top-k");
        b.addNode(new RunningTopKByLongNode<>(in.stream(), out, R::g, BY_V, 2));
        b.output("out", out);
        Circuit c = b.build();
        in.delete(new R(1, 1, 0));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.operator().startsWith("local top-k (running)"), e.getMessage());
    }

    /**
     * Local-global row number over an append-only input on 2 and 3 workers equals one worker's, step by step,
     * with a hot group taking half the rows; the steps alternate between short changes (each worker runs the
     * whole change through the filter) and long ones (split by position). The running filter runs inside the
     * exchange, not as a node of its own.
     */
    @Test
    void beforeARowNumberOnSeveralWorkersGivesOneWorkersResults() {
        long seed = new Random().nextLong();
        Consumer<CircuitBuilder> wiring = b -> {
            InputHandle<R> in = b.appendOnlyInput("in");
            Stream<R> local = TopK.localTopKByLong(in.stream(), R::g, BY_V.thenComparingLong(R::id), 3);
            b.output("out", TopK.rowNumberByLong(local, R::g, BY_V.thenComparingLong(R::id), 3));
        };
        for (int workers : new int[] {2, 3}) {
            Random rnd = new Random(seed);
            try (CircuitRuntime one = Workers.build(1, Mode.INCREMENTAL, wiring);
                 WorkerCircuit<Void> many = Workers.build(workers, Mode.INCREMENTAL, wiring)) {
                List<String> schedule = many.schedule();
                assertTrue(schedule.stream().noneMatch(n -> n.contains("local top-k")), schedule.toString());
                for (int step = 0; step < 12; step++) {
                    int rows = step % 2 == 0 ? rnd.nextInt(500) : 2048 + rnd.nextInt(4000);
                    for (int i = 0; i < rows; i++) {
                        long g = rnd.nextBoolean() ? 7 : rnd.nextInt(300); // group 7 is hot
                        R r = new R(g, rnd.nextInt(1000), rnd.nextInt(3));
                        one.<R>input("in").insert(r);
                        many.<R>input("in").insert(r);
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
}
