package org.jdbsp.operators.window;

import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * When a grouped operator may forget a group: the group's key holds a time (a window's start or end, an event time)
 * that a watermark bounds, every change that can still arrive having {@code time >= watermark + offset}; a group
 * whose time is below that limit at the start of a step can change no more, and the operator drops its state when
 * the step commits (its output rows stay in the view). Given to {@code TopK.topK} and {@code TopK.rowNumber} for a
 * window top-N over an unbounded stream. The time must be a function of the group: equal for all rows of one group.
 * A change that reaches a dropped group fails its step, naming the time, rather than give a wrong answer.
 */
public final class Expiry<T> {
    private final ToLongFunction<? super T> time;
    private final Watermark watermark;
    private final long offset;

    private Expiry(ToLongFunction<? super T> time, Watermark watermark, long offset) {
        this.time = Objects.requireNonNull(time, "expiry: null time function");
        this.watermark = Objects.requireNonNull(watermark, "expiry: null watermark");
        this.offset = offset;
    }

    /**
     * @param time      the time in a row's group key
     * @param watermark the watermark that bounds the changes: each has {@code time >= watermark + offset}
     * @param offset    added to the watermark (negative for a window's start)
     */
    public static <T> Expiry<T> of(ToLongFunction<? super T> time, Watermark watermark, long offset) {
        return new Expiry<>(time, watermark, offset);
    }

    /**
     * The same time and watermark with the offset moved by {@code delta}: the limit of the times that lie
     * {@code delta} after the changes this expiry bounds.
     *
     * @throws ArithmeticException if the offset overflows
     */
    public Expiry<T> shifted(long delta) {
        return new Expiry<>(time, watermark, Math.addExact(offset, delta));
    }

    /** The time of {@code row}'s group. */
    public long time(T row) {
        return time.applyAsLong(row);
    }

    /** The time below which no change can arrive any more, as the watermark stands now; MIN_VALUE while unset. */
    public long limit() {
        long w = watermark.current();
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
