package org.jdbsp.sql.compiler;

import org.apache.calcite.rel.core.JoinRelType;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.IntervalExpiry;
import org.jdbsp.operators.join.JoinExpiry;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.window.Expiry;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.sql.runtime.Tuple;

import java.util.List;
import java.util.function.Function;

/**
 * A join of any kind on equality keys, with an optional residual condition over the joined row. Equality keys
 * run the engine's join operators; SQL's NULL never matches under {@code =}. A residual condition on an outer,
 * semi or anti join is computed exactly: the inner join filtered by it, plus the rows of the preserved side
 * that have no match left (an anti-join on whole rows). A join without keys is a cross product (one group).
 */
final class JoinOp extends Op {
    private final JoinRelType type;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final boolean[] nullSafe;
    private final RowFunction residual;
    private final int leftWidth;
    private final int rightWidth;
    /** The joined row's columns an output row is made of; null: all of them. */
    private final int[] picked;
    /**
     * Per side, for a join on one integer column: whether that column can hold NULL (then rows with a NULL key,
     * which match nothing under {@code =}, are filtered out before an inner join on {@code long} keys); null when
     * the key is not a single integer column compared with {@code =}.
     */
    private final boolean[] longKeyNullable;
    private final String text;
    /** Builds an output row of a matched pair; null for a semi- or anti-join, whose output is the left row. */
    private final RowCombiner combine;
    /** Builds the whole joined row of a matched pair, which a residual condition reads. */
    private final RowCombiner joined;
    /** A key column whose values both sides' watermarks bound (an inner join may drop what they pass), or null. */
    private final KeyTime keyTime;
    /**
     * A processing-time temporal join ({@code JOIN t FOR SYSTEM_TIME AS OF ...}): each left change meets the right
     * table as it is then, and the right table's changes touch no earlier row ({@code Joins.lookupJoin}).
     */
    private boolean lookup;

    /**
     * Key column {@code key} (a position in the key arrays, a {@code long} on both sides, never NULL) holds a time
     * that the bounds limit on each side.
     */
    record KeyTime(int key, TimeBound left, TimeBound right) {
    }

    /**
     * The residual condition keeps only pairs with {@code lower <= right time - left time <= upper}, the two time
     * columns ({@code long}s, never NULL) bounded by their tables' watermarks: the join may drop the stored rows no
     * future row of the other side can match.
     */
    record IntervalTimes(int leftColumn, TimeBound left, int rightColumn, TimeBound right, long lower, long upper) {
    }

    /** Set by {@link Lowering} on an inner join with a residual condition; null otherwise. */
    IntervalTimes intervalTimes;

    /**
     * The residual condition and the projection above an inner join, as one function of the pair's two rows
     * ({@link #projectPairs}); null: the join makes whole joined rows.
     */
    private PairFunction pairs;
    /** Whether {@link #pairs} has a condition, whose rejected pairs are then filtered out. */
    private boolean pairsReject;
    /** Per output column of {@link #pairs}, the joined row's column it copies, or -1. */
    private int[] pairSource;
    private String pairText;

    /** What a pair {@link #pairs} rejects becomes until it is filtered out: equal to no row. */
    private static final Tuple NO_MATCH = Tuple.of(new Object[] {new Object()});

    /**
     * Makes this inner join output the rows of {@code f}, a program over the joined row of its residual condition,
     * if any, and the condition and projection of the Calc above it, which nothing else reads, computed from the
     * pair's two rows: no joined row is made, only the projected one (Nexmark q4, q6 and q9, whose join keeps a bid
     * within its auction's time and the Calc above picks a few columns; q20, whose Calc reorders the columns and
     * writes the category as a constant).
     * {@code source}: per output column, the joined row's column it copies, or -1; {@code rejects}: whether
     * {@code f} has a condition (may return null). Returns this.
     */
    JoinOp projectPairs(PairFunction f, int[] source, boolean rejects, String text) {
        if (type != JoinRelType.INNER || picked != null || lookup) throw new IllegalStateException("pairs of " + type);
        this.pairs = f;
        this.pairsReject = rejects;
        this.pairSource = source;
        this.pairText = text;
        return this;
    }

