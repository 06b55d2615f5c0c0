package org.jdbsp.operators.distinct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** Distinct inside recursive circuits: reachability over a graph, incremental vs naive vs brute force. */
class NestedDistinctTest {

    /** Test-only linear flatMap: each element becomes the elements of {@code f}'s list, with its weight. */
    static <I, O> Stream<O> flatMap(Stream<I> in, Function<I, List<O>> f) {
        CircuitBuilder c = in.circuit();
        Stream<O> out = c.newStream("flatMap");
        c.addNode(new ElementwiseNode<I, O>("flatMap", in, out) {
            @Override
            @SuppressWarnings("unchecked")
            public Stage stage(Stage next) {
                return (e, w) -> {
                    List<O> os;
                    try {
                        os = f.apply((I) e);
                    } catch (RuntimeException ex) {
                        throw failure(ex);
                    }
                    for (O o : os) {
                        next.accept(o, w);
                    }
                };
            }
        });
        return out;
    }

    /** reach = distinct(seeds + successors(reach)) on a fixed graph given as adjacency lists. */
    static Stream<Integer> reach(CircuitBuilder b, Stream<Integer> seeds, List<List<Integer>> adj) {
        return b.recursive("reach", (inner, self) ->
                Distinct.distinct(inner.enter(seeds).plus(flatMap(self, adj::get))));
    }

    static Set<Integer> bruteForce(Set<Integer> seeds, List<List<Integer>> adj) {
        Set<Integer> seen = new HashSet<>(seeds);
        ArrayDeque<Integer> todo = new ArrayDeque<>(seeds);
        while (!todo.isEmpty()) {
            for (int m : adj.get(todo.poll())) {
                if (seen.add(m)) {
                    todo.add(m);
                }
            }
        }
        return seen;
    }

    static ZSet<Integer> asZSet(Set<Integer> s) {
        ZSet<Integer> z = new ZSet<>();
        for (int x : s) {
            z.add(x, 1);
        }
        return z;
    }

