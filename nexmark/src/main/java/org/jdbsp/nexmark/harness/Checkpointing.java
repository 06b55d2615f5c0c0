package org.jdbsp.nexmark.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.jdbsp.circuit.CheckpointStore;

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

    private final String name;
    private final java.io.PrintStream log;

    private Checkpointing(CheckpointStore store, long everySteps, long everyNanos, String name,
                          java.io.PrintStream log) {
        this.name = name;
        this.log = log;
        this.store = store;
        this.everySteps = everySteps;
        this.everyNanos = everyNanos;
    }

    /**
     * Checkpoints into {@code dir} (emptied first) for the run named {@code name}; one line per checkpoint to
     * {@code log}.
     */
    static Checkpointing start(Options o, Path dir, String name, java.io.PrintStream log) {
        empty(dir);
        return new Checkpointing(CheckpointStore.open(dir).keep(2), o.checkpointEverySteps,
                o.checkpointEveryMs * 1_000_000L, name, log);
    }

    /** Checkpoints of a journaled run: its engine writes them beside its journal. */
    static Checkpointing journaled(Options o, String name, java.io.PrintStream log) {
        return new Checkpointing(null, o.checkpointEverySteps, o.checkpointEveryMs * 1_000_000L, name, log);
    }

    /** Deletes {@code dir} and what it holds, if it exists: each run writes its state afresh. */
    static void empty(Path dir) {
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
    }

    /** Called after each step that took {@code stepNanos}; returns the nanoseconds spent checkpointing (or 0). */
    long afterStep(QueryEngine engine, long stepNanos) {
        steps++;
        sinceLast += stepNanos;
        boolean due = everySteps > 0 ? steps % everySteps == 0 : sinceLast >= everyNanos;
        if (!due) {
            return 0;
        }
        long t0 = System.nanoTime();
        CheckpointStore.Saved saved = engine.checkpoint(store);
        lastBytes = saved.bytes();
        long pause = System.nanoTime() - t0;
        log.printf("nexmark: %s: checkpoint after step %,d: %,d state rows, %.1f MB in %.1f ms (%.0f MB/s)%n", name,
                saved.step(), engine.stateRows(), lastBytes / 1e6, pause / 1e6, lastBytes / 1e6 / (pause / 1e9));
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
