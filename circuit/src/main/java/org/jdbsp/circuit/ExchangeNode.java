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
 * <p>In incremental mode an exchange reading an input directly skips the input's own share: every worker sees
 * the input's whole pending change, and elementwise operators (map, filter, flatMap) between the input and the
 * exchange run inside it ({@code chain}, built by {@link CircuitBuilder}). A short change, or any change with
 * no chain, each worker runs through the chain whole, keeping the results whose key it owns (all of them, for
 * a broadcast): no barrier and no copying, for n times the chain's work. From
 * {@link InputNode#SHARED_HASHING_FROM} entries, with a chain, the workers split it by position instead, each
 * running its part through the chain and posting the results to their owners, with one barrier. Either way
 * each pass through the chain begins with {@link ElementwiseNode#beginPass} and ends with
 * {@link ElementwiseNode#endPass}, so an operator with per-pass state (a local pre-filter or combiner) starts
 * afresh on every pass, the whole change or one worker's part of it, and pushes on what it held back.
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
    /**
     * With {@code direct}: the elementwise operators between the input and this exchange (may be none), ending
     * in {@link #owned}.
     */
    private final Pipeline chain;
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
        this.chain = new Pipeline(chain, owned);
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
        int total = inboxSize(mail, me, n);
        if (keyHash != null && total == v.size() && mail[me][me].size == total) {
            // every row of this worker's input is its own and nothing came in (the input was already
            // partitioned by this key): the input is the output, no Z-set is built
            mail[me][me].clear();
            out.publish(v);
            return;
        }
        out.publish(receive(mail, me, n, total));
    }

    /** Rows in the batches addressed to worker {@code me}. */
    private static int inboxSize(WorkerContext.Batch[][] mail, int me, int n) {
        int total = 0;
        for (int from = 0; from < n; from++) {
            total += mail[from][me].size;
        }
        return total;
    }

    /**
     * Consolidates the batches addressed to worker {@code me} ({@code total} rows in all) into one Z-set, with
     * the hashes that travelled with the rows, and clears them: this must run right after the barrier, before
     * this worker's next one (the senders fill this parity again only two barriers on).
     */
    private ZSet<T> receive(WorkerContext.Batch[][] mail, int me, int n, int total) {
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
            b.clear();
        }
        return result;
    }

    /**
     * Right after an input (incremental mode) every worker sees the whole pending change. With a chain, a log of
     * at least {@link InputNode#SHARED_HASHING_FROM} entries the workers split by position ({@link #evalSplit}).
     * Otherwise each worker runs every entry through the chain (if any) and keeps the rows whose key it owns
     * (all, for a broadcast), with no mailbox and no barrier: O(|change|) chain applications and key hashes per
     * worker, inserts only for its share. Without a chain that duplicated work is only the key hash, and the
     * barrier-free path measured no slower than the split on 2 workers (q18, ten alternating rounds: 0.342
     * against 0.364 s); for a short change it costs less than waiting for the others. Same result as
     * partitioning the input by row and exchanging. An insert-only log goes through entry by entry: a row pushed
     * twice goes through twice, which a linear chain turns into the same result as once with weight 2.
     */
    private void evalDirect() {
        int n = ctx.workers();
        @SuppressWarnings("unchecked")
        PendingLog<Object> log = (PendingLog<Object>) direct.sharedLog();
        ZSet<Object> all = log.consolidated();
        if (!chain.isEmpty() && all == null) {
            if (log.mayCancel()) {
                // a row inserted and deleted in the same step is not in the change: the chain's functions must
                // not see it, so this worker consolidates the whole log first (O(|log|) row hashes; insert-only
                // logs skip this and their rows are never hashed)
                all = log.toZSet();
            } else if (log.size() >= InputNode.SHARED_HASHING_FROM) {
                evalSplit(log);
                return;
            }
        }
        int rows = all != null ? all.size() : log.size();
        ZSet<T> mine = new ZSet<>(keyHash == null ? rows : rows / n + 1);
        owned.keep(mine, keyHash == null ? -1 : ctx.index, n);
        try {
            chain.begin();
            Stage first = chain.first();
            if (all != null) {
                for (int s = all.nextSlot(0); s >= 0; s = all.nextSlot(s + 1)) {
                    first.accept(all.elementAt(s), all.weightAt(s));
                }
            } else {
                for (int i = 0, size = log.size(); i < size; i++) {
                    first.accept(log.rowAt(i), log.weightAt(i));
                }
            }
            chain.end();
        } finally {
            owned.stop();
        }
        out.publish(mine);
    }

    /**
     * A long log, split by position: each worker runs its n-th of the entries through the chain, hashes the
     * results and their keys, and posts each to its owner (every worker, for a broadcast); after one barrier
     * each consolidates what it was sent. Every entry is read, mapped and hashed once in all, and only the
     * inserts follow the keys' skew: O(|log| / n) chain applications and hashes plus O(rows received) inserts
     * per worker, one barrier. Only an insert-only log with a chain comes here: the chain must not see rows
     * that cancel, and with no chain the barrier-free path is no slower.
     */
    private void evalSplit(PendingLog<Object> log) {
        int n = ctx.workers();
        int me = ctx.index;
        int size = log.size();
        int from = (int) ((long) size * me / n);
        int to = (int) ((long) size * (me + 1) / n);
        WorkerBarrier barrier = ctx.barrier();
        WorkerContext.Batch[][] mail = hub.mail[(int) (barrier.generation() & 1)];
        owned.send(mail[me], n);
        try {
            chain.begin();
            Stage first = chain.first();
            for (int i = from; i < to; i++) {
                first.accept(log.rowAt(i), log.weightAt(i));
            }
            chain.end();
        } finally {
            owned.stop();
        }
        // a worker that threw above fails this barrier, and the step; the runtime then empties the batches
        barrier.await(me);
        out.publish(receive(mail, me, n, inboxSize(mail, me, n)));
    }

    /**
     * The chain's last stage. Keeping: adds the rows this worker owns ({@code me < 0}: every row) to this tick's
     * share. Sending: posts every row, with its hash code, to the batch of the worker owning its key (every
     * worker's, for a broadcast).
     */
    private final class OwnedRows implements Stage {
        private ZSet<T> target;
        private WorkerContext.Batch[] outbox;
        private int me;
        private int n;

        void keep(ZSet<T> target, int me, int n) {
            this.target = target;
            this.me = me;
            this.n = n;
        }

        void send(WorkerContext.Batch[] outbox, int n) {
            this.outbox = outbox;
            this.n = n;
        }

        void stop() {
            target = null;
            outbox = null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void accept(Object element, long weight) {
            T e = (T) element;
            if (outbox != null) {
                int h = e.hashCode();
                if (keyHash == null) {
                    for (int to = 0; to < n; to++) {
                        outbox[to].append(e, h, weight);
                    }
                } else {
                    outbox[ownerOf(e, n)].append(e, h, weight);
                }
            } else if (me < 0 || ownerOf(e, n) == me) {
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
        return org.jdbsp.circuit.state.Placement.owner(hash, workers);
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
