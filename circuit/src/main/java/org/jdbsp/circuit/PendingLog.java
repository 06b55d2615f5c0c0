package org.jdbsp.circuit;

import java.util.Arrays;
import org.jdbsp.zset.ZSet;

/**
 * The pending change of one input of a multi-worker circuit, kept so that the caller's thread does as little as
 * possible: pushes append {@code (row, weight)} to an array log, with no hashing, and the workers consolidate
 * it in parallel at the step (each scans the log and takes the rows it owns). The log's sum is the pending
 * Z-set; a row pushed twice appears twice until a worker consolidates it.
 *
 * <p>Overflow stays exact: while the sum of {@code |weight|} over the log fits in a {@code long}, no partial sum
 * of any row's weights can overflow. A push that would break that bound moves the log into a consolidated
 * {@link ZSet} (never overflowing, by the bound) and from then on, until the step commits, pushes go into that
 * Z-set with its checked, atomic adds, exactly as with one worker.
 *
 * <p>Cost: O(1) amortised per push, arrays reused from step to step (grown by doubling, capped reuse after a
 * bulk load). Not thread-safe; the workers only read it during a step.
 *
 * @param <T> the row type
 */
final class PendingLog<T> {
    private static final int INITIAL = 64;
    /** After a commit, arrays larger than this are dropped rather than kept for the next step. */
    private static final int KEEP = 1 << 20;

    private Object[] rows = new Object[INITIAL];
    private long[] weights = new long[INITIAL];
    /**
     * Scratch for the rows' hash codes during a step, as long as the log: each worker fills its own n-th, then,
     * after a barrier, every worker reads all of them (see {@code InputNode}).
     */
    private int[] hashes = new int[INITIAL];
    private int size;
    private long absSum;
    /** True once a negative weight was appended since the log was last cleared: rows may cancel out. */
    private boolean deletes;
    /** Non-null once the weights grew too large for the log: the consolidated pending change (log empty). */
    private ZSet<T> consolidated;

    /** Adds {@code weight} copies of {@code row} (not null, checked by the caller); atomic on overflow. */
    void add(T row, long weight) {
        if (weight == 0) {
            return;
        }
        if (consolidated == null) {
            long abs = weight == Long.MIN_VALUE ? -1 : Math.abs(weight);
            long sum = absSum + abs;
            if (abs >= 0 && sum >= 0) {
                append(row, weight);
                absSum = sum;
                return;
            }
            consolidate();
        }
        consolidated.add(row, weight);
    }

    /** Adds every row of {@code changes}; atomic: on overflow nothing is added. */
    void addAll(ZSet<? extends T> changes) {
        if (consolidated == null) {
            long sum = absSum;
            for (int s = changes.nextSlot(0); s >= 0 && sum >= 0; s = changes.nextSlot(s + 1)) {
                long w = changes.weightAt(s);
                sum = w == Long.MIN_VALUE ? -1 : sum + Math.abs(w);
            }
            if (sum >= 0) {
                ensure(size + changes.size());
                for (int s = changes.nextSlot(0); s >= 0; s = changes.nextSlot(s + 1)) {
                    append(changes.elementAt(s), changes.weightAt(s));
                }
                absSum = sum;
                return;
            }
            consolidate();
        }
        consolidated.addAll(changes);
    }

    /**
     * Adds one copy of each of {@code rows[off .. off + len)} (none null, checked by the caller), atomically on
     * overflow: while the log's bound holds, one array copy and no row is read.
     */
    void appendOnes(Object[] rows, int off, int len) {
        if (consolidated == null) {
            long sum = absSum + len;
            if (sum >= 0) {
                ensure(size + len);
                System.arraycopy(rows, off, this.rows, size, len);
                Arrays.fill(weights, size, size + len, 1L);
                size += len;
                absSum = sum;
                return;
            }
            consolidate();
        }
        ZSet<T> z = new ZSet<>(len);
        for (int i = off; i < off + len; i++) {
            @SuppressWarnings("unchecked")
            T row = (T) rows[i];
            z.add(row, 1);
        }
        consolidated.addAll(z);
    }

    /** {@code -oldRow + newRow}, atomically. */
    void update(T oldRow, T newRow) {
        if (consolidated == null && absSum <= Long.MAX_VALUE - 2) {
            append(oldRow, -1);
            append(newRow, 1);
            absSum += 2;
            return;
        }
        if (consolidated == null) {
            consolidate();
        }
        consolidated.add(oldRow, -1);
        try {
            consolidated.add(newRow, 1);
        } catch (RuntimeException e) {
            consolidated.add(oldRow, 1);
            throw e;
        }
    }

    private void append(Object row, long weight) {
        if (size == rows.length) {
            ensure(size + 1);
        }
        rows[size] = row;
        weights[size] = weight;
        size++;
        deletes |= weight < 0;
    }

    private void ensure(int capacity) {
        if (capacity > rows.length) {
            int n = Math.max(capacity, rows.length * 2);
            rows = Arrays.copyOf(rows, n);
            weights = Arrays.copyOf(weights, n);
            hashes = new int[n];
        }
    }

    private void consolidate() {
        consolidated = toZSet();
        clearLog();
    }

    /** The pending change as one consolidated Z-set (a new one; O(log length)). */
    /**
     * Writes the pending change in the form of {@link org.jdbsp.circuit.state.StateWriter#writeZSet}, for a
     * journal, without consolidating the log: a row logged twice is written twice and summed when read.
     */
    void writeTo(org.jdbsp.circuit.state.StateWriter out) {
        if (consolidated != null) {
            out.writeZSet(consolidated);
            return;
        }
        out.writeVarLong(size);
        for (int i = 0; i < size; i++) {
            out.writeValue(rows[i]);
            out.writeSignedVarLong(weights[i]);
        }
    }

    ZSet<T> toZSet() {
        if (consolidated != null) {
            return consolidated.copy();
        }
        ZSet<T> z = new ZSet<>(size);
        for (int i = 0; i < size; i++) {
            @SuppressWarnings("unchecked")
            T row = (T) rows[i];
            z.add(row, weights[i]);
        }
        return z;
    }

    /**
     * True if the log may hold rows whose weights cancel out (a negative weight was appended): then its entries
     * are not all rows of the pending Z-set, and a reader that must see only those consolidates first.
     */
    boolean mayCancel() {
        return deletes;
    }

    /** True if nothing was pushed (or everything pushed was consolidated away). */
    boolean isEmpty() {
        return consolidated == null ? size == 0 : consolidated.isEmpty();
    }

    /** Entries in the log; 0 when {@link #consolidated()} holds the change. */
    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    T rowAt(int i) {
        return (T) rows[i];
    }

    long weightAt(int i) {
        return weights[i];
    }

    /** The hash scratch: at least {@link #size()} slots, written by the workers during a step. */
    int[] hashes() {
        return hashes;
    }

    /** The consolidated change, or {@code null} while the change is held in the log. */
    ZSet<T> consolidated() {
        return consolidated;
    }

    /** Drops the pending change. */
    void clear() {
        consolidated = null;
        clearLog();
    }

    private void clearLog() {
        if (rows.length > KEEP) {
            rows = new Object[INITIAL];
            weights = new long[INITIAL];
            hashes = new int[INITIAL];
        } else {
            Arrays.fill(rows, 0, size, null);
        }
        size = 0;
        absSum = 0;
        deletes = false;
    }
}
