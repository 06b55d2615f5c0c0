package org.jdbsp.operators.aggregate;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A user-defined aggregate for {@link Agg#fold} and {@link Aggregates#fold}: an accumulator that starts at {@link #init()}, absorbs
 * each row of a group with its weight through {@link #step}, and yields the group's value with
 * {@link #result}. A row of weight {@code w} is passed once with {@code w} (not {@code w} times with 1).
 *
 * <p>Contract: the functions are pure; {@code step} returns a new accumulator and must not mutate the one it
 * receives (the operator keeps the old one to emit the old row and to roll back a failed step); the result
 * must not depend on the order of the rows.
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

    /** One step of a fold. */
    @FunctionalInterface
    interface Step<T, A> {
        A apply(A acc, T row, long weight);
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

    private static <T, A, R> Fold<T, A, R> make(Supplier<? extends A> init, Step<T, A> step,
                                                Function<? super A, ? extends R> result, boolean invertible) {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(result, "result");
        return new Fold<>() {
            @Override
            public A init() {
                return init.get();
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
