package org.jdbsp.operators.join;

import java.util.Objects;
import java.util.function.ToLongFunction;
import org.jdbsp.operators.window.Watermark;

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
    private final ToLongFunction<? super A> timeA;
    private final ToLongFunction<? super B> timeB;
    private final Watermark watermarkA;
    private final Watermark watermarkB;
    private final long offsetA;
    private final long offsetB;

    private JoinExpiry(ToLongFunction<? super A> timeA, Watermark watermarkA, long offsetA,
                       ToLongFunction<? super B> timeB, Watermark watermarkB, long offsetB) {
        this.timeA = Objects.requireNonNull(timeA, "join expiry: null time function of the left side");
        this.timeB = Objects.requireNonNull(timeB, "join expiry: null time function of the right side");
        this.watermarkA = Objects.requireNonNull(watermarkA, "join expiry: null watermark of the left side");
        this.watermarkB = Objects.requireNonNull(watermarkB, "join expiry: null watermark of the right side");
        this.offsetA = offsetA;
        this.offsetB = offsetB;
    }

    /**
     * @param timeA      the time in a left row's key
     * @param watermarkA the watermark that bounds the left side's changes: each has {@code timeA >= W + offsetA}
     * @param timeB      the time in a right row's key (equal to the left's for equal keys)
     * @param watermarkB the same for the right side (may be the left's)
     */
    public static <A, B> JoinExpiry<A, B> of(ToLongFunction<? super A> timeA, Watermark watermarkA, long offsetA,
                                             ToLongFunction<? super B> timeB, Watermark watermarkB, long offsetB) {
        return new JoinExpiry<>(timeA, watermarkA, offsetA, timeB, watermarkB, offsetB);
    }

    long timeA(A row) {
        return timeA.applyAsLong(row);
    }

    long timeB(B row) {
        return timeB.applyAsLong(row);
    }

    /** The times below which no change can arrive any more, as of now: keys below it may be dropped. */
    long limit() {
        return Math.min(bound(watermarkA.current(), offsetA), bound(watermarkB.current(), offsetB));
    }

    /** {@code w + offset}, saturating; no bound while the watermark is unset. */
    private static long bound(long w, long offset) {
        if (w == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long r = w + offset;
        if (((w ^ r) & (offset ^ r)) < 0) {
            return offset < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
