package org.jdbsp.operators;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.LongWeightMap;
import org.jdbsp.zset.ZSet;

/**
 * Grouped aggregates: one output row per non-empty group, built by a user function from the group key and the
 * aggregate value ({@code SELECT k, AGG(v) FROM t GROUP BY k}).
 *
 * <p>Semantics over a snapshot: a row of weight {@code w} counts {@code w} times. A group's
 * {@code count} is the sum of its rows' weights; the group exists (has an output row) only while its count is
 * &gt; 0: a group whose rows were all deleted disappears. A group with a negative count (more deletes than
 * inserts, a user error) is treated as empty: it has no row, but its state is kept exactly, so a later
 * correcting insert restores the right result. {@code sum} adds {@code value * weight} (overflow throws and
 * fails the step); {@code min}/{@code max} range over the values of positive net multiplicity.
 * Unlike SQL's ungrouped {@code COUNT(*)}, {@link #countAll} has no row (rather than 0) for an empty input.
 *
 * <p>Incremental rule: a change touches some groups; for each, the new aggregate is computed from the old
 * per-group state plus the change without mutating it, and {@code -oldRow + newRow} is emitted (nothing when
 * the aggregate is unchanged); the state is updated at commit. Costs per change: count, sum, average O(1) per
 * changed row (two longs of state per group); min, max O(log n) per changed row, n the group's number of
 * distinct values (state: a sorted multiset of values per group); fold see {@link #fold}. Naive mode groups the
 * snapshot and computes every group, O(|snapshot|). The result functions must be deterministic (the old row is
 * recomputed to retract it). The {@code ...ByLong} variants take a primitive {@code long} key and keep their
 * state in primitive maps (no boxing per row).
 *
 * <p>These operators cannot run inside an incremental recursive circuit (they keep no per-iteration history).
 */
public final class Aggregates {
    private Aggregates() {
    }

    /** Builds the output row of a group with a {@code long} key from the key and the aggregate value. */
    @FunctionalInterface
    public interface LongResult<R> {
        R apply(long key, long value);
    }

    // ---- count, sum, average ---------------------------------------------------------------------------------

    /** {@code COUNT(*)} per group: {@code result(key, count)} for every group with count &gt; 0. O(1) per changed row. */
    public static <T, K, R> Stream<R> count(Stream<T> in, Function<? super T, ? extends K> key,
                                           BiFunction<? super K, Long, ? extends R> result) {
        return linear(AggregateNode.Kind.COUNT, in, key, null, result);
    }

    /** {@code SUM(value)} per group (sum of value * weight). O(1) per changed row. */
    public static <T, K, R> Stream<R> sum(Stream<T> in, Function<? super T, ? extends K> key,
                                         ToLongFunction<? super T> value,
                                         BiFunction<? super K, Long, ? extends R> result) {
        return linear(AggregateNode.Kind.SUM, in, key, Objects.requireNonNull(value, "value"), result);
    }

    /**
     * {@code AVG(value)} per group as a {@code long}: {@code sum / count} truncated toward zero, like Flink's (and
     * SQL Server's) {@code AVG} over a {@code BIGINT} column, e.g. the average of 1 and 2 is 1 and of -1 and -2
     * is -1. O(1) per changed row.
     */
    public static <T, K, R> Stream<R> average(Stream<T> in, Function<? super T, ? extends K> key,
                                             ToLongFunction<? super T> value,
                                             BiFunction<? super K, Long, ? extends R> result) {
        return linear(AggregateNode.Kind.AVERAGE, in, key, Objects.requireNonNull(value, "value"), result);
    }

    /** {@link #count} with a primitive {@code long} key. */
    public static <T, R> Stream<R> countByLong(Stream<T> in, ToLongFunction<? super T> key,
                                               LongResult<? extends R> result) {
        return linearByLong(AggregateNode.Kind.COUNT, in, key, null, result);
    }

    /** {@link #sum} with a primitive {@code long} key. */
    public static <T, R> Stream<R> sumByLong(Stream<T> in, ToLongFunction<? super T> key,
                                             ToLongFunction<? super T> value, LongResult<? extends R> result) {
        return linearByLong(AggregateNode.Kind.SUM, in, key, Objects.requireNonNull(value, "value"), result);
    }

