package org.jdbsp.propertytests.circuits;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * Grouped operators over append-only inputs keep only what later insertions can still change (top-k: the rows
 * within the top k; min/max: the extreme). For random insert-only runs (rows repeat, within a step and across
 * steps), such a circuit has the same change and view at every step as the naive circuit and as the same
 * wiring over ordinary inputs, whose operators keep every row.
 */
class AppendOnlyProperties {
    private static final int EXAMPLES = 500;
    private static final Comparator<Row> BY_B_DESC =
            Comparator.comparingLong(Row::b).reversed().thenComparingLong(Row::a);

    /** What to check: the wiring for one k, given the input stream. */
    private interface Wiring extends BiFunction<Stream<Row>, Integer, Stream<Row>> {
    }

    @Test
    void topKRowNumberAndRank() {
        property("top-k, row number and rank", (in, k) -> Linear.union(
                Linear.union(TopK.topKByLong(in, Row::a, BY_B_DESC, k),
                        Linear.map(TopK.topK(in, r -> r.b() % 2, BY_B_DESC, k), r -> new Row(r.a() + 10, r.b()))),
                Linear.union(
                        Linear.map(TopK.rowNumberByLong(in, Row::a, BY_B_DESC, k),
                                r -> new Row(r.rank() + 20, r.row().b() * 10 + r.row().a())),
                        Linear.union(
                                Linear.map(TopK.rowNumber(in, Row::b, BY_B_DESC, k),
                                        r -> new Row(r.rank() + 30, r.row().b() * 10 + r.row().a())),
                                Linear.map(TopK.rank(in, r -> r.a() % 2, BY_B_DESC, k),
                                        r -> new Row(r.rank() + 40, r.row().b() * 10 + r.row().a()))))));
    }

    @Test
    void minAndMax() {
        property("min and max", (in, k) -> Linear.union(
                Linear.union(Aggregates.maxByLong(in, Row::a, Row::b, (g, v) -> new Row(g, v)),
                        Aggregates.minByLong(in, r -> r.a() % k, Row::b, (g, v) -> new Row(g + 10, v))),
                Linear.union(Aggregates.max(in, Row::b, Row::a, (g, v) -> new Row(g + 20, v)),
                        Aggregates.min(in, r -> r.b() % 2, Row::a, (g, v) -> new Row(g + 30, v)))));
    }

    private static void property(String what, Wiring wiring) {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 3), Runs.runs(1, 5, 6, 10))
                .checkAssert((k, run) -> check(what, wiring, k, run));
    }

    private static Circuit circuit(Mode mode, boolean appendOnly, Wiring wiring, int k) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Row> in = appendOnly ? b.appendOnlyInput("in") : b.input("in");
        b.output("out", wiring.apply(in.stream(), k));
        return b.build();
    }

    private static void check(String what, Wiring wiring, int k, List<List<Change>> run) {
        List<Circuit> circuits = new ArrayList<>();
        circuits.add(circuit(Mode.NAIVE, false, wiring, k));
        circuits.add(circuit(Mode.INCREMENTAL, false, wiring, k));
        circuits.add(circuit(Mode.INCREMENTAL, true, wiring, k));
        List<String> names = List.of("naive", "incremental", "incremental over an append-only input");
        for (int step = 0; step < run.size(); step++) {
            for (Change ch : run.get(step)) {
                for (Circuit c : circuits) {
                    c.input("in", Row.class).insert(ch.row()); // insertions only
                }
            }
            for (Circuit c : circuits) {
                c.step();
            }
            ZSet<Object> view = circuits.get(0).output("out", Object.class).view();
            ZSet<Object> delta = circuits.get(0).output("out", Object.class).delta();
            for (int i = 1; i < circuits.size(); i++) {
                ZSet<Object> v = circuits.get(i).output("out", Object.class).view();
                ZSet<Object> d = circuits.get(i).output("out", Object.class).delta();
                if (!v.equals(view) || !d.equals(delta)) {
                    throw new AssertionError(what + " (k = " + k + "): " + names.get(i) + " differs from naive at "
                            + "step " + step + "\n  naive view:  " + view + "\n  other view:  " + v
                            + "\n  naive delta: " + delta + "\n  other delta: " + d + "\n  run: "
                            + run.subList(0, step + 1));
                }
            }
        }
    }
}
