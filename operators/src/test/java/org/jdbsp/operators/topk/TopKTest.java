package org.jdbsp.operators.topk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TopKTest {
    record Emp(String dept, String name, long salary) {
    }

    /** Highest salary first, then by name: total within a department. */
    static final Comparator<Emp> BY_SALARY = Comparator.comparingLong(Emp::salary).reversed()
            .thenComparing(Emp::name);

    /** A one-input, one-output circuit. */
    static final class One<I, O> {
        final Circuit c;
        final InputHandle<I> in;
        final OutputHandle<O> out;

        One(Mode mode, Function<Stream<I>, Stream<O>> wiring) {
            CircuitBuilder b = new CircuitBuilder(mode);
            in = b.input("in");
            out = b.output("out", wiring.apply(in.stream()));
            c = b.build();
        }
    }

    static Emp e(String d, String n, long s) {
        return new Emp(d, n, s);
    }

    @SafeVarargs
    static <T> ZSet<T> z(T... rows) {
        return ZSet.of(rows);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void topTwoPerDepartment(Mode mode) {
        One<Emp, Emp> t = new One<>(mode, s -> TopK.topK(s, Emp::dept, BY_SALARY, 2));
        t.in.insert(e("eng", "ann", 100));
        t.in.insert(e("eng", "bob", 90));
        t.in.insert(e("eng", "cat", 80));
        t.in.insert(e("ops", "dan", 50));
        t.c.step();
        assertEquals(z(e("eng", "ann", 100), e("eng", "bob", 90), e("ops", "dan", 50)), t.out.view());
        // a new top row pushes bob out
        t.in.insert(e("eng", "eve", 95));
        t.c.step();
        assertEquals(z(e("eng", "ann", 100), e("eng", "eve", 95), e("ops", "dan", 50)), t.out.view());
        ZSet<Emp> d = new ZSet<>();
        d.add(e("eng", "eve", 95), 1);
        d.add(e("eng", "bob", 90), -1);
        assertEquals(d, t.out.delta());
        // deleting the top brings bob back
        t.in.delete(e("eng", "ann", 100));
        t.c.step();
        assertEquals(z(e("eng", "eve", 95), e("eng", "bob", 90), e("ops", "dan", 50)), t.out.view());
        // a row of weight 2 occupies both positions; the output keeps weight 2
        t.in.push(e("ops", "fay", 70), 2);
        t.c.step();
        ZSet<Emp> v = z(e("eng", "eve", 95), e("eng", "bob", 90));
        v.add(e("ops", "fay", 70), 2);
        assertEquals(v, t.out.view());
        // changes below the top change nothing
        t.in.insert(e("ops", "gus", 1));
        t.in.insert(e("eng", "hal", 2));
        t.c.step();
        assertEquals(0, t.out.deltaSize());
        assertEquals(v, t.out.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void rowNumberAndRank(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Emp> in = b.input("in");
        OutputHandle<Ranked<Emp>> rn = b.output("rn", TopK.rowNumber(in.stream(), Emp::dept, BY_SALARY, 3));
        OutputHandle<Ranked<Emp>> rk = b.output("rk", TopK.rank(in.stream(), Emp::dept, BY_SALARY, 3));
        Circuit c = b.build();
        in.insert(e("eng", "ann", 100));
        in.push(e("eng", "bob", 90), 2);
        in.insert(e("eng", "cat", 80));
        c.step();
        assertEquals(z(new Ranked<>(e("eng", "ann", 100), 1), new Ranked<>(e("eng", "bob", 90), 2),
                new Ranked<>(e("eng", "bob", 90), 3)), rn.view());
        ZSet<Ranked<Emp>> r = z(new Ranked<>(e("eng", "ann", 100), 1));
        r.add(new Ranked<>(e("eng", "bob", 90), 2), 2);
        assertEquals(r, rk.view());
        // removing ann renumbers; cat enters at 3 (row number) and rank 3
        in.delete(e("eng", "ann", 100));
        c.step();
        assertEquals(z(new Ranked<>(e("eng", "bob", 90), 1), new Ranked<>(e("eng", "bob", 90), 2),
                new Ranked<>(e("eng", "cat", 80), 3)), rn.view());
        ZSet<Ranked<Emp>> r2 = new ZSet<>();
        r2.add(new Ranked<>(e("eng", "bob", 90), 1), 2);
        r2.add(new Ranked<>(e("eng", "cat", 80), 3), 1);
        assertEquals(r2, rk.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void byLongAndGlobal(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Emp> in = b.input("in");
        OutputHandle<Emp> byLen = b.output("len",
                TopK.topKByLong(in.stream(), x -> x.dept().length(), BY_SALARY, 1));
        OutputHandle<Emp> global = b.output("global", TopK.topK(in.stream(), BY_SALARY, 2));
        OutputHandle<Ranked<Emp>> rnLong = b.output("rn",
                TopK.rowNumberByLong(in.stream(), x -> x.dept().length(), BY_SALARY, 1));
        Circuit c = b.build();
        in.insert(e("eng", "ann", 10));
        in.insert(e("ops", "bob", 30));
        in.insert(e("sales", "cat", 20));
        c.step();
        assertEquals(z(e("ops", "bob", 30), e("sales", "cat", 20)), byLen.view());
        assertEquals(z(e("ops", "bob", 30), e("sales", "cat", 20)), global.view());
        assertEquals(z(new Ranked<>(e("ops", "bob", 30), 1), new Ranked<>(e("sales", "cat", 20), 1)), rnLong.view());
        in.delete(e("ops", "bob", 30));
        c.step();
        assertEquals(z(e("eng", "ann", 10), e("sales", "cat", 20)), byLen.view());
        assertEquals(z(e("eng", "ann", 10), e("sales", "cat", 20)), global.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nonTotalComparatorFailsAndLeavesStateUnchanged(Mode mode) {
        Comparator<Emp> bySalaryOnly = Comparator.comparingLong(Emp::salary);
        One<Emp, Emp> t = new One<>(mode, s -> TopK.topK(s, Emp::dept, bySalaryOnly, 2));
        t.in.insert(e("eng", "ann", 100));
        t.c.step();
        t.in.insert(e("eng", "bob", 100));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, t.c::step);
        assertTrue(ex.operator().startsWith("top-k#"), ex.getMessage());
        assertTrue(ex.getCause() instanceof IllegalArgumentException, ex.getMessage());
        t.in.clearPending();
        // replacing a row by another that compares equal, in one step, is fine
        t.in.update(e("eng", "ann", 100), e("eng", "bob", 100));
        t.c.step();
        assertEquals(z(e("eng", "bob", 100)), t.out.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingUserFunctionNamesOperatorAndLeavesStateUnchanged(Mode mode) {
        One<Emp, Emp> t = new One<>(mode, s -> TopK.topK(s, x -> {
            if (x.name().equals("boom")) {
                throw new IllegalStateException("bad row");
            }
            return x.dept();
        }, BY_SALARY, 1));
        t.in.insert(e("eng", "ann", 100));
        t.c.step();
        t.in.insert(e("eng", "zed", 200));
        t.in.insert(e("eng", "boom", 300));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, t.c::step);
        assertTrue(ex.getMessage().contains("top-k#"), ex.getMessage());
        assertEquals(z(e("eng", "ann", 100)), t.out.view());
        t.in.delete(e("eng", "boom", 300));
        t.c.step();
        assertEquals(z(e("eng", "zed", 200)), t.out.view());
        ZSet<Emp> d = new ZSet<>();
        d.add(e("eng", "zed", 200), 1);
        d.add(e("eng", "ann", 100), -1);
        assertEquals(d, t.out.delta());
    }

    @Test
    void rejectsBadArguments() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Emp> in = b.input("in");
        assertThrows(IllegalArgumentException.class, () -> TopK.topK(in.stream(), Emp::dept, BY_SALARY, 0));
    }

    record R(int g, int v, int id) {
    }

    static final Comparator<R> BY_V = Comparator.comparingInt(R::v).reversed().thenComparingInt(R::id);

    @Test
    void randomIncrementalEqualsNaive() {
        for (long seed = 1; seed <= 30; seed++) {
            Random rnd = new Random(seed);
            // k from the seed: the first nextInt(4) of new Random(seed) is the same for every seed here
            int k = 1 + (int) (seed % 4);
            List<Circuit> circuits = new ArrayList<>();
            List<InputHandle<R>> inputs = new ArrayList<>();
            List<List<OutputHandle<?>>> outputs = new ArrayList<>();
            for (Mode mode : new Mode[] {Mode.INCREMENTAL, Mode.NAIVE}) {
                CircuitBuilder b = new CircuitBuilder(mode);
                InputHandle<R> in = b.input("in");
                List<OutputHandle<?>> outs = new ArrayList<>();
                outs.add(b.output("topk", TopK.topK(in.stream(), R::g, BY_V, k)));
                outs.add(b.output("long", TopK.topKByLong(in.stream(), r -> r.g(), BY_V, k)));
                outs.add(b.output("rn", TopK.rowNumber(in.stream(), R::g, BY_V, k)));
                outs.add(b.output("rank", TopK.rank(in.stream(), R::g, BY_V, k)));
                outs.add(b.output("global", TopK.topK(in.stream(), BY_V.thenComparingInt(R::g), k)));
                circuits.add(b.build());
                inputs.add(in);
                outputs.add(outs);
            }
            List<R> live = new ArrayList<>();
            ZSet<R> total = new ZSet<>();
            for (int step = 0; step < 60; step++) {
                ZSet<R> change = new ZSet<>();
                int n = rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    int op = rnd.nextInt(10);
                    if (op < 5 || live.isEmpty()) {
                        R r = new R(rnd.nextInt(3), rnd.nextInt(8), rnd.nextInt(4));
                        long w = 1 + rnd.nextInt(2);
                        change.add(r, w);
                        for (int j = 0; j < w; j++) {
                            live.add(r);
                        }
                    } else if (op < 9) {
                        R r = live.remove(rnd.nextInt(live.size()));
                        change.add(r, -1);
                    } else {
                        // delete a row that may not exist: weights can go negative (treated as absent)
                        change.add(new R(rnd.nextInt(3), rnd.nextInt(8), rnd.nextInt(4)), -1);
                    }
                }
                total.addAll(change);
                for (int m = 0; m < 2; m++) {
                    inputs.get(m).push(change);
                    circuits.get(m).step();
                }
                for (int o = 0; o < outputs.get(0).size(); o++) {
                    assertEquals(outputs.get(1).get(o).view(), outputs.get(0).get(o).view(),
                            "seed " + seed + " step " + step + " output " + outputs.get(0).get(o).name());
                }
            }
            // retracting everything empties every view and frees all top-k state
            inputs.get(0).push(total.negate());
            circuits.get(0).step();
            for (OutputHandle<?> o : outputs.get(0)) {
                assertEquals(0, o.viewSize(), "seed " + seed + " output " + o.name());
            }
            for (java.util.Map.Entry<String, Long> e : circuits.get(0).stateRowsByOperator().entrySet()) {
                if (!e.getKey().startsWith("input") && !e.getKey().startsWith("output")) {
                    assertEquals(0L, e.getValue(), "seed " + seed + " " + e.getKey());
                }
            }
        }
    }
}
