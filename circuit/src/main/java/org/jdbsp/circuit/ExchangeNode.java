package org.jdbsp.circuit;

import java.util.List;
import java.util.function.ToIntFunction;
import org.jdbsp.zset.ZSet;

/**
 * Moves every record to the worker that owns its key: appends each row of this worker's input, with its cached
 * hash code and weight, to the batch for the worker owning {@code floorMod(mix(keyHash(x)), workers)}, waits at
 * the step barrier for every worker to post, then consolidates the batches addressed to this worker into one
 * Z-set (presized, no {@code hashCode} calls: the hashes travel with the rows). Linear (partitioning and
 * summing commute with addition) and stateless, so it runs the same in both modes and inside recursion. Cost:
 * O(|input|) key hashes and appends, plus O(rows received) inserts; the batches are reused from tick to tick.
 * When a worker keeps all its rows and receives none (its input was already partitioned by this key), it
 * publishes its input as is, with no inserts.
 *
 * <p>Without a key hash ({@link CircuitBuilder#broadcast}) every row goes to every worker.
 *
 * <p>In incremental mode an exchange reading an input directly needs no communication: every worker reads the
 * input's whole pending change and takes the rows whose key it owns. The same holds when elementwise operators
 * (map, filter, flatMap) stand between the input and the exchange: every worker runs them on the whole change
 * ({@code chain}, built by {@link CircuitBuilder}) and keeps the results whose key it owns, or all of them for
 * a broadcast. That trades running those operators on n times as many rows for no barrier, no copying between
 * workers, and no hashing of the input rows themselves.
 *
 * <p>If the key hash throws for a record (a user key function failing), the record is sent to worker 0: the
 * grouped operator after the exchange calls the same key function on it and fails the step under its own
 * name, as with one worker. Exchange nodes are named {@code exchange:<what>#x<k>} (k-th exchange of the
 * replica) and do not take a node number, so the other operators have the same names as with one worker.
 *
 * <p>The batches are double-buffered by barrier generation: batch {@code [parity][from][to]} is filled by
 * worker {@code from} before a barrier and read and cleared by worker {@code to} right after it, before
 * {@code to} reaches another barrier, which is what {@code from} must pass before it fills that parity again.
 */
final class ExchangeNode<T> extends Node {
    private final Stream<T> in;
    private final Stream<T> out;
    private final ToIntFunction<? super T> keyHash;
    private final WorkerContext ctx;
    private final WorkerContext.ExchangeHub hub;
    final int exchangeIndex;
    /** Incremental mode, input straight from an input node: take the owned rows of the shared pending change. */
    private final InputNode<?> direct;
    /** With {@code direct}: the elementwise operators between the input and this exchange (may be empty). */
    private final Stage chain;
    private final OwnedRows owned;

