package org.jdbsp.circuit;

/**
 * Where the workers of a {@link WorkerCircuit} spent the wall time of its steps so far, cumulative, in
 * nanoseconds, indexed by worker (worker 0 is the caller's thread). Measured with two or three
 * {@link System#nanoTime()} calls per worker and barrier per step; all zero with one worker, which steps a plain
 * circuit.
 *
 * <ul>
 *   <li>{@code startLagNanos[w]}: from the caller releasing the step to worker {@code w} starting it (thread
 *       wake-up latency; about zero for worker 0).</li>
 *   <li>{@code tickNanos[w]}: from worker {@code w} starting the step to finishing its commit, barrier waits
 *       included.</li>
 *   <li>{@code barrierWaitNanos[w]}: the part of {@code tickNanos[w]} worker {@code w} spent waiting at barriers
 *       for the other workers (load imbalance between them, or a late start).</li>
 *   <li>{@code handBackNanos}: the caller's wait, after its own tick, for the other workers to finish theirs.</li>
 * </ul>
 * {@code tickNanos[w] - barrierWaitNanos[w]} is the time worker {@code w} was doing its share of the work.
 *
 * @param steps the steps these figures cover
 */
public record WorkerTimings(long steps, long[] startLagNanos, long[] tickNanos, long[] barrierWaitNanos,
                            long handBackNanos) {
    /** The number of workers. */
    public int workers() {
        return tickNanos.length;
    }

    /** The figures accumulated since {@code earlier} (same circuit, taken before this one). */
    public WorkerTimings since(WorkerTimings earlier) {
        int n = workers();
        long[] lag = new long[n];
        long[] tick = new long[n];
        long[] wait = new long[n];
        for (int w = 0; w < n; w++) {
            lag[w] = startLagNanos[w] - earlier.startLagNanos[w];
            tick[w] = tickNanos[w] - earlier.tickNanos[w];
            wait[w] = barrierWaitNanos[w] - earlier.barrierWaitNanos[w];
        }
        return new WorkerTimings(steps - earlier.steps, lag, tick, wait, handBackNanos - earlier.handBackNanos);
    }

    @Override
    public String toString() {
        return "WorkerTimings[steps=" + steps + ", startLagNanos=" + java.util.Arrays.toString(startLagNanos)
                + ", tickNanos=" + java.util.Arrays.toString(tickNanos) + ", barrierWaitNanos="
                + java.util.Arrays.toString(barrierWaitNanos) + ", handBackNanos=" + handBackNanos + "]";
    }
}
