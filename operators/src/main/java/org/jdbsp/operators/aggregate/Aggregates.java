package org.jdbsp.operators.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.join.Pair;
import org.jdbsp.operators.spi.LongKeySpace;
import org.jdbsp.operators.spi.ObjectKeySpace;
import org.jdbsp.operators.spi.RecomputeNode;
import org.jdbsp.operators.spi.RowKey;
import org.jdbsp.operators.window.Watermark;
import org.jdbsp.operators.window.WindowResult;
import org.jdbsp.operators.window.Windowed;

/**
 * Grouped aggregates ({@code SELECT k, AGG1(..), AGG2(..) FROM t GROUP BY k}): one output row per group, built by
 * a result function from the group key and the values of the {@link Agg}s, read from {@link Aggregated}. Keys are
 * objects ({@code Function}: records, strings, composite keys) or primitive {@code long}s ({@code ...ByLong}, never
 * boxed); both run the same operator.
 *
 * <p>Semantics over a snapshot: a row of weight {@code w} counts {@code w} times. A group exists (has an output
 * row) while its count, the sum of its rows' weights, is positive; a group whose rows were all deleted disappears.
 * A group with a negative count (more deletes than inserts, a user error) has no row, but its state is kept exactly,
 * so a later correcting insert restores the right result. {@link #aggregateAll} is SQL's ungrouped aggregate: it
 * always has exactly one row, with {@code COUNT} 0 and the other aggregates NULL over an empty input.
 *
 * <p>Incremental rule: for each group a change touches, the new values are computed from the committed state plus
 * the change without mutating it, and {@code -oldRow + newRow} is emitted (nothing when the row is unchanged); the
 * state is updated on commit. Costs per changed row and state per group: see {@link Agg}. Result functions must be
 * deterministic (the old row is rebuilt to retract it). Naive mode recomputes every group from the snapshot with an
 * independent reference. These operators cannot run inside an incremental recursive circuit.
 */
public final class Aggregates {
    private Aggregates() {
    }

    /** Builds a group's row from its object key and one {@code long} aggregate value. */
    @FunctionalInterface
    public interface KeyedLong<K, R> {
        R apply(K key, long value);
    }

    /** Builds a group's row from its {@code long} key and one {@code long} aggregate value. */
    @FunctionalInterface
    public interface LongResult<R> {
        R apply(long key, long value);
    }

    /** Builds a group's row from its object key and its aggregates. */
    @FunctionalInterface
    public interface GroupRow<K, R> {
        R apply(K key, Aggregated values);
    }

    /** Builds a group's row from its {@code long} key and its aggregates. */
    @FunctionalInterface
    public interface LongGroupRow<R> {
        R apply(long key, Aggregated values);
    }

    /** Builds the row of a (window, key) group from the window, the key and its aggregates. */
    @FunctionalInterface
    public interface WindowRow<K, R> {
        R apply(long start, long end, K key, Aggregated values);
    }

    // ---- several aggregates at once ----------------------------------------------------------------------

    /**
     * {@code SELECT key, aggs... GROUP BY key}: per group with a positive count, {@code result(key, values)}.
     * For example {@code aggregate(sales, Sale::region, (r, v) -> new Stats(r, v.getLong(0), v.getLong(1)),
     * Agg.count(), Agg.sum(Sale::amount))}.
     */
    @SafeVarargs
    public static <T, K, R> Stream<R> aggregate(Stream<T> in, Function<? super T, ? extends K> key,
                                                GroupRow<? super K, ? extends R> result, Agg<? super T>... aggs) {
        Objects.requireNonNull(result, "aggregate: null result function");
        return wire("aggregate", in, Keys.objects(key), Rows.objects(result), list(aggs), Form.GROUPED);
    }

    /** {@link #aggregate} with a primitive {@code long} key. */
    @SafeVarargs
    public static <T, R> Stream<R> aggregateByLong(Stream<T> in, ToLongFunction<? super T> key,
                                                   LongGroupRow<? extends R> result, Agg<? super T>... aggs) {
        Objects.requireNonNull(result, "aggregate: null result function");
        return wire("aggregate", in, Keys.longs(key), Rows.longs(result), list(aggs), Form.GROUPED);
    }

