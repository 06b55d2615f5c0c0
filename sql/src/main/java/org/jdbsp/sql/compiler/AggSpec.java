package org.jdbsp.sql.compiler;

import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregated;
import org.jdbsp.sql.ColumnType;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.Values;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * One SQL aggregate of a GROUP BY, mapped onto the engine's {@link Agg}s: which function, over which input
 * column (or columns, for COUNT), under which {@code FILTER (WHERE ...)} column, and the SQL type of its result,
 * to which the engine's {@code long}/{@code double}/{@code BigDecimal} result is converted (range-checked).
 * Internal.
 */
final class AggSpec {
    enum Fn { COUNT_STAR, COUNT, SUM, SUM0, AVG, MIN, MAX, SINGLE_VALUE, GROUPING, LITERAL }

    /** How the input column is summed or averaged. */
    enum Num { LONG, DOUBLE, DECIMAL, OTHER }

    final Fn fn;
    final int[] args;
    final int filter;
    final Num num;
    final ColumnType resultType;
    final String text;
    /** The value of a LITERAL aggregate. */
    private Object constant;

    /** Calcite's LITERAL_AGG: the same value for every group. */
    static AggSpec constant(Object value, ColumnType resultType, String text) {
        AggSpec a = new AggSpec(Fn.LITERAL, new int[0], -1, Num.OTHER, resultType, text);
        a.constant = value;
        return a;
    }

    AggSpec(Fn fn, int[] args, int filter, Num num, ColumnType resultType, String text) {
        this.fn = fn;
        this.args = args;
        this.filter = filter;
        this.num = num;
        this.resultType = resultType;
        this.text = text;
    }

    /** How many engine aggregates this one needs (SINGLE_VALUE needs a count beside its value). */
    int width() {
        return fn == Fn.SINGLE_VALUE ? 2 : fn == Fn.GROUPING || fn == Fn.LITERAL ? 0 : 1;
    }

    /**
     * Adds this aggregate's engine aggregates to {@code out} from position {@code at}, over rows of shape
     * {@code inputShape}, of which the columns {@code notNull} hold no NULL; {@code grouped}: every group has a row (a GROUP BY with keys), so a SUM of a NOT NULL
     * column is never NULL.
     */
    void addAggs(Agg<Tuple>[] out, int at, String inputShape, boolean[] notNull, boolean grouped) {
        switch (fn) {
            case COUNT_STAR:
                out[at] = filter < 0 ? Agg.count() : Agg.count(t -> passes(t) ? Boolean.TRUE : null);
                break;
            case COUNT:
                out[at] = Agg.count(t -> {
                    if (!passes(t)) return null;
                    for (int a : args) {
                        if (t.isNull(a)) return null;
                    }
                    return Boolean.TRUE;
                });
                break;
            case SUM:
            case SUM0:
                switch (num) {
                    case LONG:
                        out[at] = grouped && readsLong(inputShape, notNull) ? Agg.sum(longOf())
                                : Agg.sumNullable(numberOf());
                        break;
                    case DOUBLE: out[at] = Agg.sumDoubleNullable(numberOf()); break;
                    case DECIMAL: out[at] = Agg.sumDecimal(decimalOf()); break;
                    default: throw new IllegalStateException();
                }
                break;
            case AVG:
                if (resultType.kind() == ColumnType.Kind.DECIMAL && num == Num.LONG && readsLong(inputShape, notNull)) {
                    // an integer column's exact average, summed as longs: no BigDecimal per row
                    out[at] = Agg.avgDecimalOfLong(longOf(), Math.max(0, resultType.scale()));
                    break;
                }
                if (resultType.kind() == ColumnType.Kind.DECIMAL) {
                    out[at] = Agg.avgDecimal(decimalOf(), Math.max(0, resultType.scale()));
                    break;
                }
                switch (num) {
                    case LONG: out[at] = Agg.avgNullable(numberOf()); break;
                    case DOUBLE: out[at] = Agg.avgDoubleNullable(numberOf()); break;
                    case DECIMAL: out[at] = Agg.avgDecimal(decimalOf(), Math.max(0, resultType.scale())); break;
                    default: throw new IllegalStateException();
                }
                break;
            case MIN:
                out[at] = num == Num.LONG ? Agg.min(longOf()) : Agg.minOf(comparableOf());
                break;
            case MAX:
                out[at] = num == Num.LONG ? Agg.max(longOf()) : Agg.maxOf(comparableOf());
                break;
            case SINGLE_VALUE:
                out[at] = Agg.count(t -> passes(t) ? Boolean.TRUE : null);
                out[at + 1] = Agg.maxOf(comparableOf());
                break;
            default:
                break;
        }
    }

