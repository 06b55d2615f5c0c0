package org.jdbsp.circuit;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A reusable barrier for the workers of a multi-worker circuit, with failure propagation and an all-reduce OR.
 *
 * <p>Every {@link #await()} (or {@link #awaitOr}) is one arrival of the current <em>generation</em>; the
 * generation completes when all {@link #parties()} workers have arrived, and each then returns. Waiting
 * threads spin for at most 50 microseconds, then park on a condition. {@link #fail()} wakes every waiter,
 * which then throws {@link PeerFailedException}, and makes every later arrival throw at once, until
 * {@link #reset()}: a worker that fails therefore never leaves the others blocked. The caller resets the
 * barrier before each step, when no worker is inside it.
 *
 * <p>Because a generation cannot complete without every worker, {@link #generation()} read by a worker just
 * before it arrives is the number of the generation it arrives in: the same in every worker (exchanges use its
 * parity to double-buffer their mailboxes).
 */
public final class WorkerBarrier {
    private final int parties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition tripped = lock.newCondition();
    /** How long an arrival spins before it parks, waiting for the others. */
    private static final long SPIN_NANOS = 50_000;

    private volatile long generation;
    private int arrived;
    private boolean orAccumulator;
    private boolean lastOr;
    private volatile boolean failed;
    /**
     * Per party, nanoseconds spent waiting for the others (arrivals that name their party); each party writes
     * only its own slot, readers synchronise with it through the step's hand-back.
     */
    private final long[] waitNanos;

    /** A barrier for {@code parties >= 1} workers. */
    public WorkerBarrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1: " + parties);
        }
        this.parties = parties;
        this.waitNanos = new long[parties];
    }

    public int parties() {
        return parties;
    }

    /** The number of the generation now forming (completed generations so far). */
    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Arrives and waits until every worker has arrived.
     *
     * @throws PeerFailedException if the barrier failed before or while waiting
     */
    public void await() {
        awaitOr(false);
    }

    /**
     * Arrives with {@code mine} and waits for every worker; returns the OR of all the workers' values for this
     * generation (an all-reduce), the same in every worker.
     *
     * @throws PeerFailedException if the barrier failed before or while waiting
     */
    public boolean awaitOr(boolean mine) {
        return awaitOr(-1, mine);
    }

    /** {@link #await()} by worker {@code party}, whose waiting time is added to {@link #waitNanos(int)}. */
    public void await(int party) {
        awaitOr(party, false);
    }

    /**
     * Nanoseconds worker {@code party} has spent waiting in this barrier (arrivals that named it), since the
     * barrier was made: time it was idle because another worker had more to do (or was late to start). Read it
     * from a thread that has synchronised with the party since (the runtime's caller, between steps).
     */
    public long waitNanos(int party) {
        return waitNanos[party];
    }

    /** {@link #awaitOr(boolean)} by worker {@code party} ({@code -1}: not accounted). */
    public boolean awaitOr(int party, boolean mine) {
        long gen;
        lock.lock();
        try {
            if (failed) {
                throw new PeerFailedException();
            }
            gen = generation;
            orAccumulator |= mine;
            if (++arrived == parties) {
                lastOr = orAccumulator;
                orAccumulator = false;
                arrived = 0;
                generation = gen + 1;
                tripped.signalAll();
                return lastOr;
            }
        } finally {
            lock.unlock();
        }
        // the others are usually close behind: a short spin saves parking and waking this thread
        long start = System.nanoTime();
        long deadline = start + SPIN_NANOS;
        while (generation == gen && !failed && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        if (generation != gen) {
            // tripped while spinning: lastOr was written before the generation (a volatile write) moved on, and
            // the next generation cannot complete without this thread, so it is still this generation's. Not
            // taking the lock here matters: the thread that tripped may still hold it, and a contended lock
            // parks this thread
            charge(party, start);
            return lastOr;
        }
        lock.lock();
        try {
            while (generation == gen) {
                if (failed) {
                    throw new PeerFailedException();
                }
                try {
                    tripped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failLocked();
                    throw new PeerFailedException();
                }
            }
            charge(party, start);
            // the next generation cannot complete without this thread, so lastOr is still this generation's
            return lastOr;
        } finally {
            lock.unlock();
        }
    }

    private void charge(int party, long waitingSince) {
        if (party >= 0) {
            waitNanos[party] += System.nanoTime() - waitingSince;
        }
    }

    /** Marks the barrier failed and wakes every waiter; they (and later arrivals) throw {@link PeerFailedException}. */
    public void fail() {
        lock.lock();
        try {
            failLocked();
        } finally {
            lock.unlock();
        }
    }

    private void failLocked() {
        failed = true;
        tripped.signalAll();
    }

    public boolean isFailed() {
        return failed;
    }

    /** Clears a failure and any partial arrivals; call only when no worker is inside the barrier. */
    public void reset() {
        lock.lock();
        try {
            failed = false;
            if (arrived != 0) {
                arrived = 0;
                generation++;
            }
            orAccumulator = false;
        } finally {
            lock.unlock();
        }
    }
}