    @Test
    void chainLiteralBothModes() {
        // X = distinct(seeds + {n + 1 : n in X, n + 1 < 10})
        List<List<Integer>> adj = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            adj.add(n + 1 < 10 ? List.of(n + 1) : List.of());
        }
        for (Mode mode : Mode.values()) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<Integer> in = b.input("seeds");
            OutputHandle<Integer> out = b.output("o", reach(b, in.stream(), adj));
            Circuit c = b.build();
            in.insert(7);
            c.step();
            assertEquals(ZSet.of(7, 8, 9), out.view(), mode.name());
            in.insert(5);
            c.step();
            assertEquals(ZSet.of(5, 6), out.delta(), mode.name());
            in.delete(7);
            c.step();
            assertEquals(ZSet.of(), out.delta(), mode.name());
            assertEquals(ZSet.of(5, 6, 7, 8, 9), out.view(), mode.name());
            in.delete(5);
            in.insert(8);
            c.step();
            assertEquals(ZSet.of(8, 9), out.view(), mode.name());
            assertEquals(ZSet.builder(3).add(5, -1).add(6, -1).add(7, -1).build(), out.delta(), mode.name());
            in.delete(8);
            c.step();
            assertEquals(ZSet.of(), out.view(), mode.name());
        }
    }

    @Test
    void cycleIsRemovedWhenItsSeedGoes() {
        // 0 -> 1 -> 2 -> 0 and 2 -> 3: deleting the seed must remove the whole cycle
        List<List<Integer>> adj = List.of(List.of(1), List.of(2), List.of(0, 3), List.of());
        for (Mode mode : Mode.values()) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<Integer> in = b.input("seeds");
            OutputHandle<Integer> out = b.output("o", reach(b, in.stream(), adj));
            Circuit c = b.build();
            in.insert(1);
            c.step();
            assertEquals(ZSet.of(0, 1, 2, 3), out.view(), mode.name());
            in.insert(3);
            c.step();
            assertEquals(ZSet.of(), out.delta(), mode.name());
            in.delete(1);
            c.step();
            assertEquals(ZSet.of(3), out.view(), mode.name());
            in.insert(0);
            c.step();
            assertEquals(ZSet.of(0, 1, 2, 3), out.view(), mode.name());
        }
    }

    @Test
    void failingStepInsideRecursionLeavesHistoryUnchanged() {
        List<List<Integer>> adj = List.of(List.of(1), List.of(2), List.of(0, 3), List.of(), List.of(0));
        IntPredicate fail = n -> n == 4;
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("seeds");
        Stream<Integer> r = b.recursive("reach", (inner, self) ->
                Distinct.distinct(inner.enter(in.stream()).plus(flatMap(self, n -> {
                    if (fail.test(n)) {
                        throw new IllegalArgumentException("boom " + n);
                    }
                    return adj.get(n);
                }))));
        OutputHandle<Integer> out = b.output("o", r);
        Circuit c = b.build();
        in.insert(2);
        c.step();
        assertEquals(ZSet.of(0, 1, 2, 3), out.view());
        in.insert(4);
        in.delete(2);
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.getMessage().contains("boom 4"), e.getMessage());
        in.clearPending();
        in.delete(2);
        in.insert(3);
        c.step();
        assertEquals(ZSet.of(3), out.view());
        in.insert(1);
        c.step();
        assertEquals(ZSet.of(0, 1, 2, 3), out.view());
    }

    @Test
    void randomGraphsIncrementalMatchesNaiveAndBruteForce() {
        for (long seed = 1; seed <= 25; seed++) {
            Random rnd = new Random(seed);
            int n = 5 + rnd.nextInt(30);
            List<List<Integer>> adj = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                List<Integer> succ = new ArrayList<>();
                int deg = rnd.nextInt(3);
                for (int d = 0; d < deg; d++) {
                    succ.add(rnd.nextInt(n));
                }
                adj.add(succ);
            }
            CircuitBuilder bi = CircuitBuilder.incremental();
            CircuitBuilder bn = CircuitBuilder.naive();
            InputHandle<Integer> ii = bi.input("seeds");
            InputHandle<Integer> in = bn.input("seeds");
            OutputHandle<Integer> oi = bi.output("o", reach(bi, ii.stream(), adj));
            OutputHandle<Integer> on = bn.output("o", reach(bn, in.stream(), adj));
            Circuit ci = bi.build();
            Circuit cn = bn.build();
            Set<Integer> seeds = new HashSet<>();
            for (int step = 0; step < 40; step++) {
                int changes = 1 + rnd.nextInt(3);
                for (int k = 0; k < changes; k++) {
                    int v = rnd.nextInt(n);
                    if (seeds.contains(v) && rnd.nextBoolean()) {
                        seeds.remove(v);
                        ii.delete(v);
                        in.delete(v);
                    } else if (!seeds.contains(v)) {
                        seeds.add(v);
                        ii.insert(v);
                        in.insert(v);
                    }
                }
                ci.step();
                cn.step();
                String msg = "seed " + seed + " step " + step;
                ZSet<Integer> expected = asZSet(bruteForce(seeds, adj));
                assertEquals(expected, on.view(), msg + " (naive)");
                assertEquals(expected, oi.view(), msg + " (incremental)");
            }
        }
    }

    /** A directed edge. */
    record Edge(int from, int to) {
    }

    /** closure = distinct(edges + closure join edges on path.to = edge.from). */
    static Stream<Edge> transitiveClosure(CircuitBuilder b, Stream<Edge> edges) {
        return b.recursive("tc", (inner, self) -> {
            Stream<Edge> e = inner.enter(edges);
            Stream<Edge> step = Joins.join(self, e, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to()));
            return Distinct.distinct(e.plus(step));
        });
    }

    static ZSet<Edge> bruteForceClosure(Set<Edge> edges, int n) {
        List<List<Integer>> adj = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            adj.add(new ArrayList<>());
        }
        for (Edge e : edges) {
            adj.get(e.from()).add(e.to());
        }
        ZSet<Edge> z = new ZSet<>();
        for (int v = 0; v < n; v++) {
            Set<Integer> direct = new HashSet<>(adj.get(v));
            for (int w : bruteForce(direct, adj)) {
                z.add(new Edge(v, w), 1);
            }
        }
        return z;
    }

    @Test
    void transitiveClosureOverRandomEdgeInsertionsAndDeletions() {
        for (long seed = 1; seed <= 15; seed++) {
            Random rnd = new Random(seed);
            int n = 3 + rnd.nextInt(9);
            CircuitBuilder bi = CircuitBuilder.incremental();
            CircuitBuilder bn = CircuitBuilder.naive();
            InputHandle<Edge> ii = bi.input("edges");
            InputHandle<Edge> in = bn.input("edges");
            OutputHandle<Edge> oi = bi.output("tc", transitiveClosure(bi, ii.stream()));
            OutputHandle<Edge> on = bn.output("tc", transitiveClosure(bn, in.stream()));
            Circuit ci = bi.build();
            Circuit cn = bn.build();
            Set<Edge> edges = new HashSet<>();
            for (int step = 0; step < 40; step++) {
                int changes = 1 + rnd.nextInt(3);
                for (int k = 0; k < changes; k++) {
                    Edge e = new Edge(rnd.nextInt(n), rnd.nextInt(n));
                    if (edges.contains(e)) {
                        if (rnd.nextInt(3) > 0) {
                            edges.remove(e);
                            ii.delete(e);
                            in.delete(e);
                        }
                    } else {
                        edges.add(e);
                        ii.insert(e);
                        in.insert(e);
                    }
                }
                ci.step();
                cn.step();
                String msg = "seed " + seed + " step " + step;
                ZSet<Edge> expected = bruteForceClosure(edges, n);
                assertEquals(expected, on.view(), msg + " (naive)");
                assertEquals(expected, oi.view(), msg + " (incremental)");
            }
        }
    }
}