    /** {@link #average} (truncated) with a primitive {@code long} key. */
    public static <T, R> Stream<R> averageByLong(Stream<T> in, ToLongFunction<? super T> key,
                                                 ToLongFunction<? super T> value, LongResult<? extends R> result) {
        return linearByLong(AggregateNode.Kind.AVERAGE, in, key, Objects.requireNonNull(value, "value"), result);
    }

    /** Ungrouped {@code COUNT(*)}: one row {@code result(count)} while the count is &gt; 0, none otherwise. */
    public static <T, R> Stream<R> countAll(Stream<T> in, LongFunction<? extends R> result) {
        Objects.requireNonNull(result, "result");
        return countByLong(in, row -> 0L, (k, v) -> result.apply(v));
    }

    /** Ungrouped {@code SUM(value)}: one row {@code result(sum)} while the input's count is &gt; 0. */
    public static <T, R> Stream<R> sumAll(Stream<T> in, ToLongFunction<? super T> value,
                                          LongFunction<? extends R> result) {
        Objects.requireNonNull(result, "result");
        return sumByLong(in, row -> 0L, value, (k, v) -> result.apply(v));
    }

    // ---- min, max -------------------------------------------------------------------------------------------

    /**
     * {@code MIN(value)} per group; deleting the minimum exposes the next one. O(log n) per changed row, state one
     * multiset entry per distinct (group, value). Over an append-only stream ({@link Stream#isAppendOnly()}) the
     * minimum can only fall: O(1) per row and one value of state per group ({@code AppendOnlyMinMaxNode}).
     */
    public static <T, K, R> Stream<R> min(Stream<T> in, Function<? super T, ? extends K> key,
                                         ToLongFunction<? super T> value,
                                         BiFunction<? super K, Long, ? extends R> result) {
        return minMax(false, in, key, value, result);
    }

    /** {@code MAX(value)} per group; deleting the maximum exposes the next one. Costs as {@link #min}. */
    public static <T, K, R> Stream<R> max(Stream<T> in, Function<? super T, ? extends K> key,
                                         ToLongFunction<? super T> value,
                                         BiFunction<? super K, Long, ? extends R> result) {
        return minMax(true, in, key, value, result);
    }

    /** {@link #min} with a primitive {@code long} key. */
    public static <T, R> Stream<R> minByLong(Stream<T> in, ToLongFunction<? super T> key,
                                             ToLongFunction<? super T> value, LongResult<? extends R> result) {
        return minMaxByLong(false, in, key, value, result);
    }

    /** {@link #max} with a primitive {@code long} key. */
    public static <T, R> Stream<R> maxByLong(Stream<T> in, ToLongFunction<? super T> key,
                                             ToLongFunction<? super T> value, LongResult<? extends R> result) {
        return minMaxByLong(true, in, key, value, result);
    }

    /**
     * {@link #minByLong} computed in two phases on several workers (local-global aggregation): each worker
     * first takes the minimum of its own rows per key, with no exchange, and only the changes of those local
     * minima move to the key's owner, which takes the minimum of the at most n local minima. For few or skewed
     * keys (a minimum per window, a hot auction), where exchanging every row would pile the work up on the owner
     * of the hot key. Same result as {@link #minByLong} provided no row has a negative net weight (relations,
     * which every Nexmark stream is): with negative weights spread over workers the local minima differ from
     * the global one. State: a multiset of values per key on every worker holding rows of the key, plus at most
     * n values per key on its owner. With one worker, in naive mode and inside recursion it is
     * {@link #minByLong}. Over an append-only stream ({@link Stream#isAppendOnly()}) the local phase keeps no
     * state: each step passes on its own minimum per key, and the owner, whose input is then append-only too, keeps
     * one value per key.
     */
    public static <T, R> Stream<R> minByLongLocalGlobal(Stream<T> in, ToLongFunction<? super T> key,
                                                        ToLongFunction<? super T> value,
                                                        LongResult<? extends R> result) {
        return minMaxByLongLocalGlobal(false, in, key, value, result);
    }

