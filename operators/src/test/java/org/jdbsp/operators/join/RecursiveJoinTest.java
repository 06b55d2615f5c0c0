package org.jdbsp.operators.join;

import static org.jdbsp.operators.join.JoinTestSupport.z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitWiringException;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.NestedScope;
import org.jdbsp.circuit.NestedState;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The inner join inside recursive circuits: transitive closure and path counting, checked by brute force. */
class RecursiveJoinTest {

    record Edge(int from, int to) {
        @Override
        public String toString() {
            return from + "->" + to;
        }
    }

    /** Which distinct to use inside the recursion. */
    enum DistinctImpl { REFERENCE, LIBRARY }

    static <T> Stream<T> distinctOf(Stream<T> s, DistinctImpl impl) {
        return impl == DistinctImpl.LIBRARY ? Distinct.distinct(s) : RefDistinct.of(s);
    }

    /** How the recursive step joins: which side the recursive stream is on, and with which key type. */
    enum Shape {
        /** closure ⋈ edges on path.to = edge.from. */
        SELF_LEFT,
        /** edges ⋈ closure on edge.to = path.from: the right input changes at later iterations. */
        SELF_RIGHT,
        /** closure ⋈ closure (non-linear recursion): both inputs change at later iterations. */
        SELF_SELF,
        /** SELF_LEFT with joinOnLong. */
        ON_LONG
    }

