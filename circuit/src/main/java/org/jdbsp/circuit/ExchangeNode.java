package org.jdbsp.circuit;

import java.util.List;
import java.util.function.ToIntFunction;
import org.jdbsp.zset.ZSet;

/**
 * Moves every record to the worker that owns its key: partitions this worker's input into one Z-set per worker
 * by {@code floorMod(mix(keyHash(x)), workers)}, posts them in the shared mailbox row of this worker, waits at
 * the step barrier for every worker to post, then publishes the sum of the mailbox column of this worker.
 * Linear (partitioning and summing commute with addition) and stateless, so it runs the same in both modes
 * and inside recursion. Cost: O(|input|) hash computations and inserts, plus O(records received) to sum.
 *
 * <p>In incremental mode an exchange reading an input directly needs no communication: every worker sees the
 * input's whole pending change and takes the rows whose key it owns.
 *
 * <p>If the key hash throws for a record (a user key function failing), the record is sent to worker 0: the
 * grouped operator after the exchange calls the same key function on it and fails the step under its own
 * name, as with one worker. Exchange nodes are named {@code exchange:<what>#x<k>} (k-th exchange of the
 * replica) and do not take a node number, so the other operators have the same names as with one worker.
 *
 * <p>The parts are fresh Z-sets each tick; the part {@code [from][to]} is read only by worker {@code to}, which
 * takes ownership of it (it may sum the others into the largest one).
 */
final class ExchangeNode<T> extends Node {
    private final Stream<T> in;
    private final Stream<T> out;
    private final ToIntFunction<? super T> keyHash;
    private final WorkerContext ctx;
    private final WorkerContext.ExchangeHub hub;
    final int exchangeIndex;
    /** Incremental mode, input straight from an input node: take the owned rows of the shared pending change. */
    private final InputNode<T> direct;

    ExchangeNode(String what, Stream<T> in, Stream<T> out, ToIntFunction<? super T> keyHash, WorkerContext ctx,
                 InputNode<T> direct) {
        super("exchange:" + what, List.of(in), out);
        this.in = in;
        this.out = out;
        this.keyHash = keyHash;
        this.ctx = ctx;
        this.exchangeIndex = ctx.exchanges();
        this.hub = ctx.nextHub(what);
        this.direct = direct;
    }

    @Override
    protected void eval() {
        if (direct != null) {
            evalDirect();
            return;
        }
        int n = ctx.workers();
        int me = ctx.index;
        ZSet<T> v = in.value();
        @SuppressWarnings("unchecked")
        ZSet<T>[] parts = new ZSet[n];
        int expected = v.size() / n + 1;
        for (int s = v.nextSlot(0); s >= 0; s = v.nextSlot(s + 1)) {
            T e = v.elementAt(s);
            int to;
            try {
                to = owner(keyHash.applyAsInt(e), n);
            } catch (RuntimeException ex) {
                // the key function is the operator's: let the operator itself fail on this record, so the step
                // fails with the same operator name and cause as with one worker
                to = 0;
            }
            ZSet<T> p = parts[to];
            if (p == null) {
                p = parts[to] = new ZSet<>(expected);
            }
            p.add(e, v.weightAt(s));
        }
        WorkerBarrier barrier = ctx.barrier();
        Object[][] mail = hub.mail[(int) (barrier.generation() & 1)];
        System.arraycopy(parts, 0, mail[me], 0, n);
        barrier.await();
        ZSet<T> result = null;
        int total = 0;
        for (int from = 0; from < n; from++) {
            @SuppressWarnings("unchecked")
            ZSet<T> p = (ZSet<T>) mail[from][me];
            if (p != null) {
                total += p.size();
                if (result == null || p.size() > result.size()) {
                    result = p;
                }
            }
        }
        if (result == null) {
            result = new ZSet<>();
        } else if (total > result.size()) {
            for (int from = 0; from < n; from++) {
                @SuppressWarnings("unchecked")
                ZSet<T> p = (ZSet<T>) mail[from][me];
                if (p != null && p != result) {
                    result.addAll(p);
                }
            }
        }
        out.publish(result);
    }

    /**
     * Right after an input (incremental mode) every worker sees the whole pending change: each takes the rows
     * whose key it owns, with no mailbox and no barrier. Same result as partitioning the input by row and
     * exchanging; O(|change|) key hashes per worker, inserts only for its share.
     */
    private void evalDirect() {
        int n = ctx.workers();
        int me = ctx.index;
        ZSet<T> all = direct.sharedPending();
        ZSet<T> mine = new ZSet<>(all.size() / n + 1);
        for (int s = all.nextSlot(0); s >= 0; s = all.nextSlot(s + 1)) {
            T e = all.elementAt(s);
            int to;
            try {
                to = owner(keyHash.applyAsInt(e), n);
            } catch (RuntimeException ex) {
                to = 0;
            }
            if (to == me) {
                mine.add(e, all.weightAt(s));
            }
        }
        out.publish(mine);
    }

    /** The worker owning a key hash: a murmur3 finalizer spreads the hash, then floorMod. */
    static int owner(int hash, int workers) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, workers);
    }

    @Override
    public boolean isLinear() {
        return true;
    }
}
