package org.jdbsp.propertytests.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * Recursive views against a fixed point computed by brute force: the transitive closure of a random graph
 * (rows are edges a -> b) under random edge inserts and deletes, at every step, in both modes.
 */
class RecursiveProperties {

    static Stream<Row> closure(CircuitBuilder b, Stream<Row> edges) {
        return b.<Row>recursive("closure", (inner, self) -> {
            Stream<Row> e = inner.enter(edges);
            Stream<Row> longer = Joins.joinOnLong(self, e, Row::b, Row::a, (p, q) -> new Row(p.a(), q.b()));
            return Distinct.distinct(Linear.union(e, longer));
        });
    }

    static ZSet<Row> bruteForce(Map<Row, Integer> edges) {
        Map<Long, List<Long>> next = new HashMap<>();
        edges.forEach((e, n) -> {
            if (n > 0) {
                next.computeIfAbsent(e.a(), k -> new java.util.ArrayList<>()).add(e.b());
            }
        });
        ZSet<Row> result = new ZSet<>();
        for (long from : next.keySet()) {
            ArrayDeque<Long> todo = new ArrayDeque<>(next.get(from));
            java.util.Set<Long> seen = new java.util.HashSet<>();
            while (!todo.isEmpty()) {
                long n = todo.poll();
                if (seen.add(n)) {
                    result.add(new Row(from, n), 1);
                    todo.addAll(next.getOrDefault(n, List.of()));
                }
            }
        }
        return result;
    }

    @Test
    void transitiveClosureEqualsBruteForceAtEveryStep() {
        qt().withExamples(400).forAll(Runs.runs(1, 6, 12, 6)).checkAssert(run -> {
            for (CircuitBuilder b : List.of(CircuitBuilder.incremental(), CircuitBuilder.naive())) {
                InputHandle<Row> edges = b.input("edges");
                OutputHandle<Row> out = b.output("closure", closure(b, edges.stream()));
                Circuit c = b.build();
                Map<Row, Integer> present = new HashMap<>();
                for (int step = 0; step < run.size(); step++) {
                    for (Change ch : run.get(step)) {
                        boolean insert = ch.insert() || present.getOrDefault(ch.row(), 0) == 0;
                        present.merge(ch.row(), insert ? 1 : -1, Integer::sum);
                        edges.push(ch.row(), insert ? 1 : -1);
                    }
                    c.step();
                    assertEquals(bruteForce(present), out.view(),
                            b.mode() + " closure differs at step " + step + " of " + run);
                }
            }
        });
    }

    @Test
    void recursionMatchesNaiveWithMultisetEdges() {
        // duplicate edges (weight 2) must not change the closure: distinct inside the loop
        qt().withExamples(300).forAll(Runs.runs(1, 5, 10, 8)).checkAssert(run ->
                IncrementalVsNaive.check("closure", 1, (b, in) -> closure(b, in.get(0)), run));
    }
}
