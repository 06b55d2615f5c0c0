package org.jdbsp.operators.join;

import java.util.function.ToLongFunction;
import org.jdbsp.operators.window.Expiry;
import org.jdbsp.operators.window.Watermark;

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
    }

    /**
     * @param timeA the time of a left row, {@code >= watermarkA + offsetA} for every change still to come
     * @param timeB the time of a right row, likewise
     * @param lower the least {@code timeB - timeA} of a match
     * @param upper the greatest {@code timeB - timeA} of a match
     */
    public static <A, B> IntervalExpiry<A, B> of(ToLongFunction<? super A> timeA, Watermark watermarkA, long offsetA,
                                                 ToLongFunction<? super B> timeB, Watermark watermarkB, long offsetB,
                                                 long lower, long upper) {
        return new IntervalExpiry<>(Expiry.of(timeA, watermarkA, offsetA), Expiry.of(timeB, watermarkB, offsetB),
                lower, upper);
    }

    long timeA(A row) {
        return left.time(row);
    }

    long timeB(B row) {
        return right.time(row);
    }

    /** Left rows below this time meet no future right row and change no more. */
    long limitA() {
        return Math.min(left.limit(), minus(right.limit(), upper));
    }

    /** Right rows below this time meet no future left row and change no more. */
    long limitB() {
        return Math.min(right.limit(), minus(left.limit(), -lower));
    }

    /** {@code limit - d}, with MIN_VALUE (no limit yet) kept and overflow saturated. */
    private static long minus(long limit, long d) {
        if (limit == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long r = limit - d;
        if (((limit ^ d) & (limit ^ r)) < 0) {
            return d > 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