    /**
     * SQL's ungrouped aggregate ({@code SELECT aggs... FROM t}): exactly one row at every step from the first on,
     * {@code result(values)}; over an empty input {@code COUNT} is 0 and the other aggregates are NULL. On several
     * workers the rows are gathered on one.
     */
    @SafeVarargs
    public static <T, R> Stream<R> aggregateAll(Stream<T> in, Function<? super Aggregated, ? extends R> result,
                                                Agg<? super T>... aggs) {
        Objects.requireNonNull(result, "aggregateAll: null result function");
        return wire("aggregateAll", in, Keys.constant(), Rows.longs((k, v) -> result.apply(v)), list(aggs),
                Form.ONE_ROW);
    }

    /**
     * {@code GROUP BY window, key} over rows assigned to windows ({@code Windows.tumbling}, {@code Windows.hopping}):
     * per (window, key) group with a positive count, {@code result(start, end, key, values)}.
     *
     * <p>With a {@code watermark} (from {@code Watermarks.withLateness} applied upstream), at the end of each step
     * the state of every window with {@code end <= watermark} is dropped: no accepted row can fall in such a window
     * any more. Their output rows stay in the view. A change reaching a dropped window fails the step. Naive mode
     * recomputes from the snapshot and ignores the watermark.
     *
     * @param watermark may be null: keep all state
     */
    @SafeVarargs
    public static <T, K, R> Stream<R> perWindow(Stream<Windowed<T>> in, Function<? super T, ? extends K> key,
                                                Watermark watermark, WindowRow<? super K, ? extends R> result,
                                                Agg<? super T>... aggs) {
        Objects.requireNonNull(key, "window aggregate: null key function");
        Objects.requireNonNull(result, "window aggregate: null result function");
        return wireWindows(in, Keys.objects(key), watermark, (s, e, k, v) -> result.apply(s, e, cast(k), v), list(aggs));
    }

    /**
     * {@link #perWindow(Stream, Function, Watermark, WindowRow, Agg[])} over rows that carry their window in their own
     * columns, {@code [start(row), end(row))} (as SQL rows after a window table function do), so that no
     * {@link Windowed} is made per row; the aggregates read the rows themselves.
     */
    @SafeVarargs
    public static <T, K, R> Stream<R> perWindowOf(Stream<T> in, ToLongFunction<? super T> start,
                                                  ToLongFunction<? super T> end, Function<? super T, ? extends K> key,
                                                  Watermark watermark, WindowRow<? super K, ? extends R> result,
                                                  Agg<? super T>... aggs) {
        return windowsOf(in, start, end, key, watermark, result, list(aggs), false);
    }

    /**
     * {@link #perWindowOf} where the key determines the window: every row of a key has the same window (SQL's GROUP
     * BY of a day or a time the watermark bounds, where the window only says when the group can be dropped). Each
     * key is then its own group: a row costs two lookups (its window and its key) instead of three, and the groups
     * keep no (window, key) pairs. A row of a known key in another window fails the step, naming the key.
     */
    @SafeVarargs
    public static <T, K, R> Stream<R> perKeyWindowOf(Stream<T> in, ToLongFunction<? super T> start,
                                                     ToLongFunction<? super T> end,
                                                     Function<? super T, ? extends K> key, Watermark watermark,
                                                     WindowRow<? super K, ? extends R> result, Agg<? super T>... aggs) {
        return windowsOf(in, start, end, key, watermark, result, list(aggs), true);
    }

