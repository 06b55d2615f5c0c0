package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregated;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.window.Watermark;
import org.jdbsp.sql.runtime.RowClasses;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.TupleFactory;

import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * {@code GROUP BY} with any list of aggregates, and {@code GROUPING SETS} (ROLLUP, CUBE) as a union of one
 * grouping per set, the columns a set leaves out being NULL. Without aggregates it is a DISTINCT over the
 * grouping columns; the empty grouping set gives SQL's one row, also over no input.
 */
final class AggregateOp extends Op {
    /** The grouping columns of the whole aggregate, in output order. */
    private final int[] groupColumns;
    /** Each grouping set, as positions into {@link #groupColumns}. */
    private final List<int[]> groupSets;
    private final List<AggSpec> aggs;
    /** Per aggregate, whether it reads only insertions ({@link #readsOnlyInsertions}); set when wired. */
    private final boolean[] insertionsOnly;
    /** The number of columns of an input row. */
    private final int inputWidth;
    private final String text;
    /** The row shapes ({@link Shapes}) of an input row and of an output row. */
    private final String inputShape;
    private final TupleFactory output;
    /** Per input column, whether it is known to hold no NULL (Calcite's NOT NULL is not trusted). */
    private final boolean[] notNull;
    /** The position in {@link #groupColumns} of a column a table's watermark bounds, or -1; and its bound. */
    private final int expiring;
    private final TimeBound expiry;
    /** Grouped only by columns the watermark bounds ({@link #byTimeOnly}). */
    private boolean timeOnly;
    /** Only MAXs of the counts of the aggregate below, regrouped by some of its keys ({@link #overGrowingCounts}). */
    private boolean growing;
    /** A projection fused above ({@link #fuse}): applied to each output row before it leaves; null if none. */
    private RowFunction after;
    /** The fused projection's program (what {@link #after} computes), for analyses and the description. */
    private RexProgram afterProgram;

    /**
     * @param expiring the position in {@code groupColumns} of a NOT NULL column whose changes {@code expiry} bounds,
     *                 or -1: then groups below the bound are dropped once the table's watermark passes them
     */
    AggregateOp(Op input, int inputWidth, int[] groupColumns, List<int[]> groupSets, List<AggSpec> aggs,
            String inputShape, String outputShape, boolean[] notNull, int expiring, TimeBound expiry, String text) {
        super(List.of(input));
        if (expiring >= 0 && (groupSets.size() != 1 || groupSets.get(0).length != groupColumns.length)) {
            throw new IllegalArgumentException("groups expire only in a plain GROUP BY");
        }
        this.expiring = expiring;
        this.expiry = expiry;
        this.notNull = notNull;
        this.inputShape = inputShape;
        this.output = RowClasses.factory(outputShape);
        this.inputWidth = inputWidth;
        this.groupColumns = groupColumns;
        this.groupSets = groupSets;
        this.aggs = aggs;
        this.insertionsOnly = new boolean[aggs.size()];
        this.text = text;
    }

    /**
     * Fuses a projection without a condition above this aggregate (which nothing else reads): each output row is
     * projected as it is made, so the aggregate's own rows are never hashed into a change set. Returns this.
     */
    AggregateOp fuse(RowFunction projection, RexProgram program) {
        this.after = projection;
        this.afterProgram = program;
        return this;
    }

    /** Output column {@code i}'s expression over the aggregate's own row when a projection is fused; else null. */
    @Override
    RexNode expression(int i) {
        return afterProgram == null ? null : afterProgram.expandLocalRef(afterProgram.getProjectList().get(i));
    }

    /**
     * Marks this aggregate as grouped only by columns the watermark bounds (the window_start and window_end of a
     * TUMBLE), so that the rows of one step fall in a few groups. Returns this.
     */
    AggregateOp byTimeOnly() {
        this.timeOnly = true;
        return this;
    }

