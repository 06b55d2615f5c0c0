package org.jdbsp.operators.join;

import org.jdbsp.operators.window.Expiry;

/**
 * When an equi-join may forget a key: its key holds a time (a window's start, an event time) that each side's
 * watermark bounds, so that once both watermarks have passed a key's time no change can reach that key again, and
 * the join drops the rows it keeps for it (its output rows stay in the view). This is what keeps a window join over
 * unbounded streams in bounded state.
 *
 * <p>Contract: {@code timeA(a) == timeB(b)} whenever {@code a} and {@code b} have equal keys (the time is part of the
 * key), and every change of side A that can still arrive has {@code timeA >= watermarkA + offsetA} (likewise B). A
 * key whose time is below {@code min(watermarkA + offsetA, watermarkB + offsetB)} at the start of a step is dropped
 * when the step commits; a change that reaches a dropped key later fails its step, naming the time, rather than
 * give a wrong answer. Cost: one time read per changed row, one heap entry per key, O(log keys) per dropped key.
 */
public final class JoinExpiry<A, B> {
    private final Expiry<A> left;
    private final Expiry<B> right;

    private JoinExpiry(Expiry<A> left, Expiry<B> right) {
        this.left = left;
        this.right = right;
    }

    /**
     * @param left  the time in a left row's key and the watermark that bounds the left side's changes
     * @param right the time in a right row's key (equal to the left's for equal keys) and the right side's bound
     *              (its watermark may be the left's)
     */
    public static <A, B> JoinExpiry<A, B> of(Expiry<A> left, Expiry<B> right) {
        return new JoinExpiry<>(left, right);
    }

    /** The same expiry for the join with its sides exchanged (B on the left). */
    public JoinExpiry<B, A> swapped() {
        return new JoinExpiry<>(right, left);
    }

    long timeA(A row) {
        return left.time(row);
    }

    long timeB(B row) {
        return right.time(row);
    }

    /** The times below which no change of either side can arrive any more, as of now: keys below it may go. */
    long limit() {
        return Math.min(left.limit(), right.limit());
    }
}
