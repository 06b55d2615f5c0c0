package org.jdbsp.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.Workers;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.join.Pair;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.operators.window.Watermarked;
import org.jdbsp.operators.window.Watermarks;
import org.jdbsp.operators.window.Windows;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The operator library under the multi-worker runtime: N workers give the results of one, in both modes. */
@Timeout(300)
class WorkersTest {
    record Edge(long from, long to) {
    }

    /** Runs {@code wiring} as a plain circuit (workers = 0) or with workers. */
    static CircuitRuntime runtime(int workers, Mode mode, Consumer<CircuitBuilder> wiring) {
        if (workers == 0) {
            CircuitBuilder b = new CircuitBuilder(mode);
            wiring.accept(b);
            return b.build();
        }
        return Workers.build(workers, mode, wiring);
    }

    /** Several grouped operators over two inputs of edges, one output each. */
    static void manyOperators(CircuitBuilder b) {
        InputHandle<Edge> x = b.input("x");
        InputHandle<Edge> y = b.input("y");
        Stream<Edge> a = x.stream();
        Stream<Edge> c = y.stream();
        b.output("join", Joins.join(a, c, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to())));
        b.output("joinOnLong", Joins.joinOnLong(a, c, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to())));
        b.output("left", Joins.leftJoin(a, c, Edge::to, Edge::from, Pair::new));
        b.output("full", Joins.fullJoin(a, c, Edge::to, Edge::from, Pair::new));
        b.output("semi", Joins.semijoin(a, c, Edge::to, Edge::from));
        b.output("anti", Joins.antijoinOnLong(a, c, Edge::to, Edge::from));
        b.output("count", Aggregates.count(a, Edge::from, Pair::new));
        b.output("sumByLong", Aggregates.sumByLong(a, Edge::from, Edge::to, (k, v) -> new Edge(k, v)));
        b.output("min", Aggregates.min(a, Edge::from, Edge::to, Pair::new));
        b.output("maxByLong", Aggregates.maxByLong(a, Edge::from, Edge::to, (k, v) -> new Edge(k, v)));
        b.output("countAll", Aggregates.countAll(a, n -> n));
        b.output("distinct", Distinct.distinct(Linear.map(a, e -> e.from())));
        b.output("closure", closure(b, a));
    }

    /** Transitive closure: closure = distinct(edges + closure ⋈ edges). */
    static Stream<Edge> closure(CircuitBuilder b, Stream<Edge> edges) {
        return b.recursive("tc", (inner, self) -> {
            Stream<Edge> e = inner.enter(edges);
            Stream<Edge> step = Joins.join(self, e, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to()));
            return Distinct.distinct(Linear.union(e, step));
        });
    }

    static final List<String> OUTPUTS = List.of("join", "joinOnLong", "left", "full", "semi", "anti", "count",
            "sumByLong", "min", "maxByLong", "countAll", "distinct", "closure");

    @Test
    void randomRunsAgreeWithOneWorkerAndNaive() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        List<CircuitRuntime> runs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            runs.add(runtime(0, Mode.NAIVE, WorkersTest::manyOperators));
            names.add("naive");
            runs.add(runtime(0, Mode.INCREMENTAL, WorkersTest::manyOperators));
            names.add("incremental");
            for (int w = 1; w <= 4; w++) {
                runs.add(runtime(w, Mode.INCREMENTAL, WorkersTest::manyOperators));
                names.add(w + " workers");
            }
            runs.add(runtime(3, Mode.NAIVE, WorkersTest::manyOperators));
            names.add("3 workers naive");
            List<ZSet<Edge>> present = List.of(new ZSet<>(), new ZSet<>());
            for (int step = 0; step < 25; step++) {
                int changes = rnd.nextInt(8);
                for (int i = 0; i < changes; i++) {
                    int input = rnd.nextInt(2);
                    Edge e = new Edge(rnd.nextInt(6), rnd.nextInt(6));
                    long w = present.get(input).weight(e) > 0 && rnd.nextBoolean() ? -1 : 1;
                    present.get(input).add(e, w);
                    for (CircuitRuntime r : runs) {
                        r.input(input == 0 ? "x" : "y", Edge.class).push(e, w);
                    }
                }
                for (CircuitRuntime r : runs) {
                    r.step();
                }
                for (String out : OUTPUTS) {
                    ZSet<Object> view = runs.get(0).output(out, Object.class).view();
                    ZSet<Object> delta = runs.get(0).output(out, Object.class).delta();
                    for (int i = 1; i < runs.size(); i++) {
                        String where = out + " at step " + step + ", " + names.get(i) + " vs naive, seed " + seed;
                        assertEquals(view, runs.get(i).output(out).view(), where);
                        assertEquals(delta, runs.get(i).output(out).delta(), where);
                    }
                }
            }
            assertTrue(runs.get(5).stateRows() > 0);
        } finally {
            runs.forEach(CircuitRuntime::close);
        }
    }

    /** Lateness filter (gathered on one worker), session windows and tumbling-window counts keyed by from. */
    static void windows(CircuitBuilder b) {
        InputHandle<Edge> x = b.input("x");
        b.input("y");
        Watermarked<Edge> late = Watermarks.withLateness(x.stream(), Edge::to, 3);
        b.output("late", late.stream());
        b.output("session", Windows.session(late.stream(), Edge::from, Edge::to, 2, late.watermark()));
        b.output("window", Aggregates.perWindow(Windows.tumbling(late.stream(), Edge::to, 4), Edge::from,
                Agg.count(), late.watermark()));
        b.output("topk", TopK.topKByLong(x.stream(), Edge::from, java.util.Comparator.comparingLong(Edge::to), 2));
        b.output("rank", TopK.rank(x.stream(), Edge::to, java.util.Comparator.comparingLong(Edge::from), 2));
    }

    @Test
    void windowsWatermarksAndTopKAgreeWithOneWorker() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        List<CircuitRuntime> runs = new ArrayList<>();
        try {
            runs.add(runtime(0, Mode.NAIVE, WorkersTest::windows));
            runs.add(runtime(0, Mode.INCREMENTAL, WorkersTest::windows));
            for (int w = 2; w <= 4; w++) {
                runs.add(runtime(w, Mode.INCREMENTAL, WorkersTest::windows));
            }
            runs.add(runtime(3, Mode.NAIVE, WorkersTest::windows));
            ZSet<Edge> present = new ZSet<>();
            long clock = 0;
            for (int step = 0; step < 30; step++) {
                clock += rnd.nextInt(3);
                int changes = rnd.nextInt(6);
                for (int i = 0; i < changes; i++) {
                    Edge e = new Edge(rnd.nextInt(4), Math.max(0, clock - rnd.nextInt(6)));
                    long w = present.weight(e) > 0 && rnd.nextInt(3) == 0 ? -1 : 1;
                    present.add(e, w);
                    for (CircuitRuntime r : runs) {
                        r.input("x", Edge.class).push(e, w);
                    }
                }
                for (CircuitRuntime r : runs) {
                    r.step();
                }
                for (String out : List.of("late", "session", "window", "topk", "rank")) {
                    for (int i = 1; i < runs.size(); i++) {
                        String where = out + " at step " + step + ", run " + i + " vs naive, seed " + seed;
                        assertEquals(runs.get(0).output(out).view(), runs.get(i).output(out).view(), where);
                        assertEquals(runs.get(0).output(out).delta(), runs.get(i).output(out).delta(), where);
                    }
                }
            }
        } finally {
            runs.forEach(CircuitRuntime::close);
        }
    }

    @Test
    void failingKeyFunctionNamesTheJoinAsWithOneWorker() {
        Consumer<CircuitBuilder> wiring = b -> {
            InputHandle<Edge> x = b.input("x");
            InputHandle<Edge> y = b.input("y");
            b.output("out", Joins.join(x.stream(), y.stream(), e -> {
                if (e.to() == 99) {
                    throw new IllegalArgumentException("bad key");
                }
                return e.to();
            }, Edge::from, Pair::new));
        };
        try (CircuitRuntime one = runtime(0, Mode.INCREMENTAL, wiring);
             CircuitRuntime many = runtime(3, Mode.INCREMENTAL, wiring)) {
            for (CircuitRuntime r : List.of(one, many)) {
                for (long i = 0; i < 20; i++) {
                    r.input("x", Edge.class).insert(new Edge(i, i % 5));
                    r.input("y", Edge.class).insert(new Edge(i % 5, i));
                }
                r.step();
                r.input("x", Edge.class).insert(new Edge(7, 99));
                r.input("x", Edge.class).insert(new Edge(8, 1));
            }
            OperatorFailedException e1 = assertThrows(OperatorFailedException.class, one::step);
            OperatorFailedException en = assertThrows(OperatorFailedException.class, many::step);
            assertEquals(e1.getMessage(), en.getMessage());
            assertTrue(en.operator().startsWith("join#"), en.operator());
            assertInstanceOf(IllegalArgumentException.class, en.getCause());
            for (CircuitRuntime r : List.of(one, many)) {
                r.input("x", Edge.class).delete(new Edge(7, 99));
                r.step();
            }
            assertEquals(one.output("out").view(), many.output("out").view());
            assertEquals(one.output("out").delta(), many.output("out").delta());
            assertEquals(2, many.stepCount());
        }
    }

    @Test
    void gatheredAggregatesRunOnOneWorker() {
        try (var c = Workers.build(3, Mode.INCREMENTAL, b -> {
            InputHandle<Long> in = b.input("in");
            b.output("n", Aggregates.countAll(in.stream(), n -> n));
        })) {
            for (long i = 0; i < 100; i++) {
                c.input("in", Long.class).insert(i);
            }
            c.step();
            assertEquals(ZSet.of(100L), c.output("n").view());
            long[] rows = c.stateRowsByWorker();
            int withAggregateState = 0;
            for (long r : rows) {
                // every worker keeps its output view row(s) only if it owns the global group
                withAggregateState += r > 0 ? 1 : 0;
            }
            assertEquals(1, withAggregateState, java.util.Arrays.toString(rows));
        }
    }
}
