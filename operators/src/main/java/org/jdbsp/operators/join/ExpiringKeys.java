package org.jdbsp.operators.join;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.jdbsp.operators.spi.MinHeap;

/**
 * The times of a join's keys ({@link JoinExpiry}), for dropping the keys the watermarks have passed: each key with
 * state is entered once in a min-heap by its time; {@link #expire} pops the keys below this step's limit. An entry
 * whose key was released (and perhaps reused for another time) since is skipped. O(log keys) per key tracked.
 */
final class ExpiringKeys<A, B> {
    private final JoinExpiry<A, B> spec;
    private long[] time = new long[16];
    private boolean[] tracked = new boolean[16];
    private final MinHeap byTime = new MinHeap();
    /** This step's limit (read at eval), and the highest limit applied: no change may come below it. */
    private long limit = Long.MIN_VALUE;
    private long droppedBelow = Long.MIN_VALUE;

    ExpiringKeys(JoinExpiry<A, B> spec) {
        this.spec = spec;
    }

    JoinExpiry<A, B> spec() {
        return spec;
    }

    /** Reads the watermarks as of the start of the step. */
    void startStep() {
        limit = spec.limit();
    }

    /** Fails when a change has the time {@code t} of a key already dropped. */
    void check(long t, Object row) {
        if (t < droppedBelow) {
            throw new IllegalStateException("join: a change for time " + t + " (" + row + ") arrived after the"
                    + " keys below " + droppedBelow + " were dropped: the watermark did not bound this input");
        }
    }

    /** Enters key {@code id}, which holds state, with its time, unless it is entered already. */
    void track(int id, long t) {
        if (id >= tracked.length) {
            int cap = Math.max(id + 1, tracked.length * 2);
            tracked = Arrays.copyOf(tracked, cap);
            time = Arrays.copyOf(time, cap);
        }
        if (!tracked[id]) {
            tracked[id] = true;
            time[id] = t;
            byTime.push(t, id, 0);
        }
    }

    boolean isTracked(int id) {
        return id < tracked.length && tracked[id];
    }

    /** Forgets key {@code id} (released: it holds no state). */
    void untrack(int id) {
        if (id < tracked.length) {
            tracked[id] = false;
        }
    }

    /** Hands every tracked key whose time is below this step's limit to {@code drop}, which releases it. */
    void expire(IntConsumer drop) {
        while (!byTime.isEmpty() && byTime.peekKey() < limit) {
            long t = byTime.peekKey();
            int id = byTime.peekValue();
            byTime.pop();
            if (tracked[id] && time[id] == t) {
                tracked[id] = false;
                drop.accept(id);
            }
        }
        if (limit > droppedBelow) {
            droppedBelow = limit;
        }
    }
}
