package org.jdbsp.sql.compiler;

import org.apache.calcite.rel.core.JoinRelType;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.sql.runtime.Tuple;

import java.util.Arrays;
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

    JoinOp(Op left, Op right, JoinRelType type, int[] leftKeys, int[] rightKeys, boolean[] nullSafe,
            RowFunction residual, int leftWidth, int rightWidth, int[] picked, boolean[] longKeyNullable,
            String text) {
        super(List.of(left, right));
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
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        Stream<Tuple> l = w.stream(inputs().get(0));
        Stream<Tuple> r = w.stream(inputs().get(1));
        Function<Tuple, Object> kl = Keys.join(leftKeys, nullSafe, Keys.LEFT_NULL);
        Function<Tuple, Object> kr = Keys.join(rightKeys, nullSafe, Keys.RIGHT_NULL);
        if (residual == null) {
            java.util.function.BinaryOperator<Tuple> out = picked == null ? this::concat : this::pick;
            if (longKeyNullable != null && type == JoinRelType.INNER) {
                // an inner join on one integer column: the engine's long-keyed join; a NULL key matches nothing
                int lc = leftKeys[0], rc = rightKeys[0];
                Stream<Tuple> lk = longKeyNullable[0] ? Linear.filter(l, t -> t.values[lc] != null) : l;
                Stream<Tuple> rk = longKeyNullable[1] ? Linear.filter(r, t -> t.values[rc] != null) : r;
                return Joins.joinOnLong(lk, rk, t -> ((Number) t.values[lc]).longValue(),
                        t -> ((Number) t.values[rc]).longValue(), out);
            }
            switch (type) {
                case INNER: return Joins.join(l, r, kl, kr, out);
                case LEFT: return Joins.leftJoin(l, r, kl, kr, out);
                case RIGHT: return Joins.rightJoin(l, r, kl, kr, out);
                case FULL: return Joins.fullJoin(l, r, kl, kr, out);
                case SEMI: return Joins.semijoin(l, r, kl, kr);
                case ANTI: return Joins.antijoin(l, r, kl, kr);
                default: throw new IllegalStateException(type.toString());
            }
        }
        RowFunction cond = residual;
        Stream<Tuple> inner = Linear.filter(Joins.join(l, r, kl, kr, this::concat),
                t -> cond.apply(t.values) != null);
        switch (type) {
            case INNER:
                return inner;
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

    /** The distinct rows of one side that have a match in {@code inner}. */
    private Stream<Tuple> matchedSide(Stream<Tuple> inner, boolean left) {
        return Distinct.distinct(Linear.map(inner, t -> new Tuple(left
                ? Arrays.copyOfRange(t.values, 0, leftWidth)
                : Arrays.copyOfRange(t.values, leftWidth, leftWidth + rightWidth))));
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

    private Tuple concat(Tuple a, Tuple b) {
        Object[] v = new Object[leftWidth + rightWidth];
        if (a != null) System.arraycopy(a.values, 0, v, 0, leftWidth);
        if (b != null) System.arraycopy(b.values, 0, v, leftWidth, rightWidth);
        return new Tuple(v);
    }

    /** The {@code picked} columns of the joined row of {@code a} and {@code b} (either null: padded). */
    private Tuple pick(Tuple a, Tuple b) {
        int[] p = picked;
        Object[] v = new Object[p.length];
        for (int i = 0; i < p.length; i++) {
            int c = p[i];
            if (c < leftWidth) v[i] = a == null ? null : a.values[c];
            else v[i] = b == null ? null : b.values[c - leftWidth];
        }
        return new Tuple(v);
    }

    @Override
    String describe() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " join " + text;
    }
}
