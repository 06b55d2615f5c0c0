package org.jdbsp.benches.ivm;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.operators.window.Windows;
import org.jdbsp.zset.ZSet;

/**
 * A steady-state IVM workload shared by the JMH benchmarks and the regression gate: one view ({@link View}) wired
 * in incremental or naive mode over a sliding window of {@code size} rows. Row {@code i} is a pure function of
 * {@code i}; the state holds rows {@code [lo, lo + size)}; each {@link #step()} deletes the {@code change} oldest
 * rows and inserts {@code change} new ones, then steps the circuit, so the state size stays constant.
 *
 * <p>{@link Inject} plants a deliberate regression in the benchmark's own wiring (never in library code), so the
 * gate's thresholds can be shown to trip: {@code ALLOC} adds one escaping allocation per joined element (in a user
 * key function), {@code RESCAN} adds an operator that scans its whole integrated input every step.
 */
public final class Workload {

    /** The views measured. */
    public enum View {
        /** Input straight to the output: the cost of the harness itself (input, output view, row objects). */
        NOOP,
        /** filter(val even) then map. */
        FILTER_MAP,
        /** rows join dims (size/10 dimension rows) on a long key. */
        JOIN,
        /** JOIN then SUM(val) GROUP BY dim.grp (1,000 groups). */
        JOIN_AGG,
        /** DISTINCT of the row key projection (about 4 rows per key). */
        DISTINCT,
        /** MIN(val) GROUP BY key (about 100 rows per group); deleting old rows removes minima. */
        MIN_MAX,
        /** Top 10 rows by val per key (about 100 rows per group). */
        TOP_K,
        /** Tumbling 1 s windows on time = id ms, SUM(val) GROUP BY window, key % 10. */
        WINDOW_AGG,
        /** Transitive closure of chains of 5 edges: recursive joinOnLong + distinct (3 paths per edge). */
        CLOSURE
    }

    /** A deliberate regression planted in the benchmark-side wiring of the incremental circuit. */
    public enum Inject {
        NONE, ALLOC, RESCAN;

        /** The value of system property {@code gate.inject} (default NONE). */
        public static Inject fromSystemProperty() {
            return valueOf(System.getProperty("gate.inject", "NONE").toUpperCase(Locale.ROOT));
        }
    }

    /** A fact row. */
    public record Row(long id, long key, long val) {
    }

    /** A dimension row: key to group. */
    public record Dim(long key, long grp) {
    }

    /** A join output row. */
    public record Joined(long id, long grp, long val) {
    }

    /** An aggregate output row. */
    public record Agg(long grp, long value) {
    }

    /** A graph edge. */
    public record Edge(long src, long dst) {
    }

    /** Sink for the ALLOC injection: makes the planted allocation escape. */
    public static volatile Object sink;

    private static final int CHAIN = 5;

    private final View view;
    private final Mode mode;
    private final int size;
    private final int change;
    private final Inject inject;
    private final long keys;
    private final Circuit circuit;
    private final InputHandle<Row> rows;
    private final InputHandle<Edge> edges;
    private final OutputHandle<?> out;
    private long lo;

    public Workload(View view, Mode mode, int size, int change, Inject inject) {
        if (change < 1 || change > size) {
            throw new IllegalArgumentException("change must be in 1.." + size + ": " + change);
        }
        this.view = view;
        this.mode = mode;
        this.size = size;
        this.change = change;
        this.inject = mode == Mode.NAIVE ? Inject.NONE : inject;
        this.keys = switch (view) {
            case JOIN, JOIN_AGG -> Math.max(1, size / 10);
            case DISTINCT -> Math.max(1, size / 4);
            default -> Math.max(1, size / 100);
        };
        CircuitBuilder b = new CircuitBuilder(mode);
        if (view == View.CLOSURE) {
            rows = null;
            edges = b.input("edges");
            out = b.output("view", closure(b, edges.stream()));
        } else {
            rows = b.input("rows");
            edges = null;
            InputHandle<Dim> dims = view == View.JOIN || view == View.JOIN_AGG ? b.input("dims") : null;
            out = b.output("view", wire(b, rows.stream(), dims == null ? null : dims.stream()));
            if (dims != null) {
                for (long k = 0; k < keys; k++) {
                    dims.insert(new Dim(k, k % 1000));
                }
            }
        }
        circuit = b.build();
        for (long i = 0; i < size; i++) {
            insert(i, 1);
        }
        circuit.step();
    }

