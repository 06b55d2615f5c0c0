package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * The source node of an input: publishes the handle's pending changes (incremental mode) or the integrated
 * snapshot of everything pushed so far (naive mode). The pending changes are taken only on commit.
 */
final class InputNode<T> extends Node {
    private final InputHandle<T> handle;
    private final Stream<T> out;
    private final boolean naive;
    private final WorkerContext worker;
    /** Consumers that read the shared pending change directly (exchanges right after this input). */
    int directConsumers;
    /** True when every consumer reads the pending change directly: this worker's share is never computed. */
    boolean shareUnused;
    /**
     * Logs at least this long are hashed by the workers together (one barrier); shorter ones by each worker
     * alone. Every worker sees the same log, so all take the same path.
     */
    static final int SHARED_HASHING_FROM = 2048;
    private ZSet<T> snapshot = new ZSet<>();
    private ZSet<T> nextSnapshot;

    InputNode(InputHandle<T> handle, Stream<T> out, boolean naive, WorkerContext worker) {
        super("input", List.of(), out);
        this.handle = handle;
        this.out = out;
        this.naive = naive;
        this.worker = worker != null && worker.workers() > 1 ? worker : null;
    }

    @Override
    protected void eval() {
        ZSet<T> change = worker == null ? handle.pending : shareUnused ? new ZSet<>() : share(handle.log);
        if (naive) {
            nextSnapshot = change.isEmpty() ? snapshot : snapshot.plus(change);
            out.publish(nextSnapshot);
        } else {
            out.publish(change);
        }
    }

    /** The pending change, shared by all workers (multi-worker circuits); for an exchange reading it directly. */
    PendingLog<T> sharedLog() {
        return handle.log;
    }

    /**
     * In a multi-worker circuit the pending change is shared by all workers (read-only during the step): this
     * worker takes the rows whose hash it owns, so an insert and its later delete land on the same worker.
     * From {@link #SHARED_HASHING_FROM} rows, each worker hashes 1/n of the rows into the log's shared scratch,
     * then (after one barrier) scans all the hashes and inserts its share: O(|pending| / n) hash computations and
     * O(|pending|) int comparisons per worker, one barrier. A shorter log each worker hashes whole, with no
     * barrier. An append-only input is split by position instead: O(|pending| / n) inserts, no barrier.
     */
    private ZSet<T> share(PendingLog<T> log) {
        if (log.isEmpty()) {
            return new ZSet<>();
        }
        int n = worker.workers();
        int me = worker.index;
        ZSet<T> all = log.consolidated();
        if (all != null) {
            ZSet<T> mine = new ZSet<>(all.size() / n + 1);
            for (int s = all.nextSlot(0); s >= 0; s = all.nextSlot(s + 1)) {
                int h = all.hashAt(s);
                if (ExchangeNode.owner(h, n) == me) {
                    mine.addHashed(all.elementAt(s), h, all.weightAt(s));
                }
            }
            return mine;
        }
        int size = log.size();
        // this worker's n-th of the log by position
        int from = (int) ((long) size * me / n);
        int to = (int) ((long) size * (me + 1) / n);
        if (handle.appendOnly) {
            // insertions only: no row can cancel another, so the split need not follow the rows' hashes; each
            // worker takes its n-th of the log (no barrier, and an even split whatever the skew)
            ZSet<T> mine = new ZSet<>(to - from);
            for (int i = from; i < to; i++) {
                mine.add(log.rowAt(i), log.weightAt(i));
            }
            return mine;
        }
        // from SHARED_HASHING_FROM rows each worker hashes its own n-th of the log and, after a barrier, takes its
        // rows using all of them: every row is hashed once in all (a worker that throws here fails the barrier,
        // and the step); a shorter log each worker hashes whole, which costs less than waiting for the others
        int[] hashes = null;
        if (size >= SHARED_HASHING_FROM) {
            hashes = log.hashes();
            for (int i = from; i < to; i++) {
                hashes[i] = log.rowAt(i).hashCode();
            }
            worker.barrier().await(me);
        }
        ZSet<T> mine = new ZSet<>(size / n + 1);
        for (int i = 0; i < size; i++) {
            T e = log.rowAt(i);
            int h = hashes != null ? hashes[i] : e.hashCode();
            if (ExchangeNode.owner(h, n) == me) {
                mine.addHashed(e, h, log.weightAt(i));
            }
        }
        return mine;
    }

    @Override
    protected void commit() {
        if (naive) {
            snapshot = nextSnapshot;
            nextSnapshot = null;
        }
        if (worker == null && !handle.pending.isEmpty()) {
            // presized like the change just taken (up to 4,096 rows), so a steady stream of changes does not
            // regrow it every step; capped because consumers iterate a table in O(capacity), and a bulk load
            // must not leave every later (small or empty) change in a huge table
            handle.pending = new ZSet<>(Math.min(handle.pending.size(), 4096));
        }
    }

    @Override
    protected void rollback() {
        nextSnapshot = null;
    }

    @Override
    public long stateRows() {
        return snapshot.size();
    }

    @Override
    public boolean isLinear() {
        return true;
    }
}
