package org.jdbsp.operators;

import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * What {@link Windows#aggregate} computes per (window, key): {@link #count()}, {@link #sum}, {@link #min} or
 * {@link #max} of a {@code long} column. A group has a result row while its count (sum of weights) is
 * positive; min and max range over the values whose net weight is positive. Count and sum keep two longs per
 * group and cost O(1) per change; min and max also keep the group's values in a sorted multiset and cost
 * O(log n) per change (plus values of non-positive weight skipped). Sums overflow-check.
 *
 * @param <T> the row type
 */
public final class WindowAggregate<T> {
    enum Fn { COUNT, SUM, MIN, MAX }

    final Fn fn;
    final ToLongFunction<? super T> value;

    private WindowAggregate(Fn fn, ToLongFunction<? super T> value) {
        this.fn = fn;
        this.value = value;
    }

    /** {@code COUNT(*)}: the sum of the weights. */
    public static <T> WindowAggregate<T> count() {
        return new WindowAggregate<>(Fn.COUNT, null);
    }

    /** {@code SUM(value)}: the sum of weight * value. */
    public static <T> WindowAggregate<T> sum(ToLongFunction<? super T> value) {
        return new WindowAggregate<>(Fn.SUM, Objects.requireNonNull(value, "sum: null value function"));
    }

    /** {@code MIN(value)}. */
    public static <T> WindowAggregate<T> min(ToLongFunction<? super T> value) {
        return new WindowAggregate<>(Fn.MIN, Objects.requireNonNull(value, "min: null value function"));
    }

    /** {@code MAX(value)}. */
    public static <T> WindowAggregate<T> max(ToLongFunction<? super T> value) {
        return new WindowAggregate<>(Fn.MAX, Objects.requireNonNull(value, "max: null value function"));
    }

    boolean keepsValues() {
        return fn == Fn.MIN || fn == Fn.MAX;
    }

    long valueOf(T row) {
        return value == null ? 0 : value.applyAsLong(row);
    }

    @Override
    public String toString() {
        return fn.name().toLowerCase(java.util.Locale.ROOT);
    }
}
