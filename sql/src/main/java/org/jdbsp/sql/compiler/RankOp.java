package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.Ranked;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.operators.window.Expiry;
import org.jdbsp.sql.runtime.Tuple;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ROW_NUMBER()}, {@code RANK()} or {@code DENSE_RANK() OVER (PARTITION BY p ORDER BY o)} filtered on the
 * rank ({@code <= k}), as an incremental top-k per partition: each input row with its rank appended, for the
 * rows ranked at most k. ROW_NUMBER numbers the rows (ties broken by the whole row). RANK and DENSE_RANK rank
 * the rows' (p, o) values: the engine's rank over those values (copies are peers) or the row number over the
 * distinct values, joined back to the rows that carry them.
 */
final class RankOp extends Op {
    enum Kind { ROW_NUMBER, RANK, DENSE_RANK }

    private final Kind kind;
    private final int[] partition;
    private final OrderComparator order;
    private final int[] orderColumns;
    private final int k;
    /** False when nothing reads the rank but the filter that bounds it: a plain top-k then serves ROW_NUMBER. */
    private final boolean rankRead;
    /** True when the result is the ranked rows as they are, without the rank column (nothing reads it). */
    private final boolean rowsOnly;
    /** A partition column (an input column, never NULL, a long) a table's watermark bounds, or -1; its bound. */
    private final int expiring;
    private final TimeBound expiry;
    /** The shape of the input rows ({@link Shapes}). */
    private final String shape;
    /** Makes an output row, an input row of {@code shape} with its rank appended, without boxing a column. */
    private final RowCombiner appendRank;
    private static final int CACHED_RANKS = 1024;
    /** One-column rows of the ranks 1 to {@value #CACHED_RANKS}, made when first needed. */
    private static final Tuple[] RANKS = new Tuple[CACHED_RANKS + 1];
    /**
     * Whether the partition is one NOT NULL integer column, held as a primitive: then the operator's groups are
     * numbered by the {@code long} itself ({@link TopK#rowNumberByLong}), not by a boxed key made per row.
     */
    private final boolean longPartition;

    /**
     * @param expiring a partition column whose changes {@code expiry} bounds, or -1: then ROW_NUMBER's partitions
     *                 below the bound are dropped once the table's watermark passes them
     */
    RankOp(Op input, Kind kind, int[] partition, OrderComparator order, int[] orderColumns, int k, String shape,
            boolean rankRead, boolean rowsOnly, int expiring, TimeBound expiry, boolean longPartition) {
        super(List.of(input));
        this.appendRank = Combiners.of(shape, "J", null, shape + "J");
        this.shape = shape;
        this.longPartition = longPartition && partition.length == 1;
        this.expiring = expiring;
        this.expiry = expiry;
        this.kind = kind;
        this.partition = partition;
        this.order = order;
        this.orderColumns = orderColumns;
        this.k = k;
        this.rankRead = rankRead;
        this.rowsOnly = rowsOnly;
        if (rowsOnly && (rankRead || kind != Kind.ROW_NUMBER)) throw new IllegalArgumentException("the rank is read");
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        Stream<Tuple> in = w.stream(inputs().get(0));
        Comparator<Tuple> cmp = order != null ? order : org.jdbsp.sql.runtime.TupleOrder.INSTANCE;
        if (kind == Kind.ROW_NUMBER) {
            Expiry<Tuple> drop = expiring < 0 ? null : w.expiry(expiry, expiring);
            if (!rankRead) {
                // every row the top-k keeps satisfies the bound; a rank of 1 passes the filter above
                Stream<Tuple> top = top(in, cmp, drop);
                return rowsOnly ? top : Linear.map(top, t -> withRank(new Ranked<>(t, 1)));
            }
            return Linear.map(rowNumbers(in, cmp, drop), this::withRank);
        }
        // rank the (partition, order) values, then join the ranks back to the rows carrying those values
        int[] keyColumns = concat(partition, orderColumns);
        Stream<Tuple> keys = Linear.map(in, t -> project(t, keyColumns));
        int[] keyPartition = range(0, partition.length);
        OrderComparator keyOrder = order == null ? null : order.remap(keyColumns);
        Comparator<Tuple> keyCmp = keyOrder != null ? keyOrder : org.jdbsp.sql.runtime.TupleOrder.INSTANCE;
        Stream<Ranked<Tuple>> ranked = kind == Kind.RANK
                ? Distinct.distinct(TopK.rank(keys, Keys.of(keyPartition), keyCmp, k))
                : TopK.rowNumber(Distinct.distinct(keys), Keys.of(keyPartition), keyCmp, k);
        boolean[] nullSafe = new boolean[keyColumns.length];
        Arrays.fill(nullSafe, true);
        Function<Tuple, Object> rankedKey = Keys.join(range(0, keyColumns.length), nullSafe, Keys.RIGHT_NULL);
        return Joins.join(in, ranked, Keys.join(keyColumns, nullSafe, Keys.LEFT_NULL),
                r -> rankedKey.apply(r.row()), (t, r) -> withRank(new Ranked<>(t, r.rank())));
    }

