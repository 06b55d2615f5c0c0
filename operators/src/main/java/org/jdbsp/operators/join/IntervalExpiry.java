package org.jdbsp.operators.join;

import org.jdbsp.operators.window.Expiry;

/**
 * When an equi-join whose matches must also lie close in time (an interval join: {@code a.time + lower <=
 * b.time <= a.time + upper}, checked by the join's caller after the join) may forget rows: each side's times are
 * bounded by a watermark (every change that can still arrive on side A has {@code timeA >= watermarkA + offsetA},
 * likewise B), so a stored row of A that no future B row can match ({@code timeA + upper} below B's bound) and that
 * A itself can no longer change (below A's bound) is dropped when a step commits, and the same for B. Its output
 * rows stay in the view. This bounds the state of a join like Nexmark q7's (bids meeting the maximum of their
 * window on the price) over an unbounded stream. A change that would reach a dropped row fails its step rather than
 * give a wrong answer. Cost: per stored row, one heap entry (O(log rows) to add and to drop).
 */
public final class IntervalExpiry<A, B> {
    private final Expiry<A> left;
    private final Expiry<B> right;
    /** Left times moved by {@code lower}: no future left row matches a right row below it. */
    private final Expiry<A> leftPlusLower;
    /** Right times moved back by {@code upper}: no future right row matches a left row below it. */
    private final Expiry<B> rightMinusUpper;
    private final long lower;
    private final long upper;

    private IntervalExpiry(Expiry<A> left, Expiry<B> right, long lower, long upper) {
        if (lower > upper || lower == Long.MIN_VALUE || upper == Long.MAX_VALUE) {
            throw new IllegalArgumentException("interval expiry: need MIN_VALUE < lower <= upper < MAX_VALUE, got "
                    + lower + ", " + upper);
        }
        this.left = left;
        this.right = right;
        this.lower = lower;
        this.upper = upper;
        this.leftPlusLower = left.shifted(lower);
        this.rightMinusUpper = right.shifted(-upper);
    }

    /**
     * @param left  the time of a left row and its bound: {@code >= watermarkA + offsetA} for every change to come
     * @param right the time of a right row and its bound, likewise
     * @param lower the least {@code timeB - timeA} of a match
     * @param upper the greatest {@code timeB - timeA} of a match
     */
    public static <A, B> IntervalExpiry<A, B> of(Expiry<A> left, Expiry<B> right, long lower, long upper) {
        return new IntervalExpiry<>(left, right, lower, upper);
    }

    /** The same expiry for the join with its sides exchanged (B on the left): {@code timeA - timeB} in [-upper, -lower]. */
    public IntervalExpiry<B, A> swapped() {
        return new IntervalExpiry<>(right, left, -upper, -lower);
    }

    long timeA(A row) {
        return left.time(row);
    }

    long timeB(B row) {
        return right.time(row);
    }

    /** Left rows below this time meet no future right row and change no more. */
    long limitA() {
        return Math.min(left.limit(), rightMinusUpper.limit());
    }

    /** Right rows below this time meet no future left row and change no more. */
    long limitB() {
        return Math.min(right.limit(), leftPlusLower.limit());
    }
}
