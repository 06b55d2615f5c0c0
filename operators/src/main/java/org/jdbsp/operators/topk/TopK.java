package org.jdbsp.operators.topk;

import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.spi.LongKeySpace;
import org.jdbsp.operators.spi.ObjectKeySpace;
import org.jdbsp.operators.spi.RecomputeNode;
import org.jdbsp.operators.window.Expiry;
import org.jdbsp.operators.spi.RowKey;

/**
 * Top-k per group: {@code ORDER BY order LIMIT k} within each group, and the ranking functions
 * {@code ROW_NUMBER()} and {@code RANK()} restricted to the top k.
 *
 * <p><b>Semantics.</b> Inputs are multisets: a row with weight {@code w > 0} occupies {@code w} consecutive
 * positions; rows whose integrated weight is {@code <= 0} are treated as absent. The comparator must be
 * <em>total</em> on the rows present: two different rows (by {@code equals}) with non-zero weight in the
 * same group must not compare equal, so that the result is deterministic; end the comparator with a unique
 * column (or the whole row). A step that would violate this fails with an
 * {@link org.jdbsp.circuit.OperatorFailedException} naming the operator, in both modes, and leaves the circuit
 * unchanged. Group keys must not be null.
 *
 * <p><b>Incremental rule.</b> Per group its rows are kept sorted by the comparator with their weights (in chunks of
 * sorted arrays). For each group touched by a change, the old top-k is read from the committed rows and the new
 * top-k from the rows merged on the fly with the change (eval does not modify them); only the difference is
 * emitted (the rows, positions or ranks that changed: a change below a full top costs one comparison and emits
 * nothing) and the change is applied on commit. Cost per touched group: O(c log n) comparisons for c changed rows
 * among n, plus O(k) when the top changes, output O(changed positions); state: about 12 bytes per distinct row. On
 * commit the comparator is called again on rows it already compared during eval. Group keys are objects or primitive
 * {@code long}s ({@code ...ByLong}); both run the same operator. The naive implementation groups and sorts the
 * snapshot every tick.
 *
 * <p>Over an append-only stream ({@link Stream#isAppendOnly()}: insertions only, as from
 * {@link CircuitBuilder#appendOnlyInput}) a row that falls out of the top k never comes back, so per group only
 * the rows within the top k are kept: state at most k rows per group. Each new row costs one comparison when k
 * kept rows precede it, else it joins its group's candidates of the step (O(k) to place it, no sort); O(k) per
 * touched group to merge them.
 */
public final class TopK {
    private TopK() {
    }

    /** Per group, the first {@code k} rows by {@code order}; a row keeps its weight up to the positions it fills. */
    public static <T, K> Stream<T> topK(Stream<T> in, Function<? super T, ? extends K> group,
                                        Comparator<? super T> order, int k) {
        return wire("top-k", in, Keys.objects(group), order, k, TopKKind.ROWS);
    }

    /**
     * {@link #topK(Stream, Function, Comparator, int)} that drops the groups its {@code expiry} says no change can
     * reach any more (a window top-N's windows the watermark passed), keeping its state bounded over an unbounded
     * stream.
     */
    public static <T, K> Stream<T> topK(Stream<T> in, Function<? super T, ? extends K> group,
                                        Comparator<? super T> order, int k, Expiry<? super T> expiry) {
        Objects.requireNonNull(expiry, "top-k: null expiry");
        return wire("top-k", in, Keys.objects(group), order, k, TopKKind.ROWS, expiry);
    }

    /**
     * {@link #rowNumber} dropping the groups its {@code expiry} passes, as
     * {@link #topK(Stream, Function, Comparator, int, Expiry)}.
     */
    public static <T, K> Stream<Ranked<T>> rowNumber(Stream<T> in, Function<? super T, ? extends K> group,
                                                     Comparator<? super T> order, int k, Expiry<? super T> expiry) {
        Objects.requireNonNull(expiry, "row number: null expiry");
        return wire("row number", in, Keys.objects(group), order, k, TopKKind.ROW_NUMBER, expiry);
    }

    /** The first {@code k} rows of the whole input by {@code order} (one group). */
    public static <T> Stream<T> topK(Stream<T> in, Comparator<? super T> order, int k) {
        return wire("top-k", in, Keys.longs(r -> 0L), order, k, TopKKind.ROWS);
    }

