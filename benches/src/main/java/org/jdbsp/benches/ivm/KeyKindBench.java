package org.jdbsp.benches.ivm;

import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.topk.TopK;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same join, grouped sum and top-k keyed by a primitive {@code long} and by an object, measured in one run:
 * the operator core promises the object key within 1.15x the time and 1.2x the allocation per step of the
 * {@code long} key. Every variant uses the same row class, which holds the key both ways, so rows cost the same to
 * hash and compare and only the operator's key differs. {@code LONG}: the key is a {@code long} computed from two
 * columns. {@code RECORD}: the key is a two-field record the row holds (as a SQL row holds a composite value).
 * {@code RECORD_BUILT}: the key function builds the two-field record from the two {@code long} columns at every
 * call (as a composite SQL key is projected), so it allocates one key per call. The state holds {@code size}
 * rows, and every step deletes the {@code change} oldest rows (the objects inserted, kept in a ring) and inserts
 * as many new ones (join: {@code size / 10} dimension rows; sum: {@code size / 100} groups; top 10 per group of
 * about 100 rows).
 *
 * <pre>bin/bench 'ivm.KeyKindBench'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeyKindBench {
    /** Which operator. */
    public enum Family { JOIN, AGGREGATE, TOP_K }

    /** A two-field key. */
    public record Key(long hi, long lo) {
    }

    /** A fact row: its key as two {@code long} columns and as a record. */
    public record Row(long hi, long lo, Key key, long id, long val) {
        long longKey() {
            return hi * 1000 + lo;
        }

        Key built() {
            return new Key(hi, lo);
        }
    }

    /** A dimension row: its key both ways, and a group. */
    public record Dim(long hi, long lo, Key key, long grp) {
        long longKey() {
            return hi * 1000 + lo;
        }
    }

    /** A join or aggregate output row. */
    public record Out(long a, long b) {
    }

    @Param({"JOIN", "AGGREGATE", "TOP_K"})
    public String family;

    @Param({"LONG", "RECORD", "RECORD_BUILT"})
    public String key;

    @Param({"100000"})
    public int size;

    @Param({"1", "1000"})
    public int change;

    private String variant;
    private long keys;
    private Key[] keyObjects;
    private Object[] ring;
    private Circuit circuit;
    private InputHandle<Object> rows;
    private OutputHandle<?> out;
    private long lo;

    @Setup(Level.Trial)
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void setup() {
        Family f = Family.valueOf(family);
        variant = key;
        keys = f == Family.JOIN ? size / 10 : size / 100;
        keyObjects = new Key[(int) keys];
        for (int k = 0; k < keys; k++) {
            keyObjects[k] = new Key(k / 1000, k % 1000);
        }
        ring = new Object[size];
        CircuitBuilder b = CircuitBuilder.incremental();
        rows = b.input("rows");
        InputHandle<Object> dims = f == Family.JOIN ? b.input("dims") : null;
        Stream view = wire(f, variant, (Stream) rows.stream(), dims == null ? null : (Stream) dims.stream());
        out = b.output("view", view);
        circuit = b.build();
        if (dims != null) {
            for (long k = 0; k < keys; k++) {
                dims.insert(new Dim(k / 1000, k % 1000, keyObjects[(int) k], k % 1000));
            }
        }
        for (long i = 0; i < size; i++) {
            ring[(int) i] = row(i);
            rows.insert(ring[(int) i]);
        }
        circuit.step();
    }

    private static Stream<?> wire(Family f, String variant, Stream<Row> in, Stream<Dim> dims) {
        Comparator<Row> order = Comparator.comparingLong(Row::val).reversed().thenComparingLong(Row::id);
        if (variant.equals("LONG")) {
            return switch (f) {
                case JOIN -> Joins.joinOnLong(in, dims, Row::longKey, Dim::longKey, (r, d) -> new Out(r.id(), d.grp()));
                case AGGREGATE -> Aggregates.sumByLong(in, Row::longKey, Row::val, Out::new);
                case TOP_K -> TopK.topKByLong(in, Row::longKey, order, 10);
            };
        }
        java.util.function.Function<Row, Key> k = variant.equals("RECORD_BUILT") ? Row::built : Row::key;
        return switch (f) {
            case JOIN -> Joins.join(in, dims, k, Dim::key, (r, d) -> new Out(r.id(), d.grp()));
            case AGGREGATE -> Aggregates.sum(in, k, Row::val, (key, v) -> new Out(key.hi() * 1000 + key.lo(), v));
            case TOP_K -> TopK.topK(in, k, order, 10);
        };
    }

    private Object row(long i) {
        long h = mix(i);
        long k = Long.remainderUnsigned(h, keys);
        long val = (h >>> 20) % 1_000_000;
        return new Row(k / 1000, k % 1000, keyObjects[(int) k], i, val);
    }

    private static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** One steady-state step: delete the {@code change} oldest rows, insert {@code change} new ones, step. */
    @Benchmark
    public int step() {
        long hi = lo + size;
        for (long i = 0; i < change; i++) {
            int slot = (int) ((lo + i) % size);
            rows.delete(ring[slot]);
            ring[slot] = row(hi + i);
            rows.insert(ring[slot]);
        }
        lo += change;
        circuit.step();
        return out.deltaSize();
    }
}