    /**
     * {@code in} is the stream to move or, with {@code direct}, that input's stream, which {@code chain} (may be
     * empty) turns into what the exchange moves.
     */
    ExchangeNode(String what, Stream<?> in, Stream<T> out, ToIntFunction<? super T> keyHash, WorkerContext ctx,
                 InputNode<?> direct, List<ElementwiseNode<?, ?>> chain) {
        super("exchange:" + what, List.of(in), out);
        @SuppressWarnings("unchecked")
        Stream<T> moved = (Stream<T>) in;
        this.in = moved;
        this.out = out;
        this.keyHash = keyHash;
        this.ctx = ctx;
        this.exchangeIndex = ctx.exchanges();
        this.hub = ctx.nextHub(what);
        this.direct = direct;
        this.owned = new OwnedRows();
        if (chain.isEmpty()) {
            this.chain = null;
        } else {
            Stage st = owned;
            for (int i = chain.size() - 1; i >= 0; i--) {
                st = chain.get(i).stage(st);
            }
            this.chain = st;
        }
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
        WorkerBarrier barrier = ctx.barrier();
        WorkerContext.Batch[][] mail = hub.mail[(int) (barrier.generation() & 1)];
        WorkerContext.Batch[] outbox = mail[me];
        if (keyHash == null) {
            for (int s = v.nextSlot(0); s >= 0; s = v.nextSlot(s + 1)) {
                T e = v.elementAt(s);
                int h = v.hashAt(s);
                long w = v.weightAt(s);
                for (int to = 0; to < n; to++) {
                    outbox[to].append(e, h, w);
                }
            }
        } else {
            for (int s = v.nextSlot(0); s >= 0; s = v.nextSlot(s + 1)) {
                T e = v.elementAt(s);
                outbox[ownerOf(e, n)].append(e, v.hashAt(s), v.weightAt(s));
            }
        }
        barrier.await(me);
        int total = 0;
        for (int from = 0; from < n; from++) {
            total += mail[from][me].size;
        }
        if (keyHash != null && total == v.size() && mail[me][me].size == total) {
            // every row of this worker's input is its own and nothing came in (the input was already
            // partitioned by this key): the input is the output, no Z-set is built
            mail[me][me].clear();
            out.publish(v);
            return;
        }
        ZSet<T> result = new ZSet<>(total);
        for (int from = 0; from < n; from++) {
            WorkerContext.Batch b = mail[from][me];
            Object[] rows = b.rows;
            int[] hashes = b.hashes;
            long[] weights = b.weights;
            for (int i = 0, size = b.size; i < size; i++) {
                @SuppressWarnings("unchecked")
                T e = (T) rows[i];
                result.addHashed(e, hashes[i], weights[i]);
            }
            // read before this worker's next barrier: the sender writes this parity again only two barriers on
            b.clear();
        }
        out.publish(result);
    }

    /**
     * Right after an input (incremental mode) every worker sees the whole pending change: each runs every entry
     * through the chain (if any) and keeps the rows whose key it owns (all, for a broadcast), with no mailbox
     * and no barrier. Same result as partitioning the input by row and exchanging; O(|change|) chain
     * applications and key hashes per worker, inserts only for its share. An insert-only log goes through entry
     * by entry: a row pushed twice goes through twice, which a linear chain turns into the same result as once
     * with weight 2.
     */
    private void evalDirect() {
        int n = ctx.workers();
        @SuppressWarnings("unchecked")
        PendingLog<Object> log = (PendingLog<Object>) direct.sharedLog();
        ZSet<Object> all = log.consolidated();
        if (chain != null && all == null && log.mayCancel()) {
            // a row inserted and deleted in the same step is not in the change: the chain's functions must not
            // see it, so this worker consolidates the whole log first (O(|log|) row hashes; insert-only logs
            // skip this and their rows are never hashed)
            all = log.toZSet();
        }
        int rows = all != null ? all.size() : log.size();
        ZSet<T> mine = new ZSet<>(keyHash == null ? rows : rows / n + 1);
        owned.start(mine, keyHash == null ? -1 : ctx.index, n);
        Stage first = chain != null ? chain : owned;
        try {
            if (all != null) {
                for (int s = all.nextSlot(0); s >= 0; s = all.nextSlot(s + 1)) {
                    first.accept(all.elementAt(s), all.weightAt(s));
                }
            } else {
                for (int i = 0, size = log.size(); i < size; i++) {
                    first.accept(log.rowAt(i), log.weightAt(i));
                }
            }
        } finally {
            owned.start(null, -1, n);
        }
        out.publish(mine);
    }

    /** The chain's last stage: adds the rows this worker owns ({@code me < 0}: every row) to this tick's share. */
    private final class OwnedRows implements Stage {
        private ZSet<T> target;
        private int me;
        private int n;

        void start(ZSet<T> target, int me, int n) {
            this.target = target;
            this.me = me;
            this.n = n;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void accept(Object element, long weight) {
            T e = (T) element;
            if (me < 0 || ownerOf(e, n) == me) {
                target.add(e, weight);
            }
        }
    }

    /** The worker owning {@code e}'s key; worker 0 if the key function throws (see the class comment). */
    private int ownerOf(T e, int n) {
        try {
            return owner(keyHash.applyAsInt(e), n);
        } catch (RuntimeException ex) {
            return 0;
        }
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

    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