    /** {@link #topK(Stream, Function, Comparator, int)} with a {@code long} group key. */
    public static <T> Stream<T> topKByLong(Stream<T> in, ToLongFunction<? super T> group,
                                           Comparator<? super T> order, int k) {
        return wire("top-k", in, Keys.longs(group), order, k, TopKKind.ROWS);
    }

    /** {@link #topK(Stream, Function, Comparator, int, Expiry)} with a {@code long} group key. */
    public static <T> Stream<T> topKByLong(Stream<T> in, ToLongFunction<? super T> group,
                                           Comparator<? super T> order, int k, Expiry<? super T> expiry) {
        Objects.requireNonNull(expiry, "top-k: null expiry");
        return wire("top-k", in, Keys.longs(group), order, k, TopKKind.ROWS, expiry);
    }

    /**
     * The local phase of a local-global top-k on several workers: each worker keeps the top {@code k} of its own
     * rows per group, with no exchange, and passes on only the changes of those local lists. Put it before
     * {@link #topK} or {@link #rowNumber} with the same group, order and {@code k} (not before {@link #rank}, whose
     * ties may reach beyond k positions): the grouped operator then receives at most n*k candidates per group
     * instead of every row, so a skewed group (a hot key) no longer piles its rows up on the worker that owns it.
     * The result is unchanged provided no row has a negative net weight. With one worker, in naive mode and inside
     * recursion it returns {@code in}. State: the rows of each group on the workers holding them. Over an
     * append-only stream ({@link Stream#isAppendOnly()}) it keeps no state between steps and is elementwise, so
     * right after an input it runs inside the exchange, on each worker's part of the input's change, before any row
     * is hashed or moved: it passes on each group's top k of that part once the part has been read, one key lookup
     * and usually one comparison per row.
     */
    public static <T, K> Stream<T> localTopK(Stream<T> in, Function<? super T, ? extends K> group,
                                             Comparator<? super T> order, int k) {
        return local(in, Keys.objects(group), order, k);
    }

    /** {@link #localTopK} with a primitive {@code long} group key. */
    public static <T> Stream<T> localTopKByLong(Stream<T> in, ToLongFunction<? super T> group,
                                                Comparator<? super T> order, int k) {
        return local(in, Keys.longs(group), order, k);
    }

    /** {@link #topK} after {@link #localTopK}: local-global top-k on several workers. */
    public static <T, K> Stream<T> topKLocalGlobal(Stream<T> in, Function<? super T, ? extends K> group,
                                                   Comparator<? super T> order, int k) {
        return topK(localTopK(in, group, order, k), group, order, k);
    }

    /** {@link #topKByLong} after {@link #localTopKByLong}: local-global top-k on several workers. */
    public static <T> Stream<T> topKByLongLocalGlobal(Stream<T> in, ToLongFunction<? super T> group,
                                                      Comparator<? super T> order, int k) {
        return topKByLong(localTopKByLong(in, group, order, k), group, order, k);
    }

    /**
     * {@code ROW_NUMBER() OVER (PARTITION BY group ORDER BY order) <= k}: one {@link Ranked} row per position
     * 1..k of each group (a row of weight 2 at positions 3 and 4 gives {@code Ranked(row, 3)} and
     * {@code Ranked(row, 4)}). A change near the top renumbers the positions after it, up to k.
     */
    public static <T, K> Stream<Ranked<T>> rowNumber(Stream<T> in, Function<? super T, ? extends K> group,
                                                     Comparator<? super T> order, int k) {
        return wire("row-number", in, Keys.objects(group), order, k, TopKKind.ROW_NUMBER);
    }

    /** {@link #rowNumber(Stream, Function, Comparator, int)} with a {@code long} group key. */
    public static <T> Stream<Ranked<T>> rowNumberByLong(Stream<T> in, ToLongFunction<? super T> group,
                                                        Comparator<? super T> order, int k) {
        return wire("row-number", in, Keys.longs(group), order, k, TopKKind.ROW_NUMBER);
    }