    private static <T, K, R> Stream<R> windowsOf(Stream<T> in, ToLongFunction<? super T> start,
                                                 ToLongFunction<? super T> end, Function<? super T, ? extends K> key,
                                                 Watermark watermark, WindowRow<? super K, ? extends R> result,
                                                 List<Agg<? super T>> list, boolean byKey) {
        Objects.requireNonNull(start, "window aggregate: null window start function");
        Objects.requireNonNull(end, "window aggregate: null window end function");
        Objects.requireNonNull(key, "window aggregate: null key function");
        Objects.requireNonNull(result, "window aggregate: null result function");
        if (in != null && in.circuit().isNaive()) {
            // the reference reads windowed rows
            return wireWindows(Linear.map(in, r -> new Windowed<T>(start.applyAsLong(r), end.applyAsLong(r), r)),
                    Keys.objects(key), watermark, (s, e, k, v) -> result.apply(s, e, cast(k), v), list);
        }
        Keys<T> keys = Keys.objects(key);
        String name = list.size() == 1 ? "window-" + list.get(0) : "window aggregate";
        CircuitBuilder c = check(name, in);
        Object space = keys.newSpace();
        RowKey<T> rowKey = keys.rowKey(space);
        WindowGroups<T> groups = byKey ? WindowGroups.ofKeyWindows(rowKey, start, end)
                : new WindowGroups<>(rowKey, start, end);
        in = c.shard(in, groups::shardHashOfRow, name, rowKey.routing());
        Stream<R> out = c.newStream(name);
        List<Accumulator<T>> accs = accumulators(list, in.isAppendOnly());
        c.addNode(new AggregateNode<T, R>(name, in, out, null, groups, accs,
                (id, v) -> result.apply(groups.start(id), groups.end(id), cast(keys.key(space, groups.keyId(id))), v),
                false, false, watermark));
        return out;
    }

    /** {@link #perWindow} with a primitive {@code long} key (passed boxed to {@code result}). */
    @SafeVarargs
    public static <T, R> Stream<R> perWindowByLong(Stream<Windowed<T>> in, ToLongFunction<? super T> key,
                                                   Watermark watermark, WindowRow<? super Long, ? extends R> result,
                                                   Agg<? super T>... aggs) {
        Objects.requireNonNull(result, "window aggregate: null result function");
        return wireWindows(in, Keys.longs(key), watermark, (s, e, k, v) -> result.apply(s, e, (Long) k, v),
                list(aggs));
    }

    /**
     * One {@code long} aggregate per (window, key): a {@link WindowResult} per group with a positive count. See
     * {@link #perWindow(Stream, Function, Watermark, WindowRow, Agg[])}.
     */
    public static <T, K> Stream<WindowResult<K>> perWindow(Stream<Windowed<T>> in,
                                                           Function<? super T, ? extends K> key, Agg<? super T> agg,
                                                           Watermark watermark) {
        return perWindow(in, key, watermark, (s, e, k, v) -> new WindowResult<K>(s, e, k, v.getLong(0)), agg);
    }

    /** {@link #perWindow(Stream, Function, Agg, Watermark)} keeping all state. */
    public static <T, K> Stream<WindowResult<K>> perWindow(Stream<Windowed<T>> in,
                                                           Function<? super T, ? extends K> key, Agg<? super T> agg) {
        return perWindow(in, key, agg, null);
    }

    // ---- one aggregate ------------------------------------------------------------------------------------

    /** {@code COUNT(*)} per group: {@code result(key, count)} for every group with count &gt; 0. O(1) per row. */
    public static <T, K, R> Stream<R> count(Stream<T> in, Function<? super T, ? extends K> key,
                                           KeyedLong<? super K, ? extends R> result) {
        return one("count", in, key, result, Agg.count());
    }

    /** {@code SUM(value)} per group (sum of value * weight). O(1) per row. */
    public static <T, K, R> Stream<R> sum(Stream<T> in, Function<? super T, ? extends K> key,
                                         ToLongFunction<? super T> value, KeyedLong<? super K, ? extends R> result) {
        return one("sum", in, key, result, Agg.sum(value));
    }

    /**
     * {@code AVG(value)} per group as a {@code long}: {@code sum / count} truncated toward zero, like Flink's
     * {@code AVG} over a {@code BIGINT} column (the average of 1 and 2 is 1, of -1 and -2 is -1). O(1) per row.
     */
    public static <T, K, R> Stream<R> average(Stream<T> in, Function<? super T, ? extends K> key,
                                             ToLongFunction<? super T> value, KeyedLong<? super K, ? extends R> result) {
        return one("average", in, key, result, Agg.avg(value));
    }

    /** {@code MIN(value)} per group; deleting the minimum exposes the next one. See {@link Agg#min}. */
    public static <T, K, R> Stream<R> min(Stream<T> in, Function<? super T, ? extends K> key,
                                         ToLongFunction<? super T> value, KeyedLong<? super K, ? extends R> result) {
        return one("min", in, key, result, Agg.min(value));
    }

