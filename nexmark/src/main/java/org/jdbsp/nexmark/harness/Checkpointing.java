package org.jdbsp.nexmark.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.jdbsp.circuit.CheckpointStore;
import org.jdbsp.circuit.CircuitRuntime;

/**
 * Checkpoints a timed run ({@code --checkpoint-dir}, {@code --checkpoint-every}): after a step, when enough steps
 * or enough step time passed since the last, saves the circuit into the run's own directory (emptied first, so
 * every checkpoint is written afresh) and counts the checkpoints, their time, the longest pause and the size of
 * the last.
 */
final class Checkpointing {
    private final CheckpointStore store;
    private final long everySteps;
    private final long everyNanos;
    private long steps;
    private long sinceLast;
    private long count;
    private long nanos;
    private long maxPause;
    private long lastBytes;

    private Checkpointing(CheckpointStore store, long everySteps, long everyNanos) {
        this.store = store;
        this.everySteps = everySteps;
        this.everyNanos = everyNanos;
    }

    static Checkpointing start(Options o, Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("emptying " + dir, e);
        }
        return new Checkpointing(CheckpointStore.open(dir).keep(2), o.checkpointEverySteps,
                o.checkpointEveryMs * 1_000_000L);
    }

    /** Called after each step that took {@code stepNanos}; returns the nanoseconds spent checkpointing (or 0). */
    long afterStep(CircuitRuntime circuit, long stepNanos) {
        steps++;
        sinceLast += stepNanos;
        boolean due = everySteps > 0 ? steps % everySteps == 0 : sinceLast >= everyNanos;
        if (!due) {
            return 0;
        }
        long t0 = System.nanoTime();
        lastBytes = store.save(circuit).bytes();
        long pause = System.nanoTime() - t0;
        count++;
        nanos += pause;
        maxPause = Math.max(maxPause, pause);
        sinceLast = 0;
        return pause;
    }

    long count() {
        return count;
    }

    double seconds() {
        return nanos / 1e9;
    }

    double maxPauseMs() {
        return maxPause / 1e6;
    }

    long lastBytes() {
        return lastBytes;
    }
}
