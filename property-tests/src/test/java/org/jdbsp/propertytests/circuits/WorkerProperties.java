package org.jdbsp.propertytests.circuits;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.Workers;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The multi-worker runtime gives exactly the results of one worker: for random runs, a circuit run by 1 to 4
 * workers (incremental and naive) has the same change and view at every step as the plain naive circuit (the
 * reference) and the plain incremental one, over joins, aggregates, distinct, top-k, semi/anti/outer joins,
 * a recursive transitive closure and random compositions of the whole library. Each example draws its worker
 * counts; examples are few and runs small because every example starts worker threads.
 */
class WorkerProperties {
    private static final int EXAMPLES = 300;
    private static final Comparator<Row> BY_B_DESC =
            Comparator.comparingLong(Row::b).reversed().thenComparingLong(Row::a);

    /** Worker counts of one example: (incremental, naive). */
    record Counts(int incremental, int naive) {
    }

    static Gen<Counts> counts() {
        return integers().between(1, 4).zip(integers().between(1, 4), Counts::new);
    }

    /** Runs the wiring as plain naive, plain incremental, and with workers in both modes; all must agree. */
    static void check(String query, int inputs, IncrementalVsNaive.Wiring wiring, Counts counts,
                      List<List<Change>> run) {
        List<CircuitRuntime> runtimes = new ArrayList<>();
        List<String> names = List.of("naive", "incremental", counts.incremental() + " workers incremental",
                counts.naive() + " workers naive");
        try {
            runtimes.add(plain(Mode.NAIVE, inputs, wiring));
            runtimes.add(plain(Mode.INCREMENTAL, inputs, wiring));
            runtimes.add(Workers.build(counts.incremental(), Mode.INCREMENTAL, b -> wire(b, inputs, wiring)));
            runtimes.add(Workers.build(counts.naive(), Mode.NAIVE, b -> wire(b, inputs, wiring)));
            List<Map<Row, Integer>> present = new ArrayList<>();
            for (int i = 0; i < inputs; i++) {
                present.add(new HashMap<>());
            }
            for (int step = 0; step < run.size(); step++) {
                for (Change ch : run.get(step)) {
                    Map<Row, Integer> p = present.get(ch.input());
                    boolean insert = ch.insert() || p.getOrDefault(ch.row(), 0) == 0;
                    p.merge(ch.row(), insert ? 1 : -1, Integer::sum);
                    for (CircuitRuntime r : runtimes) {
                        r.input("in" + ch.input(), Row.class).push(ch.row(), insert ? 1 : -1);
                    }
                }
                stepAndCompare(query, runtimes, names, step, run);
            }
        } finally {
            runtimes.forEach(CircuitRuntime::close);
        }
    }

    /** Steps every runtime; each one's change and view must equal the first's (the naive circuit's). */
    private static void stepAndCompare(String query, List<CircuitRuntime> runtimes, List<String> names, int step,
                                       List<List<Change>> run) {
        for (CircuitRuntime r : runtimes) {
            r.step();
        }
        ZSet<Object> view = runtimes.get(0).output("out", Object.class).view();
        ZSet<Object> delta = runtimes.get(0).output("out", Object.class).delta();
        for (int i = 1; i < runtimes.size(); i++) {
            ZSet<Object> v = runtimes.get(i).output("out", Object.class).view();
            ZSet<Object> d = runtimes.get(i).output("out", Object.class).delta();
            if (!v.equals(view) || !d.equals(delta)) {
                throw new AssertionError(query + ": " + names.get(i) + " differs from naive at step " + step
                        + "\n  naive view:  " + view + "\n  other view:  " + v + "\n  naive delta: " + delta
                        + "\n  other delta: " + d + "\n  run: " + run.subList(0, step + 1));
            }
        }
    }

    private static Circuit plain(Mode mode, int inputs, IncrementalVsNaive.Wiring wiring) {
        CircuitBuilder b = new CircuitBuilder(mode);
        wire(b, inputs, wiring);
        return b.build();
    }

