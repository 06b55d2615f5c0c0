package org.jdbsp.sql;

import org.jdbsp.circuit.Mode;

import java.util.Objects;

/**
 * How a compiled program runs: incrementally (the default) or naively (recomputing every view from the tables
 * at each step, the reference), on one worker or several.
 *
 * @param mode    incremental or naive
 * @param workers the number of worker threads, at least 1
 */
public record SqlOptions(Mode mode, int workers) {
    public SqlOptions {
        Objects.requireNonNull(mode, "mode");
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
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
        return new SqlOptions(mode, n);
    }
}