    /**
     * Which input a {@code BROADCAST} hint sends to every worker, leaving the other where its rows are: 0 the left,
     * 1 the right, -1 neither (both are moved by key). See {@link #broadcasting}.
     */
    private int broadcast = -1;

    /**
     * Makes this inner join send input {@code side} (0 left, 1 right) to every worker and leave the other input's
     * rows where they are ({@code Joins.joinOnLongBroadcast}): no row of the other input moves and its hot keys stay
     * spread over the workers, while the broadcast side's state is kept once per worker. The output is then routed
     * by no column. Returns this.
     */
    JoinOp broadcasting(int side) {
        if (type != JoinRelType.INNER || lookup || side < 0 || side > 1) {
            throw new IllegalStateException("broadcast of side " + side + " of a " + type + " join");
        }
        this.broadcast = side;
        return this;
    }

    /** The row shapes of the left and the right input. */
    private final String leftShape;
    private final String rightShape;

    /**
     * @param shapes the row shapes ({@link Shapes}) of the left input, the right input and the join's output
     *               (before picking)
     */
    JoinOp(Op left, Op right, JoinRelType type, int[] leftKeys, int[] rightKeys, boolean[] nullSafe,
            RowFunction residual, KeyTime keyTime, int leftWidth, int rightWidth, int[] picked,
            boolean[] longKeyNullable, String[] shapes, String text) {
        super(List.of(left, right));
        if (keyTime != null && type != JoinRelType.INNER) throw new IllegalArgumentException("expiry of an outer join");
        this.keyTime = keyTime;
        this.type = type;
        this.leftKeys = leftKeys;
        this.rightKeys = rightKeys;
        this.nullSafe = nullSafe;
        this.residual = residual;
        this.leftWidth = leftWidth;
        this.rightWidth = rightWidth;
        this.picked = picked;
        this.longKeyNullable = longKeyNullable;
        if (picked != null && residual != null) throw new IllegalArgumentException("a residual reads the whole row");
        this.text = text;
        String l = shapes[0], r = shapes[1], out = shapes[2];
        this.leftShape = l;
        this.rightShape = r;
        this.joined = residual == null ? null : Combiners.of(l, r, null, l + r);
        if (!type.projectsRight()) {
            this.combine = null;
        } else if (picked == null) {
            this.combine = Combiners.of(l, r, null, out);
        } else {
            StringBuilder p = new StringBuilder();
            for (int c : picked) p.append(out.charAt(c));
            this.combine = Combiners.of(l, r, picked, p.toString());
        }
    }