    /** {@link #maxByLong} in two phases on several workers; see {@link #minByLongLocalGlobal}. */
    public static <T, R> Stream<R> maxByLongLocalGlobal(Stream<T> in, ToLongFunction<? super T> key,
                                                        ToLongFunction<? super T> value,
                                                        LongResult<? extends R> result) {
        return minMaxByLongLocalGlobal(true, in, key, value, result);
    }

    private static <T, R> Stream<R> minMaxByLongLocalGlobal(boolean max, Stream<T> in,
                                                            ToLongFunction<? super T> key,
                                                            ToLongFunction<? super T> value,
                                                            LongResult<? extends R> result) {
        CircuitBuilder c = Objects.requireNonNull(in, "null stream").circuit();
        if (c.workers() == 1 || c.isNaive() || c.nestedScope() != null) {
            return minMaxByLong(max, in, key, value, result);
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(result, "result");
        String name = (max ? "max" : "min") + " local";
        c.checkOwns(in, name);
        Stream<LocalExtreme> local = c.newStream(name);
        if (in.isAppendOnly()) {
            // insertions only: each step's own extreme per key is enough, and no state is kept
            c.addNode(new StepMinMaxByLongNode<>(max, in, key, value, local));
        } else {
            c.addNode(new MinMaxByLongNode<T, LocalExtreme>(max, in, key, value, LocalExtreme::new, local));
        }
        return minMaxByLong(max, local, LocalExtreme::key, LocalExtreme::value, result);
    }

    /** One worker's minimum (or maximum) of a key, the input of the global phase of local-global min/max. */
    record LocalExtreme(long key, long value) {
        @Override
        public int hashCode() {
            return Long.hashCode(key * 0x9E3779B97F4A7C15L + value);
        }
    }

    // ---- fold -------------------------------------------------------------------------------------------------

    /**
     * A user-defined aggregate per group: {@code output(key, fold.result(acc))} for every group with count &gt; 0,
     * {@code acc} folding the group's rows with their weights. Cost per change: if
     * {@link Fold#invertible()}, O(1) user calls per changed row and one accumulator of state per group;
     * otherwise O(size of the group) per touched group (recomputed from its integrated rows, which are kept as
     * state). Output rows are retracted when the result changes (compared with {@code equals}).
     */
    public static <T, K, A, V, R> Stream<R> fold(Stream<T> in, Function<? super T, ? extends K> key,
                                                 Fold<? super T, A, ? extends V> fold,
                                                 BiFunction<? super K, ? super V, ? extends R> output) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fold, "fold");
        Objects.requireNonNull(output, "output");
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, "fold");
        in = c.shardByKey(in, key, "fold");
        Stream<R> out = c.newStream("fold");
        if (c.isNaive()) {
            c.addNode(new NaiveAggregateNode<T, K, R>("fold", in, key, (k, g) -> {
                long count = g.totalWeight();
                if (count <= 0) {
                    return null;
                }
                A acc = fold.init();
                for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                    acc = fold.step(acc, g.elementAt(s), g.weightAt(s));
                }
                return output.apply(k, fold.result(acc));
            }, out));
        } else {
            c.addNode(new FoldNode<T, K, A, V, R>(in, key, fold, output, out));
        }
        return out;
    }

    /** {@link #fold} whose output rows are {@code Pair(key, value)}. */
    public static <T, K, A, V> Stream<Pair<K, V>> fold(Stream<T> in, Function<? super T, ? extends K> key,
                                                      Fold<? super T, A, ? extends V> fold) {
        return fold(in, key, fold, (K k, V v) -> new Pair<K, V>(k, v));
    }

    // ---- wiring -----------------------------------------------------------------------------------------------

    private static <T, K, R> Stream<R> linear(AggregateNode.Kind kind, Stream<T> in,
                                              Function<? super T, ? extends K> key, ToLongFunction<? super T> value,
                                              BiFunction<? super K, Long, ? extends R> result) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(result, "result");
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, name);
        in = c.shardByKey(in, key, name);
        Stream<R> out = c.newStream(name);
        if (c.isNaive()) {
            c.addNode(new NaiveAggregateNode<T, K, R>(name, in, key, (k, g) -> {
                long[] cs = naiveCountSum(g, value);
                return cs[0] > 0 ? result.apply(k, AggregateNode.aggregate(kind, cs[0], cs[1])) : null;
            }, out));
        } else {
            c.addNode(new AggregateByKeyNode<T, K, R>(kind, in, key, value, result, out));
        }
        return out;
    }

    private static <T, R> Stream<R> linearByLong(AggregateNode.Kind kind, Stream<T> in,
                                                 ToLongFunction<? super T> key, ToLongFunction<? super T> value,
                                                 LongResult<? extends R> result) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(result, "result");
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, name);
        in = c.shardByLong(in, key, name);
        Stream<R> out = c.newStream(name);
        if (c.isNaive()) {
            c.addNode(new NaiveAggregateNode<T, Long, R>(name, in, key::applyAsLong, (k, g) -> {
                long[] cs = naiveCountSum(g, value);
                return cs[0] > 0 ? result.apply(k, AggregateNode.aggregate(kind, cs[0], cs[1])) : null;
            }, out));
        } else {
            c.addNode(new AggregateByLongNode<T, R>(kind, in, key, value, result, out));
        }
        return out;
    }

    private static <T> long[] naiveCountSum(ZSet<T> g, ToLongFunction<? super T> value) {
        long count = 0;
        long sum = 0;
        for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
            long w = g.weightAt(s);
            count = Math.addExact(count, w);
            if (value != null) {
                sum = Math.addExact(sum, Math.multiplyExact(value.applyAsLong(g.elementAt(s)), w));
            }
        }
        return new long[] {count, sum};
    }

    /** The min (or max) over values of positive net multiplicity, if the group's count is positive. */
    private static <T> boolean naiveExtreme(ZSet<T> g, ToLongFunction<? super T> value, boolean max, long[] out) {
        LongWeightMap mult = new LongWeightMap();
        long count = 0;
        for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
            long w = g.weightAt(s);
            count = Math.addExact(count, w);
            mult.add(value.applyAsLong(g.elementAt(s)), w);
        }
        if (count <= 0) {
            return false;
        }
        boolean found = false;
        long best = 0;
        for (int s = mult.nextSlot(0); s >= 0; s = mult.nextSlot(s + 1)) {
            long v = mult.keyAt(s);
            if (mult.weightAt(s) > 0 && (!found || (max ? v > best : v < best))) {
                best = v;
                found = true;
            }
        }
        out[0] = best;
        return found;
    }

    private static <T, K, R> Stream<R> minMax(boolean max, Stream<T> in, Function<? super T, ? extends K> key,
                                              ToLongFunction<? super T> value,
                                              BiFunction<? super K, Long, ? extends R> result) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(result, "result");
        String name = max ? "max" : "min";
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, name);
        in = c.shardByKey(in, key, name);
        Stream<R> out = c.newStream(name);
        if (c.isNaive()) {
            c.addNode(new NaiveAggregateNode<T, K, R>(name, in, key, (k, g) -> {
                long[] e = new long[1];
                return naiveExtreme(g, value, max, e) ? result.apply(k, e[0]) : null;
            }, out));
        } else if (in.isAppendOnly() && c.nestedScope() == null) {
            c.addNode(new AppendOnlyMinMaxByKeyNode<T, K, R>(max, in, key, value, result, out));
        } else {
            c.addNode(new MinMaxByKeyNode<T, K, R>(max, in, key, value, result, out));
        }
        return out;
    }

    private static <T, R> Stream<R> minMaxByLong(boolean max, Stream<T> in, ToLongFunction<? super T> key,
                                                 ToLongFunction<? super T> value, LongResult<? extends R> result) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(result, "result");
        String name = max ? "max" : "min";
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, name);
        in = c.shardByLong(in, key, name);
        Stream<R> out = c.newStream(name);
        if (c.isNaive()) {
            c.addNode(new NaiveAggregateNode<T, Long, R>(name, in, key::applyAsLong, (k, g) -> {
                long[] e = new long[1];
                return naiveExtreme(g, value, max, e) ? result.apply(k, e[0]) : null;
            }, out));
        } else if (in.isAppendOnly() && c.nestedScope() == null) {
            c.addNode(new AppendOnlyMinMaxByLongNode<T, R>(max, in, key, value, result, out));
        } else {
            c.addNode(new MinMaxByLongNode<T, R>(max, in, key, value, result, out));
        }
        return out;
    }
}