    /** closure = distinct(edges + step(closure, edges)). */
    static Stream<Edge> closure(CircuitBuilder b, Stream<Edge> edges, DistinctImpl impl, Shape shape) {
        return b.recursive("tc", (inner, self) -> {
            Stream<Edge> e = inner.enter(edges);
            Stream<Edge> step = switch (shape) {
                case SELF_LEFT -> Joins.join(self, e, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to()));
                case SELF_RIGHT -> Joins.join(e, self, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to()));
                case SELF_SELF -> Joins.join(self, self, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to()));
                case ON_LONG -> Joins.joinOnLong(self, e, Edge::to, Edge::from,
                        (p, q) -> new Edge(p.from(), q.to()));
            };
            return distinctOf(Linear.union(e, step), impl);
        });
    }

    static final class Tc {
        final InputHandle<Edge> edges;
        final OutputHandle<Edge> out;
        final Circuit circuit;

        Tc(Mode mode, DistinctImpl impl, Shape shape) {
            CircuitBuilder b = new CircuitBuilder(mode);
            edges = b.input("edges");
            out = b.output("tc", closure(b, edges.stream(), impl, shape));
            circuit = b.build();
        }
    }

    static ZSet<Edge> bruteForceClosure(Set<Edge> edges) {
        Map<Integer, List<Integer>> succ = new HashMap<>();
        for (Edge e : edges) {
            succ.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        }
        ZSet<Edge> r = new ZSet<>();
        for (Integer start : succ.keySet()) {
            Set<Integer> seen = new HashSet<>();
            Deque<Integer> todo = new ArrayDeque<>(succ.get(start));
            while (!todo.isEmpty()) {
                int n = todo.poll();
                if (seen.add(n)) {
                    r.add(new Edge(start, n), 1);
                    todo.addAll(succ.getOrDefault(n, List.of()));
                }
            }
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void transitiveClosureLiteral(Mode mode) {
        for (Shape shape : Shape.values()) {
            transitiveClosureLiteral(mode, shape);
        }
    }

    void transitiveClosureLiteral(Mode mode, Shape shape) {
        Tc tc = new Tc(mode, DistinctImpl.REFERENCE, shape);
        tc.edges.insert(new Edge(1, 2));
        tc.edges.insert(new Edge(2, 3));
        tc.circuit.step();
        assertEquals(z(new Edge(1, 2), 1, new Edge(2, 3), 1, new Edge(1, 3), 1), tc.out.view());
        tc.edges.insert(new Edge(3, 4));
        tc.circuit.step();
        assertEquals(z(new Edge(3, 4), 1, new Edge(2, 4), 1, new Edge(1, 4), 1), tc.out.delta());
        // an alternative path: nothing changes
        tc.edges.insert(new Edge(1, 3));
        tc.circuit.step();
        assertEquals(z(), tc.out.delta());
        // removing 2->3 keeps 1->3 (direct edge) and 1->4 via 1->3->4
        tc.edges.delete(new Edge(2, 3));
        tc.circuit.step();
        assertEquals(z(new Edge(2, 3), -1, new Edge(2, 4), -1), tc.out.delta());
        // a cycle
        tc.edges.insert(new Edge(4, 1));
        tc.circuit.step();
        assertEquals(bruteForceClosure(Set.of(new Edge(1, 2), new Edge(3, 4), new Edge(1, 3), new Edge(4, 1))),
                tc.out.view());
    }

    void randomClosure(long seed, DistinctImpl impl, Shape shape) {
        Tc inc = new Tc(Mode.INCREMENTAL, impl, shape);
        Tc naive = new Tc(Mode.NAIVE, impl, shape);
        Random rnd = new Random(seed);
        Set<Edge> edges = new LinkedHashSet<>();
        int nodes = 7;
        for (int step = 0; step < 150; step++) {
            int changes = 1 + rnd.nextInt(3);
            for (int c = 0; c < changes; c++) {
                if (!edges.isEmpty() && rnd.nextInt(5) < 2) {
                    List<Edge> list = new ArrayList<>(edges);
                    Edge e = list.get(rnd.nextInt(list.size()));
                    edges.remove(e);
                    inc.edges.delete(e);
                    naive.edges.delete(e);
                } else {
                    Edge e = new Edge(rnd.nextInt(nodes), rnd.nextInt(nodes));
                    if (edges.add(e)) {
                        inc.edges.insert(e);
                        naive.edges.insert(e);
                    }
                }
            }
            inc.circuit.step();
            naive.circuit.step();
            ZSet<Edge> expected = bruteForceClosure(edges);
            assertEquals(expected, inc.out.view(), shape + " incremental, seed " + seed + ", step " + step
                    + ", edges " + edges);
            assertEquals(expected, naive.out.view(), "naive, seed " + seed + ", step " + step);
            assertEquals(naive.out.delta(), inc.out.delta(), "delta, seed " + seed + ", step " + step);
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void randomTransitiveClosureWithReferenceDistinct(Shape shape) {
        for (long seed = 1; seed <= 4; seed++) {
            randomClosure(seed, DistinctImpl.REFERENCE, shape);
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void randomTransitiveClosureWithLibraryDistinct(Shape shape) {
        for (long seed = 10; seed <= 12; seed++) {
            randomClosure(seed, DistinctImpl.LIBRARY, shape);
        }
    }

    /** Path counting on a DAG (no distinct): paths = edges + paths ⋈ edges, weights count the paths. */
    @ParameterizedTest
    @EnumSource(value = Shape.class, names = {"SELF_LEFT", "SELF_RIGHT"})
    void randomPathCountsOnDagIncrementalEqualsNaive(Shape shape) {
        for (long seed = 100; seed <= 104; seed++) {
            Map<Mode, InputHandle<Edge>> in = new HashMap<>();
            Map<Mode, OutputHandle<Edge>> out = new HashMap<>();
            for (Mode mode : Mode.values()) {
                CircuitBuilder b = new CircuitBuilder(mode);
                InputHandle<Edge> edges = b.input("edges");
                Stream<Edge> paths = b.recursive("paths", (inner, self) -> {
                    Stream<Edge> e = inner.enter(edges.stream());
                    return Linear.union(e, shape == Shape.SELF_LEFT
                            ? Joins.join(self, e, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to()))
                            : Joins.join(e, self, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to())));
                });
                in.put(mode, edges);
                out.put(mode, b.output("paths", paths));
                Circuit c = b.build();
                in.put(mode, edges);
                circuits.put(mode, c);
            }
            Random rnd = new Random(seed);
            ZSet<Edge> live = new ZSet<>();
            for (int step = 0; step < 120; step++) {
                for (int c = rnd.nextInt(4); c > 0; c--) {
                    int a = rnd.nextInt(7);
                    int bb = a + 1 + rnd.nextInt(3);
                    Edge e = new Edge(a, bb);
                    long w = live.weight(e) > 0 && rnd.nextInt(3) == 0 ? -1 : 1;
                    live.add(e, w);
                    for (Mode mode : Mode.values()) {
                        in.get(mode).push(e, w);
                    }
                }
                for (Mode mode : Mode.values()) {
                    circuits.get(mode).step();
                }
                assertEquals(countPaths(live), out.get(Mode.NAIVE).view(), "naive, seed " + seed + ", step " + step);
                assertEquals(out.get(Mode.NAIVE).view(), out.get(Mode.INCREMENTAL).view(),
                        "seed " + seed + ", step " + step);
                assertEquals(out.get(Mode.NAIVE).delta(), out.get(Mode.INCREMENTAL).delta(),
                        "seed " + seed + ", step " + step);
            }
            circuits.clear();
        }
    }

    private final Map<Mode, Circuit> circuits = new HashMap<>();

    /** Number of paths between every pair of nodes of a DAG with edge multiplicities. */
    static ZSet<Edge> countPaths(ZSet<Edge> edges) {
        ZSet<Edge> result = new ZSet<>();
        ZSet<Edge> frontier = edges.copy();
        while (!frontier.isEmpty()) {
            result.addAll(frontier);
            ZSet<Edge> next = new ZSet<>();
            for (int s = frontier.nextSlot(0); s >= 0; s = frontier.nextSlot(s + 1)) {
                Edge p = frontier.elementAt(s);
                for (int u = edges.nextSlot(0); u >= 0; u = edges.nextSlot(u + 1)) {
                    Edge e = edges.elementAt(u);
                    if (e.from() == p.to()) {
                        next.add(new Edge(p.from(), e.to()), frontier.weightAt(s) * edges.weightAt(u));
                    }
                }
            }
            frontier = next;
        }
        return result;
    }

    @Test
    void failureInsideRecursionLeavesStateUnchanged() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Edge> edges = b.input("edges");
        Stream<Edge> tc = b.recursive("tc", (inner, self) -> {
            Stream<Edge> e = inner.enter(edges.stream());
            return RefDistinct.of(Linear.union(e, Joins.join(self, e, Edge::to, Edge::from, (p, q) -> {
                if (q.to() == 99) {
                    throw new IllegalStateException("edge to 99");
                }
                return new Edge(p.from(), q.to());
            })));
        });
        OutputHandle<Edge> out = b.output("tc", tc);
        Circuit c = b.build();
        Set<Edge> live = new HashSet<>(List.of(new Edge(1, 2), new Edge(2, 3), new Edge(3, 1)));
        live.forEach(edges::insert);
        c.step();
        assertEquals(bruteForceClosure(live), out.view());
        edges.insert(new Edge(3, 99));
        edges.insert(new Edge(3, 4));
        edges.delete(new Edge(1, 2));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.getMessage().contains("join#"), e.getMessage());
        assertEquals(bruteForceClosure(live), out.view());
        edges.delete(new Edge(3, 99));
        c.step();
        live.add(new Edge(3, 4));
        live.remove(new Edge(1, 2));
        assertEquals(bruteForceClosure(live), out.view());
        edges.insert(new Edge(1, 2));
        live.add(new Edge(1, 2));
        c.step();
        assertEquals(bruteForceClosure(live), out.view());
    }

    @Test
    void onlyInnerJoinRunsInsideIncrementalRecursion() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Edge> edges = b.input("edges");
        CircuitWiringException e = assertThrows(CircuitWiringException.class, () -> b.<Edge>recursive("r",
                (inner, self) -> {
                    Stream<Edge> e2 = inner.enter(edges.stream());
                    return RefDistinct.of(Linear.union(e2, Joins.semijoin(self, e2, Edge::to, Edge::from)));
                }));
        assertTrue(e.getMessage().contains("semijoin#"), e.getMessage());
    }

    /**
     * A test-only distinct that works in both modes: naive, the distinct of the snapshot; inside an incremental
     * recursive circuit, the two-dimensional rule
     * {@code out = f(X(t,i)) - f(X(t-1,i)) - f(X(t,i-1)) + f(X(t-1,i-1))}, {@code f = (X > 0 ? 1 : 0)}, over the
     * 2-D prefix sums {@code X}, evaluated (simply, not efficiently) for every key this outer tick touched.
     */
    static final class RefDistinct<T> extends Node implements NestedState {
        private final Stream<T> in;
        private final Stream<T> out;
        private final NestedScope scope;
        private final boolean naive;
        private final Map<T, TreeMap<Integer, Long>> hist = new HashMap<>();
        private final Map<T, TreeMap<Integer, Long>> cur = new HashMap<>();
        private ZSet<T> pending;
        private int pendingIteration;

        private RefDistinct(Stream<T> in, Stream<T> out, boolean naive) {
            super("refDistinct", List.of(in), out);
            this.in = in;
            this.out = out;
            this.scope = in.circuit().nestedScope();
            this.naive = naive;
        }

        static <T> Stream<T> of(Stream<T> in) {
            CircuitBuilder c = in.circuit();
            Stream<T> out = c.newStream("refDistinct");
            if (!c.isNaive() && c.nestedScope() == null) {
                throw new IllegalArgumentException("RefDistinct is for naive mode or incremental recursion");
            }
            c.addNode(new RefDistinct<>(in, out, c.isNaive()));
            return out;
        }

        private static <T> long prefix(Map<T, TreeMap<Integer, Long>> m, T k, int upTo) {
            TreeMap<Integer, Long> t = m.get(k);
            long s = 0;
            if (t != null && upTo >= 0) {
                for (long w : t.headMap(upTo, true).values()) {
                    s += w;
                }
            }
            return s;
        }

        private static int f(long x) {
            return x > 0 ? 1 : 0;
        }

        @Override
        protected void eval() {
            ZSet<T> x = in.value();
            if (naive) {
                out.publish(x.distinct());
                return;
            }
            int i = scope.iteration();
            Set<T> candidates = new HashSet<>(cur.keySet());
            x.forEach((e, w) -> candidates.add(e));
            ZSet<T> r = new ZSet<>();
            for (T k : candidates) {
                long hPrev = prefix(hist, k, i - 1);
                long hNow = prefix(hist, k, i);
                long cPrev = prefix(cur, k, i - 1);
                long xt = hNow + cPrev + x.weight(k);
                long xPrevI = hPrev + cPrev;
                int d = f(xt) - f(hNow) - f(xPrevI) + f(hPrev);
                if (d != 0) {
                    r.add(k, d);
                }
            }
            pending = x;
            pendingIteration = i;
            out.publish(r);
        }

        @Override
        protected void commit() {
            if (pending != null) {
                pending.forEach((e, w) -> add(cur, e, pendingIteration, w));
            }
            pending = null;
        }

        @Override
        protected void rollback() {
            pending = null;
        }

        private static <T> void add(Map<T, TreeMap<Integer, Long>> m, T k, int i, long w) {
            TreeMap<Integer, Long> t = m.computeIfAbsent(k, q -> new TreeMap<>());
            long nw = t.getOrDefault(i, 0L) + w;
            if (nw == 0) {
                t.remove(i);
            } else {
                t.put(i, nw);
            }
            if (t.isEmpty()) {
                m.remove(k);
            }
        }

        @Override
        public void beginOuterTick() {
            cur.clear();
        }

        @Override
        public void commitOuterTick() {
            cur.forEach((k, t) -> t.forEach((i, w) -> add(hist, k, i, w)));
            cur.clear();
        }

        @Override
        public void rollbackOuterTick() {
            cur.clear();
        }
    }
}