    /**
     * Marks this aggregate as taking only MAXs of the COUNTs of the plain GROUP BY right below it, grouped by some
     * of that grouping's columns (Nexmark q5's largest count per window): over an append-only input those counts
     * only grow, each retracted count replaced in the same step and group by a larger one, so the MAXs need only the
     * insertions, which make an append-only stream ({@code Aggregates.insertionsOfGrowing}). Returns this.
     */
    AggregateOp overGrowingCounts() {
        this.growing = true;
        return this;
    }

    /** {@code s} with the fused projection applied, for the paths that do not build rows with {@link #row}. */
    private Stream<Tuple> projected(Stream<Tuple> s) {
        RowFunction f = after;
        return f == null ? s : Linear.map(s, f::apply);
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        Stream<Tuple> in = w.stream(inputs().get(0));
        for (int i = 0; i < aggs.size(); i++) {
            insertionsOnly[i] = !in.isAppendOnly() && readsOnlyInsertions(aggs.get(i), w);
        }
        if (growing && !in.isAppendOnly() && inputs().get(0) instanceof AggregateOp below && below.after == null
                && w.stream(below.inputs().get(0)).isAppendOnly() && !in.circuit().isNaive()
                && in.circuit().nestedScope() == null) {
            in = Aggregates.insertionsOfGrowing(in);
        }
        if (splits(in)) return globalPhase().wireOn(localPhase().wireLocal(in), w);
        return wireOn(in, w);
    }

    /**
     * Whether {@code a}, a MIN or MAX under a FILTER, reads only rows that are never deleted, though the input has
     * deletions: the input is a UNION ALL, and every branch whose filter column is not the constant FALSE is
     * append-only (as {@link DistinctAggregates} builds it: the plain calls' flags are FALSE in the branches of the
     * distinct arguments). Such a MIN or MAX keeps one value per group ({@link Agg#ofInsertionsOnly}) instead of a
     * sorted multiset: Nexmark q16's {@code max(minute)} over the bids beside its distinct counts.
     */
    private boolean readsOnlyInsertions(AggSpec a, Wiring w) {
        if ((a.fn != AggSpec.Fn.MIN && a.fn != AggSpec.Fn.MAX) || a.filter < 0
                || !(inputs().get(0) instanceof UnionOp union) || !union.all()) {
            return false;
        }
        for (Op branch : union.inputs()) {
            RexNode e = branch.expression(a.filter);
            boolean never = e instanceof RexLiteral l && Boolean.FALSE.equals(l.getValueAs(Boolean.class));
            if (!never && !w.stream(branch).isAppendOnly()) return false;
        }
        return true;
    }

    /**
     * Whether this aggregate runs in two phases (local-global) over {@code in}: when it groups only by columns the
     * watermark bounds, so that the rows of one step fall in a few groups (their windows), over an append-only
     * input not routed by a grouping column, with only COUNT, and SUM, SUM0, MIN and MAX of integers and decimals
     * (MIN and MAX of any type). Each worker first aggregates its own rows of the step per group, with
     * no exchange and no state, into a row of this aggregate's output shape (the partial row); only those move,
     * and the global phase sums the counts and sums and takes the extreme of the extremes (Nexmark q7: one row per
     * window and worker moves instead of every bid). The same on every worker count, so that a checkpoint taken on
     * one restores on another.
     */
    private boolean splits(Stream<Tuple> in) {
        return timeOnly && expiring >= 0 && splittable() && in.isAppendOnly() && in.circuit().nestedScope() == null
                && !in.circuit().isNaive() && Routing.routedBy(in, groupColumns) < 0;
    }

