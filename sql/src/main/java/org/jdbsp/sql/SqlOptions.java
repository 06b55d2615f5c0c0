package org.jdbsp.sql;

import org.jdbsp.circuit.Mode;

import java.util.Objects;

/**
 * How a compiled program runs: incrementally (the default) or naively (recomputing every view from the tables
 * at each step, the reference), on one worker or several, with views that keep their contents (the default) or
 * only publish each step's changes.
 *
 * @param mode             incremental or naive
 * @param workers          the number of worker threads, at least 1
 * @param keepViewContents whether each view keeps its contents, readable with {@code contents()} and by queries;
 *                         without, a view costs no memory for its rows and publishes only its changes
 */
public record SqlOptions(Mode mode, int workers, boolean keepViewContents) {
    public SqlOptions {
        Objects.requireNonNull(mode, "mode");
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }

    /** {@code mode} on {@code workers} workers, views keeping their contents. */
    public SqlOptions(Mode mode, int workers) {
        this(mode, workers, true);
    }

    /** The same, with views that keep their contents or ({@code false}) only publish their changes. */
    public SqlOptions withViewContents(boolean keep) {
        return new SqlOptions(mode, workers, keep);
    }

    /** Incremental, one worker. */
    public static SqlOptions incremental() {
        return new SqlOptions(Mode.INCREMENTAL, 1);
    }

    /** Naive recomputation, one worker. */
    public static SqlOptions naive() {
        return new SqlOptions(Mode.NAIVE, 1);
    }

    /** The same mode on {@code n} workers. */
    public SqlOptions withWorkers(int n) {
        return new SqlOptions(mode, n, keepViewContents);
    }
}