    /** Parses a change parameter: an absolute count ("1", "1000") or a percentage of {@code size} ("0.1%"). */
    public static int changeRows(String change, int size) {
        if (change.endsWith("%")) {
            double pct = Double.parseDouble(change.substring(0, change.length() - 1));
            return Math.max(1, (int) Math.round(size * pct / 100.0));
        }
        return Integer.parseInt(change);
    }

    private Stream<?> wire(CircuitBuilder b, Stream<Row> in, Stream<Dim> dims) {
        return switch (view) {
            case NOOP -> in;
            case FILTER_MAP -> Linear.map(Linear.filter(in, r -> (r.val & 1) == 0),
                    r -> new Joined(r.id, r.key, r.val >> 1));
            case JOIN -> rescan(b, join(in, dims));
            case JOIN_AGG -> Aggregates.sumByLong(rescan(b, join(in, dims)), this::groupKey, Joined::val, Agg::new);
            case DISTINCT -> Distinct.distinct(Linear.map(in, Row::key));
            case MIN_MAX -> Aggregates.minByLong(in, Row::key, Row::val, Agg::new);
            case TOP_K -> TopK.topKByLong(in, Row::key,
                    Comparator.comparingLong(Row::val).reversed().thenComparingLong(Row::id), 10);
            case WINDOW_AGG -> Aggregates.perWindow(Windows.tumbling(in, Row::id, 1000), r -> r.key % 10,
                    org.jdbsp.operators.aggregate.Agg.<Row>sum(Row::val));
            case CLOSURE -> throw new AssertionError();
        };
    }

    private long groupKey(Joined j) {
        if (inject == Inject.ALLOC) {
            sink = new long[] {j.grp};
        }
        return j.grp;
    }

    private static Stream<Joined> join(Stream<Row> in, Stream<Dim> dims) {
        return Joins.joinOnLong(in, dims, Row::key, Dim::key, (r, d) -> new Joined(r.id, d.grp, r.val));
    }

    private <T> Stream<T> rescan(CircuitBuilder b, Stream<T> in) {
        if (inject != Inject.RESCAN) {
            return in;
        }
        Stream<T> s = b.newStream("rescan");
        b.addNode(new RescanNode<>(in, s));
        return s;
    }

    private static Stream<Edge> closure(CircuitBuilder b, Stream<Edge> edges) {
        return b.recursive("tc", (inner, self) -> {
            Stream<Edge> e = inner.enter(edges);
            Stream<Edge> step = Joins.joinOnLong(self, e, Edge::dst, Edge::src, (p, q) -> new Edge(p.src, q.dst));
            return Distinct.distinct(Linear.union(e, step));
        });
    }

    private void insert(long i, long w) {
        if (rows != null) {
            long h = mix(i);
            rows.push(new Row(i, Long.remainderUnsigned(h, keys), (h >>> 20) % 1_000_000), w);
        } else {
            edges.push(new Edge(i, i % CHAIN == CHAIN - 1 ? -i - 1 : i + 1), w);
        }
    }

    static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** One steady-state step: delete the {@code change} oldest rows, insert {@code change} new ones, step. */
    public int step() {
        long hi = lo + size;
        for (long i = 0; i < change; i++) {
            insert(lo + i, -1);
            insert(hi + i, 1);
        }
        lo += change;
        circuit.step();
        return out.deltaSize();
    }

    public Circuit circuit() {
        return circuit;
    }

    public OutputHandle<?> output() {
        return out;
    }

    public View view() {
        return view;
    }

    public Mode mode() {
        return mode;
    }

    public int size() {
        return size;
    }

    public int change() {
        return change;
    }

    /**
     * The planted O(n) regression: passes its input through unchanged but keeps the integral of its input and
     * walks all of it every step, as an incremental operator that rescans its trace would.
     */
    static final class RescanNode<T> extends Node {
        private final Stream<T> in;
        private final Stream<T> out;
        private final ZSet<T> trace = new ZSet<>();
        private long checksum;

        RescanNode(Stream<T> in, Stream<T> out) {
            super("rescan", List.of(in), out);
            this.in = in;
            this.out = out;
        }

        @Override
        protected void eval() {
            long h = 0;
            for (int s = trace.nextSlot(0); s >= 0; s = trace.nextSlot(s + 1)) {
                h += trace.elementAt(s).hashCode() * trace.weightAt(s);
            }
            checksum = h;
            out.publish(in.value());
        }

        @Override
        protected void commit() {
            trace.addAll(in.value());
        }

        @Override
        public long stateRows() {
            return trace.size() + (checksum & 0);
        }
    }
}
