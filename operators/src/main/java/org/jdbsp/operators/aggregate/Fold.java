package org.jdbsp.operators.aggregate;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A user-defined aggregate for {@link Agg#fold} and {@link Aggregates#fold}: an accumulator that starts at {@link #init()}, absorbs
 * each row of a group with its weight through {@link #step}, and yields the group's value with
 * {@link #result}. A row of weight {@code w} is passed once with {@code w} (not {@code w} times with 1).
 *
 * <p>Contract: the functions are pure; {@code step} returns a new accumulator and must not mutate the one it
 * receives (the operator keeps the old one to emit the old row and to roll back a failed step); the result
 * must not depend on the order of the rows. The exception is a fold made by {@link #invertibleInPlace}: its
 * {@code step} updates the accumulator in place, and the operator gives it only a {@link #copy} made for the
 * step (one copy per touched group and step instead of one new accumulator per row).
 *
 * <p>{@link #invertible()}: when true, {@code step(step(a, r, w), r, -w)} equals {@code a} (e.g. sums, counts,
 * sums of squares), and the aggregate is maintained from the changes alone: O(1) user calls per changed row,
 * state one accumulator per group. Otherwise every touched group is recomputed from its integrated rows:
 * O(group size) per touched group, state every row.
 *
 * @param <T> row type
 * @param <A> accumulator type
 * @param <R> result type
 */
public interface Fold<T, A, R> {
    /** The accumulator of an empty group. */
    A init();

    /** The accumulator after absorbing {@code row} with {@code weight} (negative for deletions). */
    A step(A acc, T row, long weight);

    /** The group's value. */
    R result(A acc);

    /** True when {@code step} with a negated weight undoes a step; see the class comment. Default false. */
    default boolean invertible() {
        return false;
    }

    /**
     * An accumulator equal to {@code acc} that {@link #step} may change without changing {@code acc}. The operator
     * calls it once per touched group and step, before the first {@code step} on the group's committed
     * accumulator. The default returns {@code acc} itself, for folds whose {@code step} returns a new accumulator.
     */
    default A copy(A acc) {
        return acc;
    }

    /** One step of a fold. */
    @FunctionalInterface
    interface Step<T, A> {
        A apply(A acc, T row, long weight);
    }

    /** One step of a fold made by {@link #invertibleInPlace}: changes {@code acc} in place. */
    @FunctionalInterface
    interface Update<T, A> {
        void apply(A acc, T row, long weight);
    }

    /** A fold recomputed from the group's rows when the group changes. */
    static <T, A, R> Fold<T, A, R> of(Supplier<? extends A> init, Step<T, A> step,
                                      Function<? super A, ? extends R> result) {
        return make(init, step, result, false);
    }

    /** A fold whose step is undone by the same step with the negated weight: maintained from changes. */
    static <T, A, R> Fold<T, A, R> invertible(Supplier<? extends A> init, Step<T, A> step,
                                              Function<? super A, ? extends R> result) {
        return make(init, step, result, true);
    }

    /**
     * An invertible fold whose accumulator is mutable: {@code update} changes it in place, and {@code copy} makes
     * an independent copy, which the operator takes once per touched group and step (the committed accumulator
     * is never changed, so a failed step leaves it as it was). Cost: one copy per touched group and step instead
     * of a new accumulator per row; worth it when a group takes several rows per step and a new accumulator
     * per row would allocate. {@code result} may return the accumulator itself, since a committed one never
     * changes; the operator compares results with {@code equals} to decide whether the group changed, so such an
     * accumulator should compare by value.
     */
    static <T, A, R> Fold<T, A, R> invertibleInPlace(Supplier<? extends A> init, UnaryOperator<A> copy,
                                                     Update<T, A> update, Function<? super A, ? extends R> result) {
        Objects.requireNonNull(copy, "copy");
        Objects.requireNonNull(update, "update");
        return make(init, (acc, row, w) -> {
            update.apply(acc, row, w);
            return acc;
        }, result, true, copy);
    }

    private static <T, A, R> Fold<T, A, R> make(Supplier<? extends A> init, Step<T, A> step,
                                                Function<? super A, ? extends R> result, boolean invertible) {
        return make(init, step, result, invertible, UnaryOperator.identity());
    }

    private static <T, A, R> Fold<T, A, R> make(Supplier<? extends A> init, Step<T, A> step,
                                                Function<? super A, ? extends R> result, boolean invertible,
                                                UnaryOperator<A> copy) {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(result, "result");
        return new Fold<>() {
            @Override
            public A init() {
                return init.get();
            }

            @Override
            public A copy(A acc) {
                return copy.apply(acc);
            }

            @Override
            public A step(A acc, T row, long weight) {
                return step.apply(acc, row, weight);
            }

            @Override
            public R result(A acc) {
                return result.apply(acc);
            }

            @Override
            public boolean invertible() {
                return invertible;
            }
        };
    }
}
