package org.jdbsp.nexmark.harness;

/**
 * The figures of one query's run; see {@link Options#help()} for how each is measured.
 *
 * @param engine {@code circuit} (a hand-wired circuit) or {@code sql} (the query's SQL text)
 * @param workers the workers (threads) per circuit
 * @param round which of the query's timed runs on this worker count this is ({@code --rounds}; from 1)
 * @param cores the cores used, {@code min(workers, available cores)}: the divisor of
 *     {@code eventsPerSecondPerCore}
 * @param cpuSeconds CPU time of the threads that ran the timed steps: the calling thread's during push + step,
 *     plus the worker threads' during the same windows (not between steps, where they wait for the next batch)
 *     ({@code NaN} if the JVM cannot measure thread CPU time). Excludes the JVM's GC and JIT threads.
 * @param callerCpuSeconds the calling thread's CPU time during push + step (with one worker it computes
 *     everything; with several it pushes and runs worker 0 while the worker threads run the others)
 * @param maxWorkerCpuSeconds the busiest worker thread's CPU time during push + step (0 with one worker, which
 *     has no worker threads); {@code callerCpuSeconds + maxWorkerCpuSeconds} estimates the steps' critical path
 *     on idle cores (pushes run before the workers start a step)
 * @param warmupEvents events fed to each warm-up round's throwaway circuit
 * @param warmupRounds warm-up rounds run before the timed run: until one found the JIT quiet, or
 *     {@code --warmup-rounds} of them ({@link WarmUp}); 0 without warm-up or when the query failed
 * @param gcSeconds time the garbage collectors reported during the timed run (pauses and concurrent work)
 * @param jitSeconds time the JIT compilers spent compiling during the timed run, summed over compiler threads
 *     ({@code NaN} if the JVM does not measure it): CPU the compiler took, from the workers when every core
 *     runs one
 * @param allocatedBytesPerEvent bytes allocated by the threads that ran the timed steps (as {@code cpuSeconds}),
 *     per event: the garbage the query makes, which the collectors must handle
 * @param batch       events per step; with random sizes ({@code --batch LO-HI}) the largest
 * @param batchMin    the smallest batch: {@code batch} unless the sizes were random
 * @param pushSeconds the part of {@code seconds} spent pushing the batches into the inputs, on the calling thread
 *     before each step (with one worker it hashes every event into the input's Z-set; with several it appends
 *     to a log, and the workers hash in the step)
 * @param sourceSeconds time spent generating the run's events chunk by chunk between steps (outside
 *     {@code seconds}); 0 when the events were held in memory, generated or read before the run
 * @param prepareSeconds time spent between steps turning each batch's events into the engine's input rows
 *     (outside {@code seconds}, as generating them is): the SQL tables' rows for {@code --engine sql}, 0 for
 *     the circuits, whose inputs take the events themselves
 * @param barrierWaitSeconds per worker (index = worker; worker 0 is the calling thread), time spent waiting at
 *     barriers for the other workers during the timed steps: load imbalance (empty with one worker)
 * @param startLagSeconds the worker threads' summed delay from the release of a step to their starting it
 *     (thread wake-up; 0 with one worker)
 * @param handBackSeconds the calling thread's wait, after its own part of each step, for the worker threads
 *     to finish theirs (0 with one worker)
 * @param bytesPerStateRow {@code retainedHeapBytes / stateRows}: what a row of operator state costs in the heap
 *     (the output keeps no view unless {@code --check} or {@code --dump-output} is given); NaN without state
 * @param viewRows the rows of the final view, or {@code null} when the output kept no view (neither
 *     {@code --check} nor {@code --dump-output} was given: the measured query publishes its changes only)
 * @param checked {@code null} when {@code --check} was not given, else whether the final view equals the
 *     reference
 * @param error the failure that stopped this query's run, or {@code null}
 */
public record QueryResult(
        String query,
        String description,
        String engine,
        String mode,
        long events,
        int batch,
        int batchMin,
        long steps,
        int workers,
        int round,
        int cores,
        long warmupEvents,
        int warmupRounds,
        double seconds,
        double eventsPerSecond,
        double eventsPerSecondPerCore,
        double stepLatencyP50Ms,
        double stepLatencyP99Ms,
        double stepLatencyMaxMs,
        double cpuSeconds,
        double callerCpuSeconds,
        double maxWorkerCpuSeconds,
        double gcSeconds,
        double jitSeconds,
        double allocatedBytesPerEvent,
        double pushSeconds,
        double sourceSeconds,
        double prepareSeconds,
        double[] barrierWaitSeconds,
        double startLagSeconds,
        double handBackSeconds,
        long peakHeapBytes,
        long retainedHeapBytes,
        long stateRows,
        double bytesPerStateRow,
        long outputChanges,
        Long viewRows,
        Boolean checked,
        long differingRows,
        String error,
        long checkpoints,
        double checkpointSeconds,
        double checkpointMaxPauseMs,
        long checkpointBytes) {

    /** Whether this run failed or its check found a difference. */
    public boolean failed() {
        return error != null || Boolean.FALSE.equals(checked);
    }
}
