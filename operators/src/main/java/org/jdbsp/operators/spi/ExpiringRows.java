package org.jdbsp.operators.spi;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The times of the rows an operator stores per key (a join side's rows), for dropping the rows a watermark has
 * passed: each stored row is entered with its time, key id and the row itself in a min-heap by time; {@link #expire}
 * pops the entries below the limit read at the start of the step and hands each (key id, row) to the operator,
 * which removes whatever weight the row still has (none, if it was deleted since, or entered twice). O(log n) per
 * row entered; the entries' slots are reused. For operator authors; one per operator replica and side.
 */
public final class ExpiringRows {
    /** Receives a row to drop. */
    @FunctionalInterface
    public interface Drop {
        void drop(int keyId, Object row);
    }

    private final ExpiryLimit limit;
    private final MinHeap byTime = new MinHeap();
    private int[] keyId = new int[16];
    private Object[] row = new Object[16];
    private int[] free = new int[16];
    private int freeCount;
    private int used;

    /** @param limitNow the time below which rows may go, as the watermarks stand; MIN_VALUE while unknown */
    public ExpiringRows(LongSupplier limitNow) {
        this.limit = new ExpiryLimit(limitNow);
    }

    /** Reads the limit as of the start of the step. */
    public void startStep() {
        limit.startStep();
    }

    /** Fails when a change has the time {@code t} of rows already dropped; {@code what} names the operator. */
    public void check(long t, Object changed, String what) {
        limit.check(t, changed, what, "rows");
    }

    /** Enters a row stored under key {@code id} at time {@code t}. */
    public void add(long t, int id, Object stored) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            slot = used++;
            if (slot == row.length) {
                keyId = Arrays.copyOf(keyId, slot * 2);
                row = Arrays.copyOf(row, slot * 2);
            }
        }
        keyId[slot] = id;
        row[slot] = stored;
        byTime.push(t, slot, 0);
    }

    /** Hands every entered row whose time is below this step's limit to {@code drop}. */
    public void expire(Drop drop) {
        while (!byTime.isEmpty() && byTime.peekKey() < limit.limit()) {
            int slot = byTime.peekValue();
            byTime.pop();
            Object r = row[slot];
            row[slot] = null;
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, freeCount * 2);
            }
            free[freeCount++] = slot;
            drop.drop(keyId[slot], r);
        }
        limit.applied();
    }

    /**
     * Writes every entered row with its time and the key (from {@code space}) it is stored under, and the limit
     * below which rows were dropped, for a checkpoint; entries of keys released since are left out.
     */
    public void writeState(KeySpace space, org.jdbsp.circuit.state.StateWriter out) {
        int n = 0;
        for (int i = 0; i < byTime.size(); i++) {
            n += space.isLive(keyId[byTime.valueAt(i)]) ? 1 : 0;
        }
        out.writeVarLong(n);
        for (int i = 0; i < byTime.size(); i++) {
            int slot = byTime.valueAt(i);
            if (space.isLive(keyId[slot])) {
                out.writeLong(byTime.keyAt(i));
                space.writeKey(keyId[slot], out);
                out.writeValue(row[slot]);
            }
        }
        limit.write(out);
    }

    /**
     * Reads what {@link #writeState} wrote into a fresh operator whose keys are in {@code space} already; with a
     * {@code placement} that re-partitions, only the rows of keys the replica owns.
     */
    public void readState(KeySpace space, org.jdbsp.circuit.state.StateReader in,
                          org.jdbsp.circuit.state.Placement placement) {
        int n = in.readSize();
        for (int i = 0; i < n; i++) {
            long t = in.readLong();
            int before = space.size();
            int id = space.readKey(in);
            Object r = in.readValue();
            if (space.size() != before) {
                space.release(id); // a key the operator did not keep (another replica's): its rows are not here
            } else if (placement.whole() || placement.owns(space.shardHash(id))) {
                add(t, id, r);
            }
        }
        limit.read(in);
    }
}