    /**
     * The processing-time temporal join of {@code left}'s rows with table {@code right} on equal keys (inner, no
     * residual condition): each left change meets the table as it is then.
     */
    static JoinOp lookup(Op left, Op right, int[] leftKeys, int[] rightKeys, int leftWidth, int rightWidth,
                         String[] shapes, String text) {
        JoinOp op = new JoinOp(left, right, JoinRelType.INNER, leftKeys, rightKeys, new boolean[leftKeys.length], null,
                null, leftWidth, rightWidth, null, null, shapes, text);
        op.lookup = true;
        return op;
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        Stream<Tuple> l = w.stream(inputs().get(0));
        Stream<Tuple> r = w.stream(inputs().get(1));
        // several key columns of the same primitive letters on both sides, compared by =: keys are generated
        // rows, else tuples
        boolean anyNullSafe = false;
        for (boolean b : nullSafe) anyNullSafe |= b;
        Function<Tuple, Object> kl = anyNullSafe ? null
                : Keys.joinRow(leftShape, leftKeys, rightShape, rightKeys, Keys.LEFT_NULL);
        Function<Tuple, Object> kr = kl == null ? null
                : Keys.joinRow(rightShape, rightKeys, leftShape, leftKeys, Keys.RIGHT_NULL);
        if (kl == null) {
            kl = Keys.join(leftKeys, nullSafe, Keys.LEFT_NULL);
            kr = Keys.join(rightKeys, nullSafe, Keys.RIGHT_NULL);
        }
        if (lookup) return Joins.lookupJoin(l, r, kl, kr, this::concat);
        JoinExpiry<Tuple, Tuple> expiry = expiry(w);
        IntervalExpiry<Tuple, Tuple> interval = expiry == null ? intervalExpiry(w) : null;
        if (pairs != null) {
            // condition and projection from the two rows: the projected row, or NO_MATCH to filter out
            PairFunction f = pairs;
            java.util.function.BinaryOperator<Tuple> out = (a, b) -> {
                Tuple t = f.apply(a, b);
                return t == null ? NO_MATCH : t;
            };
            Stream<Tuple> made = pairs(l, r, kl, kr, out, expiry, interval);
            Stream<Tuple> kept = pairsReject ? Linear.filter(made, t -> t != NO_MATCH) : made;
            return longKeyNullable != null ? routedByKey(kept, pairSource) : kept;
        }
        if (residual == null) {
            java.util.function.BinaryOperator<Tuple> out = picked == null ? this::concat : this::pick;
            if (longKeyNullable != null && type == JoinRelType.INNER) {
                return routedByKey(innerOnLong(l, r, out, expiry, null));
            }
            switch (type) {
                case INNER: return pairs(l, r, kl, kr, out, expiry, null);
                case LEFT: return Joins.leftJoin(l, r, kl, kr, out);
                case RIGHT: return Joins.rightJoin(l, r, kl, kr, out);
                case FULL: return Joins.fullJoin(l, r, kl, kr, out);
                case SEMI: return Joins.semijoin(l, r, kl, kr);
                case ANTI: return Joins.antijoin(l, r, kl, kr);
                default: throw new IllegalStateException(type.toString());
            }
        }
        RowFunction cond = residual;
        RowCombiner whole = joined;
        // an outer join pads the unmatched rows of its unfiltered inputs, those with a NULL key among them
        Stream<Tuple> joinedPairs = pairs(l, r, kl, kr, whole::combine, expiry, interval);
        Stream<Tuple> inner = Linear.filter(joinedPairs, t -> cond.apply(t) != null);
        switch (type) {
            case INNER:
                return longKeyNullable != null ? routedByKey(inner) : inner;
            case LEFT:
                return Linear.union(inner, padRight(unmatched(l, inner, true)));
            case RIGHT:
                return Linear.union(inner, padLeft(unmatched(r, inner, false)));
            case FULL:
                return Linear.union(Linear.union(inner, padRight(unmatched(l, inner, true))),
                        padLeft(unmatched(r, inner, false)));
            case SEMI:
                return Joins.semijoin(l, matchedSide(inner, true), Keys.row(), Keys.row());
            case ANTI:
                return unmatched(l, inner, true);
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    /**
     * The matched pairs of {@code l} and {@code r}, each made by {@code out}: on {@code long} keys when the key is one
     * integer column, else on the keys {@code kl} and {@code kr}; {@code expiry} or {@code interval} (either may be
     * null) bounds the state.
     */
    private Stream<Tuple> pairs(Stream<Tuple> l, Stream<Tuple> r, Function<Tuple, Object> kl, Function<Tuple, Object> kr,
                                java.util.function.BiFunction<Tuple, Tuple, Tuple> out,
                                JoinExpiry<Tuple, Tuple> expiry, IntervalExpiry<Tuple, Tuple> interval) {
        if (longKeyNullable != null) return innerOnLong(l, r, out, expiry, interval);
        if (broadcast == 0) {
            return broadcastRight(r, l, kr, kl, (b, a) -> out.apply(a, b), swap(expiry), swap(interval));
        }
        if (broadcast == 1) return broadcastRight(l, r, kl, kr, out, expiry, interval);
        return expiry != null ? Joins.join(l, r, kl, kr, out, expiry)
                : interval != null ? Joins.join(l, r, kl, kr, out, interval)
                : Joins.join(l, r, kl, kr, out);
    }

    /**
     * The inner join on the one integer key column, by the engine's long-keyed join: a NULL key matches nothing, so
     * the rows holding one are filtered out first. {@code expiry} or {@code interval} (either may be null) bounds
     * its state.
     */
    private Stream<Tuple> innerOnLong(Stream<Tuple> l, Stream<Tuple> r,
                                      java.util.function.BiFunction<Tuple, Tuple, Tuple> out,
                                      JoinExpiry<Tuple, Tuple> expiry, IntervalExpiry<Tuple, Tuple> interval) {
        int lc = leftKeys[0], rc = rightKeys[0];
        Stream<Tuple> lk = longKeyNullable[0] ? Linear.filter(l, t -> !t.isNull(lc)) : l;
        Stream<Tuple> rk = longKeyNullable[1] ? Linear.filter(r, t -> !t.isNull(rc)) : r;
        // keys that name their routing: a side already routed by its key column is not exchanged again
        java.util.function.ToLongFunction<Tuple> kl = Routing.longKey(lk, lc);
        java.util.function.ToLongFunction<Tuple> kr = Routing.longKey(rk, rc);
        if (broadcast == 0) {
            return broadcastRightOnLong(rk, lk, kr, kl, (b, a) -> out.apply(a, b), swap(expiry), swap(interval));
        }
        if (broadcast == 1) return broadcastRightOnLong(lk, rk, kl, kr, out, expiry, interval);
        return expiry != null ? Joins.joinOnLong(lk, rk, kl, kr, out, expiry)
                : interval != null ? Joins.joinOnLong(lk, rk, kl, kr, out, interval)
                : Joins.joinOnLong(lk, rk, kl, kr, out);
    }

    /** The inner join of {@code a} and {@code b} on {@code long} keys, {@code b} broadcast ({@link #broadcasting}). */
    private static Stream<Tuple> broadcastRightOnLong(Stream<Tuple> a, Stream<Tuple> b,
                                                      java.util.function.ToLongFunction<Tuple> ka,
                                                      java.util.function.ToLongFunction<Tuple> kb,
                                                      java.util.function.BiFunction<Tuple, Tuple, Tuple> out,
                                                      JoinExpiry<Tuple, Tuple> expiry,
                                                      IntervalExpiry<Tuple, Tuple> interval) {
        return expiry != null ? Joins.joinOnLongBroadcast(a, b, ka, kb, out, expiry)
                : interval != null ? Joins.joinOnLongBroadcast(a, b, ka, kb, out, interval)
                : Joins.joinOnLongBroadcast(a, b, ka, kb, out);
    }

    /** The inner join of {@code a} and {@code b} on keys, {@code b} broadcast ({@link #broadcasting}). */
    private static Stream<Tuple> broadcastRight(Stream<Tuple> a, Stream<Tuple> b, Function<Tuple, Object> ka,
                                                Function<Tuple, Object> kb,
                                                java.util.function.BiFunction<Tuple, Tuple, Tuple> out,
                                                JoinExpiry<Tuple, Tuple> expiry, IntervalExpiry<Tuple, Tuple> interval) {
        return expiry != null ? Joins.joinBroadcast(a, b, ka, kb, out, expiry)
                : interval != null ? Joins.joinBroadcast(a, b, ka, kb, out, interval)
                : Joins.joinBroadcast(a, b, ka, kb, out);
    }

    /** {@code e} with its sides exchanged (null stays null): for a join wired right side first. */
    private static JoinExpiry<Tuple, Tuple> swap(JoinExpiry<Tuple, Tuple> e) {
        return e == null ? null : e.swapped();
    }

    /** {@code e} with its sides exchanged (null stays null): for a join wired right side first. */
    private static IntervalExpiry<Tuple, Tuple> swap(IntervalExpiry<Tuple, Tuple> e) {
        return e == null ? null : e.swapped();
    }

    /**
     * {@code joined}, the output of the inner join on {@code long} keys, declared routed by its two key columns
     * where the output keeps them: each pair was made on the worker owning its key.
     */
    private Stream<Tuple> routedByKey(Stream<Tuple> joined) {
        return routedByKey(joined, picked);
    }

    /** {@link #routedByKey(Stream)} of rows whose column {@code o} is the joined row's {@code source[o]} (null: o). */
    private Stream<Tuple> routedByKey(Stream<Tuple> joined, int[] source) {
        if (broadcast >= 0) return joined; // each pair was made where its unbroadcast row was: no column routes it
        int lc = leftKeys[0], rc = leftWidth + rightKeys[0];
        if (source == null) return Routing.declare(joined, lc, rc);
        int[] kept = new int[source.length];
        int n = 0;
        for (int i = 0; i < source.length; i++) {
            if (source[i] == lc || source[i] == rc) kept[n++] = i;
        }
        return Routing.declare(joined, java.util.Arrays.copyOf(kept, n));
    }

    /** The distinct rows of one side that have a match in {@code inner}. */
    private Stream<Tuple> matchedSide(Stream<Tuple> inner, boolean left) {
        int[] side = new int[left ? leftWidth : rightWidth];
        for (int i = 0; i < side.length; i++) side[i] = left ? i : leftWidth + i;
        return Distinct.distinct(Linear.map(inner, t -> Keys.pick(t, side)));
    }

    /** The rows of {@code side} (with their weights) that have no match in {@code inner}. */
    private Stream<Tuple> unmatched(Stream<Tuple> side, Stream<Tuple> inner, boolean left) {
        return Joins.antijoin(side, matchedSide(inner, left), Keys.row(), Keys.row());
    }

    private Stream<Tuple> padRight(Stream<Tuple> s) {
        return Linear.map(s, t -> concat(t, null));
    }

    private Stream<Tuple> padLeft(Stream<Tuple> s) {
        return Linear.map(s, t -> concat(null, t));
    }

    /** The output row of {@code a} and {@code b}; either null (an outer join's unmatched row): padded. */
    private Tuple concat(Tuple a, Tuple b) {
        if (a != null && b != null) return combine.combine(a, b);
        Object[] v = new Object[leftWidth + rightWidth];
        if (a != null) a.copyTo(0, v, 0, leftWidth);
        if (b != null) b.copyTo(0, v, leftWidth, rightWidth);
        return Tuple.of(v);
    }

    /** The {@code picked} columns of the joined row of {@code a} and {@code b} (either null: padded). */
    private Tuple pick(Tuple a, Tuple b) {
        if (a != null && b != null) return combine.combine(a, b);
        int[] p = picked;
        Object[] v = new Object[p.length];
        for (int i = 0; i < p.length; i++) {
            int c = p[i];
            if (c < leftWidth) v[i] = a == null ? null : a.get(c);
            else v[i] = b == null ? null : b.get(c - leftWidth);
        }
        return Tuple.of(v);
    }

    @Override
    String describe() {
        return (lookup ? "temporal (lookup)" : type.name().toLowerCase(java.util.Locale.ROOT)) + " join " + text
                + (broadcast < 0 ? "" : ", broadcasting its " + (broadcast == 0 ? "left" : "right")
                        + " input to every worker")
                + (pairs == null ? "" : ", its pairs filtered and projected as " + pairText)
                + (keyTime == null ? "" : ", dropping the keys whose $" + leftKeys[keyTime.key()] + " is below the watermarks of "
                + describe(keyTime.left()) + " and " + describe(keyTime.right()))
                + (intervalTimes == null || keyTime != null ? "" : ", dropping the rows no later row can match ($"
                + intervalTimes.leftColumn() + " + [" + intervalTimes.lower() + ", " + intervalTimes.upper()
                + "] ms against $" + (leftWidth + intervalTimes.rightColumn()) + ", below the watermarks of "
                + describe(intervalTimes.left()) + " and " + describe(intervalTimes.right()) + ")");
    }

    private static String describe(TimeBound b) {
        return b.table() + (b.offset() == 0 ? "" : (b.offset() > 0 ? " + " : " - ") + Math.abs(b.offset()) + " ms");
    }

    /** The interval expiry of the join's rows, when it has interval times and both watermarks are at hand; else null. */
    private IntervalExpiry<Tuple, Tuple> intervalExpiry(Wiring w) {
        IntervalTimes it = intervalTimes;
        if (it == null || type != JoinRelType.INNER) return null;
        Expiry<Tuple> l = w.expiry(it.left(), it.leftColumn());
        Expiry<Tuple> r = w.expiry(it.right(), it.rightColumn());
        return l == null || r == null ? null : IntervalExpiry.of(l, r, it.lower(), it.upper());
    }

    /** The expiry of the join's keys, when it has a key time and both tables' watermarks are at hand; else null. */
    private JoinExpiry<Tuple, Tuple> expiry(Wiring w) {
        if (keyTime == null) return null;
        Expiry<Tuple> l = w.expiry(keyTime.left(), leftKeys[keyTime.key()]);
        Expiry<Tuple> r = w.expiry(keyTime.right(), rightKeys[keyTime.key()]);
        return l == null || r == null ? null : JoinExpiry.of(l, r);
    }
}
