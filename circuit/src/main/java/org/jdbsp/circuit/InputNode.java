package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * The source node of an input: publishes the input's pending changes (incremental mode) or the integrated
 * snapshot of everything pushed so far (naive mode). The pending changes are taken only on commit.
 */
final class InputNode<T> extends Node implements UnkeyedState {
    private final InputFront<T> front;
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
    /** True in the one replica that counts the state its input keeps for all of them. */
    private final boolean countsInputState;
    private ZSet<T> snapshot = new ZSet<>();
    private ZSet<T> nextSnapshot;

    InputNode(InputFront<T> front, Stream<T> out, boolean naive, WorkerContext worker) {
        super("input:" + front.name, List.of(), out); // named after the input: input:orders#0
        this.front = front;
        this.out = out;
        this.naive = naive;
        this.worker = worker != null && worker.workers() > 1 ? worker : null;
        this.countsInputState = worker == null || worker.index == 0;
    }

    @Override
    protected void eval() {
        ZSet<T> change = worker == null ? front.change() : shareUnused ? new ZSet<>() : share(front.log);
        if (naive) {
            try {
                nextSnapshot = change.isEmpty() ? snapshot : snapshot.plus(change);
            } catch (ArithmeticException e) {
                throw new ArithmeticException(front + ": " + e.getMessage());
            }
            out.publish(nextSnapshot);
        } else {
            out.publish(change);
        }
    }

    /** The pending change, shared by all workers (multi-worker circuits); for an exchange reading it directly. */
    PendingLog<T> sharedLog() {
        return front.log;
    }

    /** The input this node publishes. */
    InputFront<T> front() {
        return front;
    }

    /** The stream this node publishes. */
    Stream<T> stream() {
        return out;
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
        if (front.kind == InputKind.APPEND_ONLY) {
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
        if (worker == null) {
            front.stepCommitted(); // with several workers the runtime does it once all have committed
        }
    }

    @Override
    protected void rollback() {
        nextSnapshot = null;
    }

    /** The naive snapshot, plus (in one replica) what a strict or keyed input keeps of its contents. */
    @Override
    public long stateRows() {
        return snapshot.size() + (countsInputState ? front.stateRows() : 0);
    }

    @Override
    public boolean isLinear() {
        return true;
    }

    @Override
    public boolean keepsState() {
        return naive;
    }

    /** Naive mode: the snapshot of everything pushed so far (empty in incremental mode). */
    @Override
    public ZSet<?> savedState() {
        return snapshot;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addRestored(ZSet<?> restored) {
        snapshot = snapshot.plus((ZSet<T>) restored);
    }
}