    /** {@code MAX(value)} per group; deleting the maximum exposes the next one. See {@link Agg#max}. */
    public static <T, K, R> Stream<R> max(Stream<T> in, Function<? super T, ? extends K> key,
                                         ToLongFunction<? super T> value, KeyedLong<? super K, ? extends R> result) {
        return one("max", in, key, result, Agg.max(value));
    }

    /** {@link #count} with a primitive {@code long} key. */
    public static <T, R> Stream<R> countByLong(Stream<T> in, ToLongFunction<? super T> key,
                                               LongResult<? extends R> result) {
        return oneByLong("count", in, key, result, Agg.count());
    }

    /** {@link #sum} with a primitive {@code long} key. */
    public static <T, R> Stream<R> sumByLong(Stream<T> in, ToLongFunction<? super T> key,
                                             ToLongFunction<? super T> value, LongResult<? extends R> result) {
        return oneByLong("sum", in, key, result, Agg.sum(value));
    }

    /** {@link #average} (truncated) with a primitive {@code long} key. */
    public static <T, R> Stream<R> averageByLong(Stream<T> in, ToLongFunction<? super T> key,
                                                 ToLongFunction<? super T> value, LongResult<? extends R> result) {
        return oneByLong("average", in, key, result, Agg.avg(value));
    }

    /** {@link #min} with a primitive {@code long} key. */
    public static <T, R> Stream<R> minByLong(Stream<T> in, ToLongFunction<? super T> key,
                                             ToLongFunction<? super T> value, LongResult<? extends R> result) {
        return oneByLong("min", in, key, result, Agg.min(value));
    }