    /** Whether every aggregate can be computed from per-worker partial results of the same aggregate. */
    private boolean splittable() {
        for (AggSpec a : aggs) {
            switch (a.fn) {
                case COUNT_STAR, COUNT, MIN, MAX, LITERAL -> { }
                case SUM, SUM0 -> {
                    if (partialNum(a.resultType) == null) return false;
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** How the global phase sums a partial sum of SQL type {@code t}: as longs or decimals; null otherwise. */
    private static AggSpec.Num partialNum(org.jdbsp.sql.ColumnType t) {
        switch (t.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT: return AggSpec.Num.LONG;
            case DECIMAL: return AggSpec.Num.DECIMAL;
            default: return null;
        }
    }

    /** This aggregate without expiry and without the fused projection: its rows are the partial rows. */
    private AggregateOp localPhase() {
        return new AggregateOp(inputs().get(0), inputWidth, groupColumns, groupSets, aggs, inputShape,
                output.shape(), notNull, -1, null, text + " (local phase)");
    }

    /**
     * The aggregate of the partial rows that gives this aggregate's rows: grouped by their first columns, a COUNT
     * becomes the SUM0 of the counts, SUM, SUM0, MIN and MAX the same function of the partial values; with this
     * aggregate's expiry and fused projection.
     */
    private AggregateOp globalPhase() {
        int g = groupColumns.length;
        int width = g + aggs.size();
        int[] keys = new int[g];
        boolean[] partialNotNull = new boolean[width];
        for (int i = 0; i < g; i++) {
            keys[i] = i;
            partialNotNull[i] = notNull[groupColumns[i]];
        }
        List<AggSpec> merged = new java.util.ArrayList<>(aggs.size());
        for (int i = 0; i < aggs.size(); i++) {
            AggSpec a = aggs.get(i);
            int[] arg = {g + i};
            switch (a.fn) {
                case COUNT_STAR, COUNT -> {
                    partialNotNull[g + i] = true;
                    merged.add(new AggSpec(AggSpec.Fn.SUM0, arg, -1, AggSpec.Num.LONG, a.resultType, a.text));
                }
                case SUM, SUM0 -> {
                    partialNotNull[g + i] = a.fn == AggSpec.Fn.SUM0 || (a.filter < 0 && notNull[a.args[0]]);
                    merged.add(new AggSpec(a.fn, arg, -1, partialNum(a.resultType), a.resultType, a.text));
                }
                case MIN, MAX -> {
                    // a NOT NULL integer column unfiltered (Num.LONG): every partial row has its extreme
                    partialNotNull[g + i] = a.num == AggSpec.Num.LONG;
                    merged.add(new AggSpec(a.fn, arg, -1, a.num, a.resultType, a.text));
                }
                default -> merged.add(a); // LITERAL: the same constant
            }
        }
        String shape = output.shape();
        AggregateOp global = new AggregateOp(inputs().get(0), width, keys, List.of(keys), merged, shape, shape,
                partialNotNull, expiring, expiry, text + " (global phase)");
        global.after = after;
        global.afterProgram = afterProgram;
        return global;
    }

    /** The local phase over {@code in}: per group, the partial row of the step's rows on this worker. */
    private Stream<Tuple> wireLocal(Stream<Tuple> in) {
        int[] set = groupSets.get(0);
        boolean[] present = new boolean[groupColumns.length];
        java.util.Arrays.fill(present, true);
        Scratch scratch = new Scratch(groupColumns.length + aggs.size()); // one per wiring
        Agg<Tuple>[] engine = engineAggs(true);
        char keyLetter = set.length == 1 && notNull[groupColumns[0]] ? inputShape.charAt(groupColumns[0]) : 'L';
        if (Shapes.integral(keyLetter)) {
            int col = groupColumns[0];
            return Aggregates.localAggregateByLong(in, t -> t.getLong(col),
                    (k, r) -> rowOfLong(k, keyLetter, r, set, present, scratch), engine);
        }
        return Aggregates.localAggregate(in, Keys.of(inputShape, groupColumns),
                (k, r) -> row(k, r, set, present, scratch), engine);
    }

    /** The aggregate over {@code in}, in one phase. */
    private Stream<Tuple> wireOn(Stream<Tuple> in, Wiring w) {
        Watermark watermark = expiring >= 0 ? w.watermark(expiry.table()) : null;
        if (watermark != null) return wireExpiring(in, watermark);
        Stream<Tuple> out = null;
        for (int[] set : groupSets) {
            Stream<Tuple> s = wireSet(in, set);
            out = out == null ? s : Linear.union(out, s);
        }
        return out;
    }

    private Stream<Tuple> wireSet(Stream<Tuple> in, int[] set) {
        int[] keyColumns = new int[set.length];
        for (int i = 0; i < set.length; i++) keyColumns[i] = groupColumns[set[i]];
        boolean[] present = new boolean[groupColumns.length];
        for (int p : set) present[p] = true;
        int width = groupColumns.length + aggs.size();
        int engineAggs = engineWidth();
        Function<Tuple, Object> key = Keys.of(inputShape, keyColumns);
        if (engineAggs == 0 && aggs.isEmpty() && set.length == groupColumns.length) {
            // a plain DISTINCT: the output row is the grouping columns' values, so the distinct rows are the
            // groups, with no key to build and read back
            if (isIdentity(keyColumns)) return projected(Distinct.distinct(in));
            RowCombiner pick = Keys.picker(inputShape, keyColumns);
            return projected(Distinct.distinct(Linear.map(in, t -> pick.combine(t, null))));
        }
        Scratch scratch = new Scratch(width);  // one per wiring: each worker's circuit has its own
        if (engineAggs == 0 && set.length > 0) {
            // no aggregate needs the rows: the distinct keys are the groups
            return Linear.map(Distinct.distinct(Linear.map(in, key::apply)),
                    k -> row(k, null, set, present, scratch));
        }
        Agg<Tuple>[] engine = engineAggs(set.length > 0);
        if (set.length == 0) {
            return Aggregates.aggregateAll(in, r -> row(null, r, set, present, scratch), engine);
        }
        char keyLetter = set.length == 1 && notNull[keyColumns[0]] ? inputShape.charAt(keyColumns[0]) : 'L';
        if (Shapes.integral(keyLetter)) {
            // one NOT NULL integer column: the engine's long-keyed grouping, no key object per row
            return Aggregates.aggregateByLong(in, Routing.longKey(in, keyColumns[0]),
                    (k, r) -> rowOfLong(k, keyLetter, r, set, present, scratch), engine);
        }
        return Aggregates.aggregate(in, Routing.objectKey(in, key, keyColumns),
                (k, r) -> row(k, r, set, present, scratch), engine);
    }

    /**
     * The plain GROUP BY whose groups expire: each row enters the aggregate in a window of its bounded column's value
     * {@code v} that ends at {@code v - offset + 1}, so that the windows the watermark {@code W} passes
     * ({@code end <= W}) are exactly the groups below the bound {@code W + offset}, which no change can reach
     * again; the engine's window aggregate drops their state at the end of the step (their rows stay in the
     * view). The key is all grouping columns, as without expiry. A change that reached a dropped group would fail the
     * step rather than give a wrong answer. Cost: two lookups per row (the window, the key), no allocation per row.
     */
    private Stream<Tuple> wireExpiring(Stream<Tuple> in, Watermark watermark) {
        int[] set = groupSets.get(0);
        boolean[] present = new boolean[groupColumns.length];
        java.util.Arrays.fill(present, true);
        Agg<Tuple>[] engine = engineAggs(true);
        int time = groupColumns[expiring];
        long after = Math.subtractExact(1, expiry.offset());
        Scratch scratch = new Scratch(groupColumns.length + aggs.size());  // one per wiring
        // the greatest time of the group: the time itself, or the last millisecond of a day written as text
        java.util.function.ToLongFunction<Tuple> last = expiry.timeOf(time);
        // the window is a function of the grouping columns (of the time among them): each key is its own group
        return Aggregates.perKeyWindowOf(in, last, t -> Math.addExact(last.applyAsLong(t), after),
                Routing.objectKey(in, Keys.of(inputShape, groupColumns), groupColumns), watermark,
                (start, end, k, r) -> row(k, r, set, present, scratch), engine);
    }

    /** How many of the engine's aggregates the SQL aggregates make. */
    private int engineWidth() {
        int n = 0;
        for (AggSpec a : aggs) n += a.width();
        return n;
    }

    /**
     * The engine's aggregates of the SQL aggregates; a COUNT alone when there are none (the engine needs one: a
     * grouping without aggregates counts its rows).
     */
    @SuppressWarnings("unchecked")
    private Agg<Tuple>[] engineAggs(boolean grouped) {
        Agg<Tuple>[] engine = new Agg[Math.max(1, engineWidth())];
        engine[0] = Agg.count();
        int at = 0;
        for (int i = 0; i < aggs.size(); i++) {
            AggSpec a = aggs.get(i);
            a.addAggs(engine, at, inputShape, notNull, grouped);
            if (insertionsOnly[i]) engine[at] = engine[at].ofInsertionsOnly();
            at += a.width();
        }
        return engine;
    }

    /** True when {@code columns} are all of an input row's columns, in order. */
    private boolean isIdentity(int[] columns) {
        if (columns.length != inputWidth) return false;
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] != i) return false;
        }
        return true;
    }

    /** The internal value of an integer column of letter {@code l} holding {@code k}. */
    static Object boxed(char l, long k) {
        switch (l) {
            case 'B': return (byte) k;
            case 'S': return (short) k;
            case 'I': return (int) k;
            default: return k;
        }
    }

    /**
     * The slots an output row is built in, one set per wiring (each worker's circuit has its own): a primitive
     * column's value in {@code longs} or {@code doubles} (as {@link TupleFactory#make(long[], double[], Object[])}
     * takes them), so that a key column read from a key row and a count are not boxed; other columns in
     * {@code objects}.
     */
    private static final class Scratch {
        final Object[] objects;
        final long[] longs;
        final double[] doubles;
        /** Whether a column's value is in {@link #longs} or {@link #doubles}. */
        final boolean[] inSlot;

        /** Whether a primitive column of the row being built is NULL (which Calcite's NOT NULL can hide). */
        boolean hiddenNull;

        Scratch(int width) {
            objects = new Object[width];
            longs = new long[width];
            doubles = new double[width];
            inSlot = new boolean[width];
        }

        /** Clears the slots for a new row; returns {@link #objects}. */
        Object[] start() {
            java.util.Arrays.fill(objects, null);
            java.util.Arrays.fill(inSlot, false);
            hiddenNull = false;
            return objects;
        }

        /** Puts {@code value}, an integer column's value, in column {@code col}. */
        void putLong(int col, long value) {
            longs[col] = value;
            inSlot[col] = true;
        }

        /** Puts column {@code i} of {@code row}, of primitive letter {@code l} and not NULL, in column {@code col}. */
        void put(int col, char l, Tuple row, int i) {
            switch (l) {
                case 'Z': longs[col] = row.getBoolean(i) ? 1 : 0; break;
                case 'F':
                case 'D': doubles[col] = row.getDouble(i); break;
                default: longs[col] = row.getLong(i);
            }
            inSlot[col] = true;
        }

        /** Puts {@code value}, the internal value of a column of primitive letter {@code l}, in column {@code col}. */
        void put(int col, char l, Object value) {
            switch (l) {
                case 'Z': longs[col] = (Boolean) value ? 1 : 0; break;
                case 'F':
                case 'D': doubles[col] = ((Number) value).doubleValue(); break;
                default: longs[col] = ((Number) value).longValue();
            }
            inSlot[col] = true;
        }

        /** The internal value in column {@code col}'s slot, boxed. */
        Object boxedAt(int col, char l) {
            switch (l) {
                case 'Z': return longs[col] != 0;
                case 'F': return (float) doubles[col];
                case 'D': return doubles[col];
                default: return boxed(l, longs[col]);
            }
        }
    }

    /**
     * The output row of a group, built in the wiring's {@code s}: a primitive column's value goes into a slot
     * unboxed (a key row's column read by its typed getter, a count), unless some primitive column is NULL (which
     * Calcite's NOT NULL can hide), when the row is made from boxed values (the factory keeps the NULL).
     */
    private Tuple row(Object key, Aggregated r, int[] set, boolean[] present, Scratch s) {
        Object[] v = s.start();
        String shape = output.shape();
        int n = set.length;
        for (int i = 0; i < n; i++) {
            int col = set[i];
            char l = shape.charAt(col);
            if (l == 'L') {
                v[col] = Keys.value(key, i, n);
            } else if (n > 1) {
                Tuple k = (Tuple) key;
                if (k.isNull(i)) s.hiddenNull = true;
                else s.put(col, l, k, i);
            } else {
                Object x = Keys.value(key, i, n);
                if (x == null) s.hiddenNull = true;
                else s.put(col, l, x);
            }
        }
        return finish(r, present, s);
    }

    /** {@link #row} of the one grouping column, an integer of letter {@code letter} given as a {@code long}. */
    private Tuple rowOfLong(long key, char letter, Aggregated r, int[] set, boolean[] present, Scratch s) {
        Object[] v = s.start();
        int col = set[0];
        if (output.shape().charAt(col) == 'L') {
            v[col] = boxed(letter, key);
        } else {
            s.putLong(col, key);
        }
        return finish(r, present, s);
    }

    /** Puts the aggregates' values into {@code s} after the grouping columns and makes the row. */
    private Tuple finish(Aggregated r, boolean[] present, Scratch s) {
        Object[] v = s.objects;
        String shape = output.shape();
        int at = 0;
        for (int i = 0; i < aggs.size(); i++) {
            AggSpec a = aggs.get(i);
            int col = groupColumns.length + i;
            char l = shape.charAt(col);
            if (l != 'L' && (a.fn == AggSpec.Fn.COUNT || a.fn == AggSpec.Fn.COUNT_STAR)) {
                s.putLong(col, r.getLong(at));
            } else if (l != 'L' && a.longResult() && (a.fn == AggSpec.Fn.SUM0 || !r.isNull(at))) {
                s.putLong(col, a.resultLong(r, at));
            } else {
                Object x;
                if (a.fn == AggSpec.Fn.GROUPING) {
                    long bits = 0;
                    for (int arg : a.args) bits = (bits << 1) | (present[indexOf(arg)] ? 0 : 1);
                    x = org.jdbsp.sql.runtime.Values.fromJava(a.resultType, bits);
                } else {
                    x = a.result(r, at);
                }
                if (l == 'L') v[col] = x;
                else if (x == null) s.hiddenNull = true;
                else s.put(col, l, x);
            }
            at += a.width();
        }
        Tuple row;
        if (!s.hiddenNull) {
            row = output.make(s.longs, s.doubles, v);
        } else {
            for (int col = 0; col < v.length; col++) {
                if (s.inSlot[col]) v[col] = s.boxedAt(col, shape.charAt(col));
            }
            row = output.make(v);
        }
        return after == null ? row : after.apply(row);
    }

    private int indexOf(int column) {
        for (int i = 0; i < groupColumns.length; i++) {
            if (groupColumns[i] == column) return i;
        }
        throw new IllegalStateException("GROUPING of a column that is not grouped: " + column);
    }

    @Override
    String describe() {
        return "aggregate " + text + (growing ? ", of the insertions of the counts below when their input is"
                + " append-only" : "") + (timeOnly && expiring >= 0 && splittable()
                ? ", in two phases when its input is append-only (each worker's rows of a step first)" : "")
                + (expiring < 0 ? "" : ", dropping the groups of column " + groupColumns[expiring]
                + (expiry.dayText() ? " (days)" : "")
                + " below the watermark of " + expiry.table() + (expiry.offset() == 0 ? "" : (expiry.offset() > 0
                ? " + " : " - ") + Math.abs(expiry.offset()) + " ms"))
                + (after == null ? "" : ", each row then projected by calc " + afterProgram);
    }

}
