package org.jdbsp.circuit;

import java.util.Optional;
import org.jdbsp.zset.ZSet;

/**
 * Feeds one input of a running circuit, single-worker or multi-worker: an {@link InputHandle}, or a
 * {@link KeyedInputHandle} for a keyed input. Changes pushed between two steps are consolidated and enter at the
 * next step; if a step fails they stay pending. Every call checks before it changes anything; once the circuit
 * is closed every change throws {@link IllegalStateException} naming the input.
 *
 * @param <T> the row type
 */
public interface Input<T> {
    String name();

    /** The class rows are checked against, if the input was declared with one or looked up by one. */
    Optional<Class<T>> rowType();

    /** Adds one copy of {@code row}. */
    void insert(T row);

    /** Removes one copy of {@code row}. */
    void delete(T row);

    /** Replaces {@code oldRow} with {@code newRow} (a delete plus an insert, applied together). */
    void update(T oldRow, T newRow);

    /** Adds {@code weight} copies of {@code row} (negative: deletes). */
    void push(T row, long weight);

    /** Adds a whole Z-set of changes, atomically. */
    void push(ZSet<? extends T> changes);

    /**
     * {@link #push(ZSet)} that may take the Z-set over instead of copying it (a plain single-worker input does,
     * when nothing else is pending). The caller must not read or change {@code changes} afterwards.
     */
    default void handOver(ZSet<T> changes) {
        push(changes);
    }

    /**
     * Adds one copy of each of {@code rows[off .. off + len)}, atomically: a null row (named by its index) or an
     * overflowing weight throws and nothing is added. Cost: as {@code len} inserts with one worker; with several,
     * one array copy (the rows are not read until the step).
     */
    void insertAll(T[] rows, int off, int len);

    /** The changes waiting for the next step (a copy). */
    ZSet<T> pending();

    /** Drops the changes waiting for the next step. */
    void clearPending();
}
