package org.jdbsp.operators.spi;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The times of an operator's keys (a join's keys, a top-k's groups), for dropping the keys a watermark has passed:
 * each key id with state is entered once in a min-heap by its time; {@link #expire} pops the keys below the limit
 * read at the start of the step. An entry whose key was released (and perhaps reused for another time) since is
 * skipped. O(log keys) per key tracked. For operator authors; one per operator replica.
 */
public final class ExpiringKeys {
    private final ExpiryLimit limit;
    private long[] time = new long[16];
    private boolean[] tracked = new boolean[16];
    private final MinHeap byTime = new MinHeap();

    /**
     * @param limitNow the time below which no change can arrive any more, as the watermarks stand (read once per
     *                 step, at its start); {@link Long#MIN_VALUE} while unknown
     */
    public ExpiringKeys(LongSupplier limitNow) {
        this.limit = new ExpiryLimit(limitNow);
    }

    /** Reads the limit as of the start of the step. */
    public void startStep() {
        limit.startStep();
    }

    /** Fails when a change has the time {@code t} of a key already dropped; {@code what} names the operator. */
    public void check(long t, Object row, String what) {
        limit.check(t, row, what, "keys");
    }

    /** Enters key {@code id}, which holds state, with its time, unless it is entered already. */
    public void track(int id, long t) {
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

    public boolean isTracked(int id) {
        return id < tracked.length && tracked[id];
    }

    /** Forgets key {@code id} (released: it holds no state). */
    public void untrack(int id) {
        if (id < tracked.length) {
            tracked[id] = false;
        }
    }

    /** Hands every tracked key whose time is below this step's limit to {@code drop}, which must release it. */
    public void expire(IntConsumer drop) {
        while (!byTime.isEmpty() && byTime.peekKey() < limit.limit()) {
            long t = byTime.peekKey();
            int id = byTime.peekValue();
            byTime.pop();
            if (tracked[id] && time[id] == t) {
                tracked[id] = false;
                drop.accept(id);
            }
        }
        limit.applied();
    }

    /** Writes key {@code id}'s time, if it is tracked, for a checkpoint (with the key, which the operator writes). */
    public void writeKey(int id, org.jdbsp.circuit.state.StateWriter out) {
        boolean t = isTracked(id);
        out.writeBoolean(t);
        if (t) {
            out.writeLong(time[id]);
        }
    }

    /** Reads what {@link #writeKey} wrote, for key {@code id} of a fresh operator; {@code id < 0}: skips it. */
    public void readKey(int id, org.jdbsp.circuit.state.StateReader in) {
        if (in.readBoolean()) {
            long t = in.readLong();
            if (id >= 0) {
                track(id, t);
            }
        }
    }

    /** Writes the limit below which keys were dropped (changes there fail). */
    public void writeLimit(org.jdbsp.circuit.state.StateWriter out) {
        limit.write(out);
    }

    public void readLimit(org.jdbsp.circuit.state.StateReader in) {
        limit.read(in);
    }
}