    /** {@link #max} with a primitive {@code long} key. */
    public static <T, R> Stream<R> maxByLong(Stream<T> in, ToLongFunction<? super T> key,
                                             ToLongFunction<? super T> value, LongResult<? extends R> result) {
        return oneByLong("max", in, key, result, Agg.max(value));
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

    /**
     * {@link #minByLong} computed in two phases on several workers (local-global aggregation): each worker first
     * takes the minimum of its own rows per key, with no exchange, and only the changes of those local minima move to
     * the key's owner, which takes the minimum of the at most n local minima. For few or skewed keys, where
     * exchanging every row would pile the work up on the owner of a hot key. Same result provided no row has a
     * negative net weight. The local phase is the same operator: over an append-only stream it keeps no state (each
     * step passes on its own minimum per key, as insertions, and the owner keeps one value per key); otherwise it
     * keeps each worker's values per key. With one worker, in naive mode and inside recursion it is
     * {@link #minByLong}.
     */
    public static <T, R> Stream<R> minByLongLocalGlobal(Stream<T> in, ToLongFunction<? super T> key,
                                                        ToLongFunction<? super T> value,
                                                        LongResult<? extends R> result) {
        return localGlobal(false, in, key, value, result);
    }

    /** {@link #maxByLong} in two phases on several workers; see {@link #minByLongLocalGlobal}. */
    public static <T, R> Stream<R> maxByLongLocalGlobal(Stream<T> in, ToLongFunction<? super T> key,
                                                        ToLongFunction<? super T> value,
                                                        LongResult<? extends R> result) {
        return localGlobal(true, in, key, value, result);
    }

    /**
     * The local phase of a two-phase (local-global) aggregate: per key, {@code result(key, values)} of the rows of
     * the step that are on this worker, as insertions, with no exchange and nothing kept between steps. An
     * aggregate of these rows by the same key that sums the counts and sums and takes the minimum of the minima
     * and the maximum of the maxima then equals the aggregate of the input; only one row per key and worker moves
     * to the key's owner. For append-only inputs whose steps repeat few keys (the windows of a step, a hot key).
     * As an elementwise operator right after an input it runs inside the exchange, on each worker's part of the
     * input's change (a combiner: {@link PassAggregateNode}). Cost: one hash lookup per row into a table of the
     * pass's keys, which is emptied when the pass ends. The node is named as a worker's node
     * ({@link CircuitBuilder#addWorkerNode}) on any worker count, so the operators after it keep their names. In
     * naive mode the aggregate of the whole input so far, which the global phase reads the same way.
     *
     * @throws IllegalArgumentException if {@code in} is not append-only, or inside a recursion
     */
    @SafeVarargs
    public static <T, K, R> Stream<R> localAggregate(Stream<T> in, Function<? super T, ? extends K> key,
                                                     GroupRow<? super K, ? extends R> result,
                                                     Agg<? super T>... aggs) {
        Objects.requireNonNull(result, "local aggregate: null result function");
        return wireLocal(in, Keys.objects(key), Rows.objects(result), list(aggs));
    }

    /** {@link #localAggregate} with a primitive {@code long} key. */
    @SafeVarargs
    public static <T, R> Stream<R> localAggregateByLong(Stream<T> in, ToLongFunction<? super T> key,
                                                        LongGroupRow<? extends R> result, Agg<? super T>... aggs) {
        Objects.requireNonNull(result, "local aggregate: null result function");
        return wireLocal(in, Keys.longs(key), Rows.longs(result), list(aggs));
    }

    private static <T, R> Stream<R> wireLocal(Stream<T> in, Keys<T> keys, Rows<R> rows, List<Agg<? super T>> aggs) {
        String name = "local aggregate";
        CircuitBuilder c = checkOutsideRecursion(name, in);
        Stream<R> out = c.newStream(name);
        if (c.isNaive()) {
            c.addWorkerNode(RecomputeNode.of(name, in, out, s -> AggregateReference.grouped(s, keys.boxed(), aggs,
                    rows.boxed(), false)));
            return out;
        }
        if (!in.isAppendOnly()) {
            throw new IllegalArgumentException(name + ": the input " + in + " is not append-only");
        }
        Object space = keys.newSpace();
        c.addWorkerNode(new PassAggregateNode<T, R>(name + " (per pass)", in, out, keys.rowKey(space),
                accumulators(aggs, true), rows.bind().apply(space)));
        return out;
    }

    /**
     * The insertions of a stream of aggregate rows whose values only grow: every row a step retracts is replaced in
     * the same step, within the group of the {@code MAX} that reads this, by a row of a value at least as large (the
     * {@code -old +new} of a {@code COUNT} over an append-only input, regrouped by some of its keys). A {@code MAX}
     * over these rows equals the {@code MAX} over {@code in}, and since they make an append-only stream it can run
     * in two phases ({@link #localAggregate}) and keep one value per group. The caller guarantees the property; a
     * {@code MIN}, {@code COUNT} or {@code SUM} of the result would be wrong. Cost: one comparison per row, no state.
     * In naive mode {@code in} itself (its snapshots hold no retractions).
     *
     * @throws IllegalArgumentException inside a recursion
     */
    public static <T> Stream<T> insertionsOfGrowing(Stream<T> in) {
        CircuitBuilder c = checkOutsideRecursion("insertions", in);
        if (c.isNaive()) {
            return in;
        }
        Stream<T> out = c.newStream("insertions");
        c.addNode(new InsertionsNode<>(in, out));
        return out;
    }

    /** One worker's extreme of a key, the input of the global phase of local-global min/max. */
    record LocalExtreme(long key, long value) {
        @Override
        public int hashCode() {
            return Long.hashCode(key * 0x9E3779B97F4A7C15L + value);
        }
    }

    private static <T, R> Stream<R> localGlobal(boolean max, Stream<T> in, ToLongFunction<? super T> key,
                                                ToLongFunction<? super T> value, LongResult<? extends R> result) {
        String name = max ? "max" : "min";
        CircuitBuilder c = Objects.requireNonNull(in, () -> name + ": null stream").circuit();
        if (c.workers() == 1 || c.isNaive() || c.nestedScope() != null) {
            return oneByLong(name, in, key, result, max ? Agg.max(value) : Agg.min(value));
        }
        Objects.requireNonNull(key, () -> name + ": null key function");
        Objects.requireNonNull(value, () -> name + ": null value function");
        c.checkOwns(in, name);
        LongKeySpace space = new LongKeySpace();
        Stream<LocalExtreme> local = c.newStream(name + " local");
        Agg<T> agg = max ? Agg.max(value) : Agg.min(value);
        String localName = name + (in.isAppendOnly() ? " local (per step)" : " local");
        c.addWorkerNode(new AggregateNode<T, LocalExtreme>(localName, in, local, RowKey.ofLong(space, key), null,
                List.of(AggregateNode.accumulator(agg, in.isAppendOnly())),
                (id, v) -> new LocalExtreme(space.key(id), v.getLong(0)), in.isAppendOnly(), false, null)).local();
        Agg<LocalExtreme> global = max ? Agg.max(LocalExtreme::value) : Agg.min(LocalExtreme::value);
        return oneByLong(name, local, LocalExtreme::key, result, global);
    }

    /**
     * A user-defined aggregate per group: {@code output(key, fold.result(acc))} for every group with count &gt; 0,
     * {@code acc} folding the group's rows with their weights. See {@link Fold} for the cost; the output row changes
     * when the result changes by {@code equals}.
     */
    @SuppressWarnings("unchecked")
    public static <T, K, A, V, R> Stream<R> fold(Stream<T> in, Function<? super T, ? extends K> key,
                                                 Fold<? super T, A, ? extends V> fold,
                                                 BiFunction<? super K, ? super V, ? extends R> output) {
        Objects.requireNonNull(output, "fold: null output function");
        return wire("fold", in, Keys.objects(key), Rows.objects((K k, Aggregated v) -> output.apply(k, (V) v.get(0))),
                List.of(Agg.fold(fold)), Form.GROUPED);
    }

    /** {@link #fold} whose output rows are {@code Pair(key, value)}. */
    public static <T, K, A, V> Stream<Pair<K, V>> fold(Stream<T> in, Function<? super T, ? extends K> key,
                                                      Fold<? super T, A, ? extends V> fold) {
        return fold(in, key, fold, (K k, V v) -> new Pair<K, V>(k, v));
    }

    // ---- wiring -------------------------------------------------------------------------------------------

    /** How the groups of an aggregate are formed. */
    private enum Form { GROUPED, ONE_ROW }

    /** A group key as a function: objects, {@code long}s (boxed only for the reference) or the one constant group. */
    private record Keys<T>(Function<? super T, ?> boxed, ToLongFunction<? super T> primitive) {
        static <T> Keys<T> objects(Function<? super T, ?> key) {
            return new Keys<>(Objects.requireNonNull(key, "aggregate: null key function"), null);
        }

        static <T> Keys<T> longs(ToLongFunction<? super T> key) {
            Objects.requireNonNull(key, "aggregate: null key function");
            return new Keys<>(x -> key.applyAsLong(x), key);
        }

        static <T> Keys<T> constant() {
            return new Keys<>(x -> 0L, x -> 0L);
        }

        /** A row key in a new space (one per circuit replica) and the group's key object for an id of it. */
        RowKey<T> rowKey(Object space) {
            return primitive != null ? RowKey.ofLong((LongKeySpace) space, primitive)
                    : RowKey.of((ObjectKeySpace) space, boxed);
        }

        Object newSpace() {
            return primitive != null ? new LongKeySpace() : new ObjectKeySpace();
        }

        Object key(Object space, int id) {
            return primitive != null ? (Object) ((LongKeySpace) space).key(id) : ((ObjectKeySpace) space).key(id);
        }
    }

    @SuppressWarnings("unchecked")
    private static <K> K cast(Object k) {
        return (K) k;
    }

    /**
     * A result function over group ids, bound to one replica's key space (a {@code long} key is passed unboxed),
     * and its form over boxed keys for the reference.
     */
    private record Rows<R>(Function<Object, AggregateNode.GroupResult<R>> bind,
                           BiFunction<Object, Aggregated, ? extends R> boxed) {
        static <K, R> Rows<R> objects(GroupRow<? super K, ? extends R> f) {
            return new Rows<>(space -> {
                ObjectKeySpace s = (ObjectKeySpace) space;
                return (id, v) -> f.apply(cast(s.key(id)), v);
            }, (k, v) -> f.apply(cast(k), v));
        }

        static <R> Rows<R> longs(LongGroupRow<? extends R> f) {
            return new Rows<>(space -> {
                LongKeySpace s = (LongKeySpace) space;
                return (id, v) -> f.apply(s.key(id), v);
            }, (k, v) -> f.apply((Long) k, v));
        }
    }

    @SafeVarargs
    private static <T> List<Agg<? super T>> list(Agg<? super T>... aggs) {
        Objects.requireNonNull(aggs, "aggregate: null aggregate list");
        if (aggs.length == 0) {
            throw new IllegalArgumentException("aggregate: give at least one Agg");
        }
        List<Agg<? super T>> l = new ArrayList<>(aggs.length);
        for (int i = 0; i < aggs.length; i++) {
            l.add(Objects.requireNonNull(aggs[i], "aggregate: Agg " + i + " is null"));
        }
        return l;
    }

    private static <T, K, R> Stream<R> one(String name, Stream<T> in, Function<? super T, ? extends K> key,
                                           KeyedLong<? super K, ? extends R> result, Agg<? super T> agg) {
        Objects.requireNonNull(result, () -> name + ": null result function");
        return wire(name, in, Keys.objects(key), Rows.objects((K k, Aggregated v) -> result.apply(k, v.getLong(0))),
                List.of(agg), Form.GROUPED);
    }

    private static <T, R> Stream<R> oneByLong(String name, Stream<T> in, ToLongFunction<? super T> key,
                                              LongResult<? extends R> result, Agg<? super T> agg) {
        Objects.requireNonNull(result, () -> name + ": null result function");
        return wire(name, in, Keys.longs(key), Rows.longs((k, v) -> result.apply(k, v.getLong(0))), List.of(agg),
                Form.GROUPED);
    }

    /** {@link #check}, refusing a stream inside a recursion (an operator that is not linear and keeps no trace). */
    private static CircuitBuilder checkOutsideRecursion(String name, Stream<?> in) {
        CircuitBuilder c = check(name, in);
        if (c.nestedScope() != null) {
            throw new IllegalArgumentException(name + ": not inside a recursion (" + in + ")");
        }
        return c;
    }

    private static CircuitBuilder check(String name, Stream<?> in) {
        Objects.requireNonNull(in, () -> name + ": null stream");
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, name);
        return c;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<Accumulator<T>> accumulators(List<Agg<? super T>> aggs, boolean appendOnly) {
        List<Accumulator<T>> l = new ArrayList<>(aggs.size());
        for (Agg<? super T> a : aggs) {
            l.add(AggregateNode.accumulator((Agg<T>) a, appendOnly));
        }
        return l;
    }

    private static <T, R> Stream<R> wire(String name, Stream<T> in, Keys<T> keys, Rows<R> rows,
                                         List<Agg<? super T>> aggs, Form form) {
        CircuitBuilder c = check(name, in);
        Object space = keys.newSpace();
        RowKey<T> rowKey = keys.rowKey(space);
        in = c.shard(in, rowKey::shardHash, name, rowKey.routing());
        Stream<R> out = c.newStream(name);
        boolean oneRow = form == Form.ONE_ROW;
        if (c.isNaive()) {
            c.addNode(RecomputeNode.of(name, in, out, s -> AggregateReference.grouped(s, keys.boxed(), aggs,
                    rows.boxed(), oneRow && c.workerIndex() == 0)));
        } else {
            c.addNode(new AggregateNode<T, R>(name, in, out, rowKey, null, accumulators(aggs, in.isAppendOnly()),
                    rows.bind().apply(space), false, oneRow && c.workerIndex() == 0, null));
        }
        return out;
    }

    private static <T, R> Stream<R> wireWindows(Stream<Windowed<T>> in, Keys<T> keys, Watermark watermark,
                                                WindowRow<Object, ? extends R> result, List<Agg<? super T>> aggs) {
        String name = aggs.size() == 1 ? "window-" + aggs.get(0) : "window aggregate";
        CircuitBuilder c = check(name, in);
        Object space = keys.newSpace();
        WindowGroups<T> groups = new WindowGroups<>(keys.rowKey(space));
        in = c.shard(in, groups::shardHash, name);
        Stream<R> out = c.newStream(name);
        if (c.isNaive()) {
            c.addNode(RecomputeNode.of(name, in, out, s -> AggregateReference.windowed(s, keys.boxed(), aggs, result)));
            return out;
        }
        List<Agg<? super Windowed<T>>> onWindows = new ArrayList<>(aggs.size());
        for (Agg<? super T> a : aggs) {
            onWindows.add(a.through(Windowed::row));
        }
        List<Accumulator<Windowed<T>>> accs = accumulators(onWindows, in.isAppendOnly());
        c.addNode(new AggregateNode<Windowed<T>, R>(name, in, out, null, groups, accs,
                (id, v) -> result.apply(groups.start(id), groups.end(id), keys.key(space, groups.keyId(id)), v),
                false, false, watermark));
        return out;
    }
}