    /**
     * The local phase of a local-global top-k on several workers ({@code TopK.localTopK}), when {@code in} is
     * append-only and not routed by the partition already: each worker cuts its part of a step down to the first
     * {@code k} rows of each partition before they are hashed and moved (Nexmark q18: most of a step's bids repeat
     * a bidder and auction of the same step). Right: with insertions only, a row beaten by k rows on its worker is
     * beaten by them everywhere. {@code in} itself otherwise, and on one worker.
     */
    private Stream<Tuple> local(Stream<Tuple> in, Comparator<Tuple> cmp) {
        if (!in.isAppendOnly() || Routing.routedBy(in, partition) >= 0) return in; // routed: no exchange to save
        if (longPartition) return TopK.localTopKByLong(in, Routing.longKey(in, partition[0]), cmp, k);
        return TopK.localTopK(in, Keys.of(shape, partition), cmp, k);
    }

    /** The first {@code k} rows of each partition by {@code cmp}, its groups dropped by {@code drop} (or null). */
    private Stream<Tuple> top(Stream<Tuple> in, Comparator<Tuple> cmp, Expiry<Tuple> drop) {
        in = local(in, cmp);
        if (longPartition) {
            java.util.function.ToLongFunction<Tuple> key = Routing.longKey(in, partition[0]);
            return drop == null ? TopK.topKByLong(in, key, cmp, k) : TopK.topKByLong(in, key, cmp, k, drop);
        }
        Function<Tuple, Object> group = Routing.objectKey(in, Keys.of(shape, partition), partition);
        return drop == null ? TopK.topK(in, group, cmp, k) : TopK.topK(in, group, cmp, k, drop);
    }

    /** {@link #top} with each row's position in its partition. */
    private Stream<Ranked<Tuple>> rowNumbers(Stream<Tuple> in, Comparator<Tuple> cmp, Expiry<Tuple> drop) {
        in = local(in, cmp);
        if (longPartition) {
            java.util.function.ToLongFunction<Tuple> key = Routing.longKey(in, partition[0]);
            return drop == null ? TopK.rowNumberByLong(in, key, cmp, k)
                    : TopK.rowNumberByLong(in, key, cmp, k, drop);
        }
        Function<Tuple, Object> group = Routing.objectKey(in, Keys.of(shape, partition), partition);
        return drop == null ? TopK.rowNumber(in, group, cmp, k) : TopK.rowNumber(in, group, cmp, k, drop);
    }

    private Tuple withRank(Ranked<Tuple> r) {
        return appendRank.combine(r.row(), rankRow(r.rank()));
    }

    /** The one-column row (BIGINT NOT NULL) holding {@code rank}. */
    private static Tuple rankRow(long rank) {
        if (rank < 1 || rank > CACHED_RANKS) return makeRankRow(rank);
        Tuple t = RANKS[(int) rank];
        if (t == null) { // a race makes an equal row twice: harmless
            t = makeRankRow(rank);
            RANKS[(int) rank] = t;
        }
        return t;
    }

    private static Tuple makeRankRow(long rank) {
        return org.jdbsp.sql.runtime.RowClasses.factory("J").make(new Object[] {rank});
    }

    private static Tuple project(Tuple t, int[] columns) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) v[i] = Keys.normalize(t.get(columns[i]));
        return Tuple.of(v);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    @Override
    String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " <= " + k + " partition "
                + Arrays.toString(partition) + " order " + Arrays.toString(orderColumns)
                + (rowsOnly ? ", the rows without their rank" : "")
                + (expiring < 0 || kind != Kind.ROW_NUMBER ? "" : ", dropping the partitions of column " + expiring
                + " below the watermark of " + expiry.table() + (expiry.offset() == 0 ? "" : (expiry.offset() > 0
                ? " + " : " - ") + Math.abs(expiry.offset()) + " ms"));
    }
}