    /** This aggregate's SQL value from the engine's results at {@code at}. */
    /**
     * Whether the result is a BIGINT the engine holds as a {@code long} ({@link #resultLong} reads it unboxed): a
     * SUM, MIN or MAX of integers, whose result type needs no narrowing.
     */
    boolean longResult() {
        return (fn == Fn.SUM || fn == Fn.SUM0 || fn == Fn.MIN || fn == Fn.MAX) && num == Num.LONG
                && resultType.kind() == ColumnType.Kind.BIGINT;
    }

    /** {@link #result} of a {@link #longResult} aggregate whose value is not NULL, unboxed. */
    long resultLong(Aggregated a, int at) {
        return fn == Fn.SUM0 && a.isNull(at) ? 0 : a.getLong(at);
    }

    Object result(Aggregated a, int at) {
        switch (fn) {
            case COUNT_STAR:
            case COUNT:
                return a.getLong(at);
            case SUM0:
                if (a.isNull(at)) return Values.fromJava(resultType, 0L);
                return convert(a, at);
            case SUM:
            case AVG:
            case MIN:
            case MAX:
                return a.isNull(at) ? null : convert(a, at);
            case LITERAL:
                return constant;
            case SINGLE_VALUE:
                if (a.getLong(at) > 1) {
                    throw new SqlException("more than one row returned by a subquery used as an expression");
                }
                return a.isNull(at + 1) ? null : a.get(at + 1);
            default:
                throw new IllegalStateException(fn.toString());
        }
    }

    private Object convert(Aggregated a, int at) {
        if (fn == Fn.MIN || fn == Fn.MAX) {
            return num == Num.LONG ? Values.fromJava(resultType, a.getLong(at)) : a.get(at);
        }
        if (resultType.kind() == ColumnType.Kind.DECIMAL) return Values.decimal(resultType, a.getDecimal(at));
        switch (num) {
            case LONG: return Values.fromJava(resultType, a.getLong(at));
            case DOUBLE: return resultType.kind() == ColumnType.Kind.REAL ? (Object) (float) a.getDouble(at)
                    : (Object) a.getDouble(at);
            case DECIMAL:
                return Values.decimal(resultType, a.getDecimal(at));
            default: throw new IllegalStateException();
        }
    }

    /**
     * Whether every row counts (no FILTER) and the argument is a NOT NULL integer column held as a primitive: then
     * the aggregate reads it as a {@code long}, nothing boxed.
     */
    private boolean readsLong(String inputShape, boolean[] notNull) {
        return filter < 0 && notNull[args[0]] && Shapes.integral(inputShape.charAt(args[0]));
    }

    private boolean passes(Tuple t) {
        return filter < 0 || Boolean.TRUE.equals(t.get(filter));
    }

    private Function<Tuple, Number> numberOf() {
        int c = args[0];
        return t -> passes(t) ? (Number) t.get(c) : null;
    }

    private java.util.function.ToLongFunction<Tuple> longOf() {
        int c = args[0];
        return t -> t.getLong(c);
    }

    private Function<Tuple, BigDecimal> decimalOf() {
        int c = args[0];
        if (num == Num.LONG) {
            return t -> passes(t) && !t.isNull(c) ? BigDecimal.valueOf(t.getLong(c)) : null;
        }
        return t -> passes(t) ? (BigDecimal) t.get(c) : null;
    }

    @SuppressWarnings({"rawtypes"})
    private Function<Tuple, Comparable> comparableOf() {
        int c = args[0];
        return t -> passes(t) ? (Comparable) t.get(c) : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