    /** {@link #rowNumber(Stream, Function, Comparator, int, Expiry)} with a {@code long} group key. */
    public static <T> Stream<Ranked<T>> rowNumberByLong(Stream<T> in, ToLongFunction<? super T> group,
                                                        Comparator<? super T> order, int k, Expiry<? super T> expiry) {
        Objects.requireNonNull(expiry, "row number: null expiry");
        return wire("row number", in, Keys.longs(group), order, k, TopKKind.ROW_NUMBER, expiry);
    }

    /**
     * {@code RANK() OVER (PARTITION BY group ORDER BY order) <= k}: each row whose rank (1 + the number of
     * positions before it) is at most k, as {@code Ranked(row, rank)} with the row's full weight (copies of
     * a row are peers and share its rank).
     */
    public static <T, K> Stream<Ranked<T>> rank(Stream<T> in, Function<? super T, ? extends K> group,
                                                Comparator<? super T> order, int k) {
        return wire("rank", in, Keys.objects(group), order, k, TopKKind.RANK);
    }

    /** {@link #rank(Stream, Function, Comparator, int)} with a {@code long} group key. */
    public static <T> Stream<Ranked<T>> rankByLong(Stream<T> in, ToLongFunction<? super T> group,
                                                   Comparator<? super T> order, int k) {
        return wire("rank", in, Keys.longs(group), order, k, TopKKind.RANK);
    }

    /** A group key as a function: objects, or {@code long}s (boxed only for the reference). */
    private record Keys<T>(Function<? super T, ?> boxed, ToLongFunction<? super T> primitive) {
        static <T> Keys<T> objects(Function<? super T, ?> group) {
            return new Keys<>(group, null);
        }

        static <T> Keys<T> longs(ToLongFunction<? super T> group) {
            return new Keys<>(group == null ? null : x -> group.applyAsLong(x), group);
        }

        /** A row key in a new key space (one per circuit replica and operator). */
        RowKey<T> rowKey() {
            return primitive != null ? RowKey.ofLong(new LongKeySpace(), primitive)
                    : RowKey.of(new ObjectKeySpace(), boxed);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Stream<T> local(Stream<T> in, Keys<T> keys, Comparator<? super T> order, int k) {
        CircuitBuilder c = check("local top-k", in, keys, order, k);
        if (c.workers() == 1 || c.isNaive() || c.nestedScope() != null) {
            return in;
        }
        Stream<Object> local = c.newStream("local top-k");
        if (in.isAppendOnly()) {
            // insertions only: a row beaten by k others of its pass stays beaten, and no state is kept
            c.addWorkerNode(new PassTopKNode<T>(in, (Stream) local, keys.rowKey(), order, k));
        } else {
            c.addWorkerNode(new TopKNode<T>("local top-k", in, local, keys.rowKey(), order, k, TopKKind.ROWS, false)
                    .local());
        }
        return (Stream) local;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T, R> Stream<R> wire(String kind, Stream<T> in, Keys<T> keys, Comparator<? super T> order,
                                         int k, TopKKind what) {
        return wire(kind, in, keys, order, k, what, null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T, R> Stream<R> wire(String kind, Stream<T> in, Keys<T> keys, Comparator<? super T> order,
                                         int k, TopKKind what, Expiry<? super T> expiry) {
        CircuitBuilder c = check(kind, in, keys, order, k);
        RowKey<T> rowKey = keys.rowKey();
        in = c.shard(in, rowKey::shardHash, kind, rowKey.routing());
        Stream<Object> out = c.newStream(kind);
        if (c.isNaive()) {
            c.addNode(RecomputeNode.of(kind, in, out, s -> TopKReference.of(s, keys.boxed(), order, k, what)));
        } else {
            c.addNode(new TopKNode<T>(kind, in, out, rowKey, order, k, what,
                    in.isAppendOnly() && c.nestedScope() == null, c.nestedScope() == null ? expiry : null));
        }
        return (Stream) out;
    }

    private static CircuitBuilder check(String kind, Stream<?> in, Keys<?> keys, Object order, int k) {
        Objects.requireNonNull(in, kind + ": null stream");
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, kind);
        if (keys.boxed() == null) {
            throw new NullPointerException(kind + ": null group function");
        }
        Objects.requireNonNull(order, kind + ": null comparator");
        if (k <= 0) {
            throw new IllegalArgumentException(kind + ": k must be positive, got " + k);
        }
        return c;
    }
}