    private static void wire(CircuitBuilder b, int inputs, IncrementalVsNaive.Wiring wiring) {
        List<Stream<Row>> streams = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            InputHandle<Row> h = b.input("in" + i);
            streams.add(h.stream());
        }
        b.output("out", wiring.wire(b, streams));
    }

    private static void property(String query, int inputs, IncrementalVsNaive.Wiring wiring) {
        qt().withExamples(EXAMPLES).forAll(counts(), Runs.runs(inputs, 4, 6, 8))
                .checkAssert((counts, run) -> check(query, inputs, wiring, counts, run));
    }

    @Test
    void joins() {
        property("join + joinOnLong", 2, (b, in) -> Linear.union(
                Joins.join(in.get(0), in.get(1), Row::a, Row::a, (l, r) -> new Row(l.b(), r.b())),
                Joins.joinOnLong(in.get(0), in.get(1), Row::b, Row::a, (l, r) -> new Row(l.a(), r.b()))));
    }

    @Test
    void aggregates() {
        property("count, sum, min, max", 1, (b, in) -> Linear.union(
                Linear.union(Aggregates.countByLong(in.get(0), Row::a, Row::new),
                        Aggregates.sum(in.get(0), Row::a, Row::b, (k, v) -> new Row(k + 10, v))),
                Linear.union(Aggregates.minByLong(in.get(0), Row::b, Row::a, (k, v) -> new Row(k + 20, v)),
                        Linear.union(Aggregates.max(in.get(0), Row::a, Row::b, (k, v) -> new Row(k + 30, v)),
                                Aggregates.countAll(in.get(0), n -> new Row(-1, n))))));
    }

    @Test
    void distinct() {
        property("distinct(map)", 1, (b, in) -> Distinct.distinct(Linear.map(in.get(0), r -> new Row(r.a(), 0))));
    }

    @Test
    void topK() {
        property("top-k, ungrouped top-k, row number", 1, (b, in) -> Linear.union(
                Linear.union(TopK.topKByLong(in.get(0), Row::a, BY_B_DESC, 2),
                        Linear.map(TopK.topK(in.get(0), BY_B_DESC, 3), r -> new Row(r.a() + 10, r.b()))),
                Linear.map(TopK.rowNumber(in.get(0), Row::b, BY_B_DESC, 2),
                        r -> new Row(r.rank() + 20, r.row().a()))));
    }

    /**
     * The skew tools (broadcast join, local-global min/max and top-k) equal their plain operators. The inputs
     * are relations (no negative weights), as those tools require; the maps make equal rows from different
     * source rows, so one row can sit on several workers at once.
     */
    @Test
    void skewTools() {
        property("joinOnLongBroadcast, min/maxByLongLocalGlobal, localTopK(ByLong)", 2, (b, in) -> {
            Stream<Row> folded = Linear.map(in.get(0), r -> new Row(r.a() % 3, r.b()));
            Stream<Row> joined = Joins.joinOnLongBroadcast(in.get(0), in.get(1), Row::b, Row::a,
                    (l, r) -> new Row(l.a(), r.b()));
            Stream<Row> extremes = Linear.union(
                    Aggregates.maxByLongLocalGlobal(folded, Row::a, Row::b, (k, v) -> new Row(k + 10, v)),
                    Aggregates.minByLongLocalGlobal(folded, Row::a, Row::b, (k, v) -> new Row(k + 20, v)));
            Stream<Row> tops = Linear.union(
                    Linear.map(TopK.topKByLongLocalGlobal(folded, Row::a, BY_B_DESC, 2),
                            r -> new Row(r.a() + 30, r.b())),
                    Linear.map(TopK.rowNumber(TopK.localTopK(folded, Row::a, BY_B_DESC, 2), Row::a, BY_B_DESC, 2),
                            r -> new Row(r.rank() + 40, r.row().b())));
            return Linear.union(joined, Linear.union(extremes, tops));
        });
    }

    /**
     * Over append-only inputs the local phases of local-global min/max and top-k keep no state (they pass on each
     * step's own extremes, and the rows not yet beaten by k others of the step); results equal the plain naive and incremental circuits for insert-only
     * runs (rows repeat, so weights above 1 occur), through a map and a join.
     */
    @Test
    void skewToolsOverAppendOnlyInputs() {
        IncrementalVsNaive.Wiring wiring = (b, in) -> {
            Stream<Row> folded = Linear.map(in.get(0), r -> new Row(r.a() % 3, r.b()));
            Stream<Row> joined = Joins.joinOnLongBroadcast(in.get(0), in.get(1), Row::b, Row::a,
                    (l, r) -> new Row(l.a() % 4, r.b() + l.b()));
            Stream<Row> extremes = Linear.union(
                    Aggregates.maxByLongLocalGlobal(folded, Row::a, Row::b, (k, v) -> new Row(k + 10, v)),
                    Aggregates.minByLongLocalGlobal(joined, Row::a, Row::b, (k, v) -> new Row(k + 20, v)));
            Stream<Row> tops = Linear.union(
                    Linear.map(TopK.topKByLongLocalGlobal(joined, Row::a, BY_B_DESC, 2),
                            r -> new Row(r.a() + 30, r.b())),
                    Linear.map(TopK.rowNumberByLong(TopK.localTopKByLong(folded, Row::a, BY_B_DESC, 3), Row::a,
                            BY_B_DESC, 3), r -> new Row(r.rank() + 40, r.row().b())));
            // local-global aggregates: a local phase right after the input (it runs inside the exchange) and one
            // after the join; the global phase sums the counts and sums and takes the maximum of the maxima
            Stream<Row> counts = Aggregates.localAggregate(in.get(0), r -> r.a() % 5,
                    (k, v) -> new Row((Long) k, v.getLong(0) * 1_000_000 + v.getLong(1)), Agg.count(),
                    Agg.sum(Row::b));
            Stream<Row> maxima = Aggregates.localAggregateByLong(joined, Row::a,
                    (k, v) -> new Row(k, v.getLong(0)), Agg.max(Row::b));
            Stream<Row> merged = Linear.union(
                    Aggregates.sumByLong(counts, Row::a, Row::b, (k, v) -> new Row(k + 50, v)),
                    Aggregates.maxByLong(maxima, Row::a, Row::b, (k, v) -> new Row(k + 60, v)));
            return Linear.union(Linear.union(extremes, tops), merged);
        };
        qt().withExamples(EXAMPLES).forAll(counts(), Runs.runs(2, 4, 6, 8))
                .checkAssert((counts, run) -> checkAppendOnly(wiring, counts, run));
    }

    private static void checkAppendOnly(IncrementalVsNaive.Wiring wiring, Counts counts, List<List<Change>> run) {
        java.util.function.Consumer<CircuitBuilder> wire = b -> {
            List<Stream<Row>> streams = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                InputHandle<Row> h = b.appendOnlyInput("in" + i);
                streams.add(h.stream());
            }
            b.output("out", wiring.wire(b, streams));
        };
        List<CircuitRuntime> runtimes = new ArrayList<>();
        try {
            runtimes.add(Workers.build(1, Mode.NAIVE, wire));
            runtimes.add(Workers.build(1, Mode.INCREMENTAL, wire));
            runtimes.add(Workers.build(counts.incremental(), Mode.INCREMENTAL, wire));
            if (counts.incremental() > 1) {
                List<String> schedule = ((org.jdbsp.circuit.WorkerCircuit<?>) runtimes.get(2)).schedule();
                // min and max per step, and the two per-pass local top-k (neither runs inside an exchange:
                // one reads the join, the other a map that the local max reads too)
                if (schedule.stream().filter(n -> n.contains("(per step)")).count() != 2
                        || schedule.stream().filter(n -> n.contains("local top-k (per pass)")).count() != 2) {
                    throw new AssertionError("the append-only local phases are not the per-step ones: " + schedule);
                }
            }
            for (int step = 0; step < run.size(); step++) {
                for (Change ch : run.get(step)) {
                    for (CircuitRuntime r : runtimes) {
                        r.input("in" + ch.input(), Row.class).insert(ch.row()); // insertions only
                    }
                }
                stepAndCompare("append-only skew tools", runtimes, List.of("naive", "incremental",
                        counts.incremental() + " workers incremental"), step, run);
            }
        } finally {
            runtimes.forEach(CircuitRuntime::close);
        }
    }

    @Test
    void semiAndAntiJoins() {
        property("semijoin + antijoinOnLong", 2, (b, in) -> Linear.union(
                Joins.semijoin(in.get(0), in.get(1), Row::a, Row::b),
                Linear.map(Joins.antijoinOnLong(in.get(0), in.get(1), Row::b, Row::a), r -> new Row(r.a() + 10, r.b()))));
    }

    @Test
    void outerJoins() {
        property("left + full join", 2, (b, in) -> Linear.union(
                Joins.leftJoin(in.get(0), in.get(1), Row::a, Row::b, (l, r) -> new Row(l.b(), r == null ? -1 : r.a())),
                Joins.fullJoin(in.get(0), in.get(1), Row::b, Row::b,
                        (l, r) -> new Row(l == null ? -10 : l.a() + 10, r == null ? -10 : r.a() + 10))));
    }

    @Test
    void transitiveClosure() {
        property("transitive closure", 1, (b, in) -> RecursiveProperties.closure(b, in.get(0)));
    }

    @Test
    void randomCompositions() {
        qt().withExamples(EXAMPLES * 2)
                .forAll(lists().of(RandomCircuitProperties.instructions()).ofSizeBetween(2, 5), counts(),
                        Runs.runs(2, 3, 5, 8))
                .checkAssert((program, counts, run) -> check(program.toString(), 2,
                        (b, in) -> RandomCircuitProperties.wire(program, in), counts, run));
    }
}
