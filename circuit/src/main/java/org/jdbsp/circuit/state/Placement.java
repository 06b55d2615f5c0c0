package org.jdbsp.circuit.state;

/**
 * Which of a saved worker's state a replica takes when a checkpoint of N workers is restored onto M: an operator
 * after an exchange keeps the entries whose key the replica now owns (the exchange's rule: the key's hash, mixed,
 * modulo M); state placed anywhere (integrals, views, a broadcast join's large side) goes whole from saved worker
 * {@code w} to replica {@code w mod M}; state every worker holds a copy of (a broadcast join's small side) is taken
 * from saved worker 0. Restoring onto as many workers as were saved, the placement is {@link #whole()}.
 */
public final class Placement {
    private final int replica;
    private final int workers;
    private final int savedWorker;

    private Placement(int replica, int workers, int savedWorker) {
        this.replica = replica;
        this.workers = workers;
        this.savedWorker = savedWorker;
    }

    /** Everything in the file is the replica's (the same worker count). */
    public static final Placement WHOLE = new Placement(-1, -1, -1);

    /** Replica {@code replica} of {@code workers}, reading the file of saved worker {@code savedWorker}. */
    public static Placement of(int replica, int workers, int savedWorker) {
        return new Placement(replica, workers, savedWorker);
    }

    /** True when the file is the replica's own (no re-partitioning). */
    public boolean whole() {
        return workers < 0;
    }

    /** Whether an entry whose key hashes to {@code shardHash} is the replica's. */
    public boolean owns(int shardHash) {
        return whole() || owner(shardHash, workers) == replica;
    }

    /** Whether the state of the file placed by no key is the replica's. */
    public boolean ownsUnkeyed() {
        return whole() || savedWorker % workers == replica;
    }

    /** Whether the file is the copy every replica takes of state all workers held (saved worker 0's). */
    public boolean firstCopy() {
        return whole() || savedWorker == 0;
    }

    /** The worker of {@code workers} owning a key of hash {@code hash}: the exchange's rule. */
    public static int owner(int hash, int workers) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, workers);
    }

    @Override
    public String toString() {
        return whole() ? "whole" : "replica " + replica + " of " + workers + " from saved worker " + savedWorker;
    }
}
