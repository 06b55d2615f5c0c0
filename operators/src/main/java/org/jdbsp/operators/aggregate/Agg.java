package org.jdbsp.operators.aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One aggregate function of a grouped aggregate ({@link Aggregates#aggregate}): what it reads from each row and how
 * it combines the rows of a group. Its result is read from {@link Aggregated} by position, with the getter its type
 * names ({@code long}: {@link Aggregated#getLong}, {@code double}: {@link Aggregated#getDouble}, {@code BigDecimal}:
 * {@link Aggregated#getDecimal}, anything: {@link Aggregated#get}).
 *
 * <p>SQL's rules: a row of weight {@code w} counts {@code w} times. The {@code ...Nullable} forms, {@code sumDecimal},
 * {@code avgDecimal}, {@link #count(Function)}, {@link #minOf} and {@link #maxOf} read a value that may be
 * {@code null} and skip nulls; their result is NULL ({@link Aggregated#isNull}) when the group has no non-null
 * value ({@code SUM} over no non-null value is NULL, not 0; {@code COUNT(col)} counts non-null values and is never
 * NULL). The forms taking a {@code ToLongFunction} or {@code ToDoubleFunction} read primitives, never boxed.
 *
 * <p>Cost per changed row and state per group: count, sum and average O(1), one or two primitives per group
 * ({@code BigDecimal} sums one object); min and max O(log n) with the group's distinct values kept in a sorted
 * multiset, or O(1) and one value per group over an append-only stream; a fold see {@link Fold}. {@code long}
 * sums overflow-check (the step fails naming the row); {@code double} sums are IEEE sums, so deleting a value
 * may leave a rounding residue, as in every incremental engine.
 *
 * @param <T> the row type
 */
public final class Agg<T> {
    enum Kind {
        COUNT("count"), COUNT_NON_NULL("count"), SUM_LONG("sum"), SUM_DOUBLE("sum"), SUM_DECIMAL("sum"),
        AVG_LONG("avg"), AVG_DOUBLE("avg"), AVG_DECIMAL("avg"), MIN_LONG("min"), MAX_LONG("max"), MIN_DOUBLE("min"),
        MAX_DOUBLE("max"), MIN("min"), MAX("max"), FOLD("fold");

        final String sql;

        Kind(String sql) {
            this.sql = sql;
        }
    }

    final Kind kind;
    final ToLongFunction<? super T> longValue;
    final ToDoubleFunction<? super T> doubleValue;
    final Function<? super T, ?> value;
    final Fold<? super T, ?, ?> fold;
    final int scale;
    /** MIN and MAX: every row with a value comes with a positive weight ({@link #ofInsertionsOnly}). */
    final boolean insertionsOnly;

    private Agg(Kind kind, ToLongFunction<? super T> longValue, ToDoubleFunction<? super T> doubleValue,
                Function<? super T, ?> value, Fold<? super T, ?, ?> fold, int scale) {
        this(kind, longValue, doubleValue, value, fold, scale, false);
    }

    private Agg(Kind kind, ToLongFunction<? super T> longValue, ToDoubleFunction<? super T> doubleValue,
                Function<? super T, ?> value, Fold<? super T, ?, ?> fold, int scale, boolean insertionsOnly) {
        this.kind = kind;
        this.longValue = longValue;
        this.doubleValue = doubleValue;
        this.value = value;
        this.fold = fold;
        this.scale = scale;
        this.insertionsOnly = insertionsOnly;
    }

    /**
     * This {@code MIN} or {@code MAX} for an input whose rows with a value (non-null, or past the filter that the
     * value function applies) are only ever inserted, though the stream is not append-only (a union of an
     * append-only input with rows this aggregate does not read): it keeps one value per group instead of a sorted
     * multiset, as over an append-only stream. A row with a value and a negative weight fails the step, naming it.
     *
     * @throws IllegalArgumentException for another aggregate
     */
    public Agg<T> ofInsertionsOnly() {
        if (kind != Kind.MIN && kind != Kind.MAX && kind != Kind.MIN_LONG && kind != Kind.MAX_LONG
                && kind != Kind.MIN_DOUBLE && kind != Kind.MAX_DOUBLE) {
            throw new IllegalArgumentException(kind.sql + " is not a MIN or MAX: it has no insertions-only form");
        }
        return new Agg<>(kind, longValue, doubleValue, value, fold, scale, true);
    }

    private static <T> Agg<T> ofLong(Kind kind, ToLongFunction<? super T> f) {
        return new Agg<>(kind, Objects.requireNonNull(f, () -> kind.sql + ": null value function"), null, null, null, 0);
    }

    private static <T> Agg<T> ofDouble(Kind kind, ToDoubleFunction<? super T> f) {
        return new Agg<>(kind, null, Objects.requireNonNull(f, () -> kind.sql + ": null value function"), null, null, 0);
    }

    private static <T> Agg<T> ofObject(Kind kind, Function<? super T, ?> f) {
        return new Agg<>(kind, null, null, Objects.requireNonNull(f, () -> kind.sql + ": null value function"), null, 0);
    }

    /** {@code COUNT(*)}: the sum of the weights; {@code long}, never NULL. */
    public static <T> Agg<T> count() {
        return new Agg<>(Kind.COUNT, null, null, null, null, 0);
    }

    /** {@code COUNT(column)}: the weights of the rows whose {@code column} is not null; {@code long}, never NULL. */
    public static <T> Agg<T> count(Function<? super T, ?> column) {
        return ofObject(Kind.COUNT_NON_NULL, column);
    }

    /** {@code SUM} of a non-null {@code long} column: {@code long}. */
    public static <T> Agg<T> sum(ToLongFunction<? super T> value) {
        return ofLong(Kind.SUM_LONG, value);
    }

    /** {@code SUM} of a nullable integer column (any {@code Number} read as {@code long}): {@code long} or NULL. */
    public static <T> Agg<T> sumNullable(Function<? super T, ? extends Number> value) {
        return ofObject(Kind.SUM_LONG, value);
    }

    /** {@code SUM} of a non-null {@code double} column: {@code double}. */
    public static <T> Agg<T> sumDouble(ToDoubleFunction<? super T> value) {
        return ofDouble(Kind.SUM_DOUBLE, value);
    }

    /** {@code SUM} of a nullable floating-point column: {@code double} or NULL. */
    public static <T> Agg<T> sumDoubleNullable(Function<? super T, ? extends Number> value) {
        return ofObject(Kind.SUM_DOUBLE, value);
    }

    /** {@code SUM} of a nullable {@code DECIMAL} column, exact: {@code BigDecimal} or NULL. */
    public static <T> Agg<T> sumDecimal(Function<? super T, ? extends BigDecimal> value) {
        return ofObject(Kind.SUM_DECIMAL, value);
    }

    /**
     * {@link #sumDecimal} of a non-null integer column read as a {@code long}: the same exact {@code BigDecimal}
     * sums, added as {@code long}s within a step (no {@code BigDecimal} per row; a step's sum beyond a
     * {@code long} carries on in {@code BigDecimal}).
     */
    public static <T> Agg<T> sumDecimalOfLong(ToLongFunction<? super T> value) {
        return ofLong(Kind.SUM_DECIMAL, value);
    }

    /**
     * {@code AVG} of a non-null {@code long} column: {@code long}, the sum divided by the count truncated toward
     * zero (SQL's {@code AVG} over {@code BIGINT}, as in Calcite and Flink).
     */
    public static <T> Agg<T> avg(ToLongFunction<? super T> value) {
        return ofLong(Kind.AVG_LONG, value);
    }

    /** {@link #avg} of a nullable integer column: {@code long} or NULL. */
    public static <T> Agg<T> avgNullable(Function<? super T, ? extends Number> value) {
        return ofObject(Kind.AVG_LONG, value);
    }

    /** {@code AVG} of a non-null {@code double} column: {@code double}. */
    public static <T> Agg<T> avgDouble(ToDoubleFunction<? super T> value) {
        return ofDouble(Kind.AVG_DOUBLE, value);
    }

    /** {@code AVG} of a nullable floating-point column: {@code double} or NULL. */
    public static <T> Agg<T> avgDoubleNullable(Function<? super T, ? extends Number> value) {
        return ofObject(Kind.AVG_DOUBLE, value);
    }

    /**
     * {@code AVG} of a nullable {@code DECIMAL} column: the exact sum divided by the count, rounded half up (away
     * from zero, as PostgreSQL rounds {@code numeric}) to {@code scale} decimal places; {@code BigDecimal} or NULL.
     */
    public static <T> Agg<T> avgDecimal(Function<? super T, ? extends BigDecimal> value, int scale) {
        Objects.requireNonNull(value, "avg: null value function");
        return new Agg<>(Kind.AVG_DECIMAL, null, null, value, null, scale);
    }

    /** {@link #avgDecimal} of a non-null integer column read as a {@code long}, summed as {@link #sumDecimalOfLong}. */
    public static <T> Agg<T> avgDecimalOfLong(ToLongFunction<? super T> value, int scale) {
        Objects.requireNonNull(value, "avg: null value function");
        return new Agg<>(Kind.AVG_DECIMAL, value, null, null, null, scale);
    }

    /** {@code MIN} of a non-null {@code long} column: {@code long}. */
    public static <T> Agg<T> min(ToLongFunction<? super T> value) {
        return ofLong(Kind.MIN_LONG, value);
    }

    /** {@code MAX} of a non-null {@code long} column: {@code long}. */
    public static <T> Agg<T> max(ToLongFunction<? super T> value) {
        return ofLong(Kind.MAX_LONG, value);
    }

    /** {@code MIN} of a non-null {@code double} column: {@code double} ({@code -0.0 < 0.0}; NaN is the largest). */
    public static <T> Agg<T> minDouble(ToDoubleFunction<? super T> value) {
        return ofDouble(Kind.MIN_DOUBLE, value);
    }

    /** {@code MAX} of a non-null {@code double} column: {@code double}. */
    public static <T> Agg<T> maxDouble(ToDoubleFunction<? super T> value) {
        return ofDouble(Kind.MAX_DOUBLE, value);
    }

    /**
     * {@code MIN} of a nullable column of any {@link Comparable} type (numbers, {@code BigDecimal}, strings, dates),
     * by its natural order; the value itself ({@link Aggregated#get}) or NULL. Values comparing equal are one value.
     */
    public static <T, C extends Comparable<? super C>> Agg<T> minOf(Function<? super T, ? extends C> value) {
        return ofObject(Kind.MIN, value);
    }

    /** {@code MAX} of a nullable {@link Comparable} column; see {@link #minOf}. */
    public static <T, C extends Comparable<? super C>> Agg<T> maxOf(Function<? super T, ? extends C> value) {
        return ofObject(Kind.MAX, value);
    }

    /** A user-defined aggregate ({@link Fold}); its result is read with {@link Aggregated#get}. */
    public static <T> Agg<T> fold(Fold<? super T, ?, ?> fold) {
        return new Agg<>(Kind.FOLD, null, null, null, Objects.requireNonNull(fold, "fold: null fold"), 0);
    }

    /** This aggregate over rows of another type, whose values are read from {@code f(row)}. */
    @SuppressWarnings("unchecked")
    <W> Agg<W> through(Function<? super W, ? extends T> f) {
        ToLongFunction<? super T> l = longValue;
        ToDoubleFunction<? super T> d = doubleValue;
        Function<? super T, ?> v = value;
        Fold<? super T, Object, ?> g = (Fold<? super T, Object, ?>) fold;
        Fold<W, Object, Object> through = g == null ? null : new Fold<>() {
            @Override
            public Object init() {
                return g.init();
            }

            @Override
            public Object copy(Object acc) {
                return g.copy(acc);
            }

            @Override
            public Object step(Object acc, W row, long weight) {
                return g.step(acc, f.apply(row), weight);
            }

            @Override
            public Object result(Object acc) {
                return g.result(acc);
            }

            @Override
            public boolean invertible() {
                return g.invertible();
            }
        };
        return new Agg<>(kind, l == null ? null : w -> l.applyAsLong(f.apply(w)),
                d == null ? null : w -> d.applyAsDouble(f.apply(w)), v == null ? null : w -> v.apply(f.apply(w)),
                through, scale, insertionsOnly);
    }

    /** Rounding of {@link #avgDecimal}. */
    static final RoundingMode AVG_ROUNDING = RoundingMode.HALF_UP;

    @Override
    public String toString() {
        return kind.sql;
    }
}
