package org.jdbsp.nexmark.harness;

import org.jdbsp.circuit.OperatorProfile;
import org.jdbsp.circuit.WorkerTimings;
import org.jdbsp.nexmark.model.EventsByType;
import org.jdbsp.zset.ZSet;

/**
 * What the harness needs from a running query: push a batch of events, run a step, read the output and the
 * state size. {@link Engines#create} makes one for a query, a mode and a number of workers.
 */
public interface QueryEngine extends AutoCloseable {
    /**
     * Turns the events at positions {@code [off, off + len)} into the engine's input rows ahead of
     * {@link #push} with the same arguments; the harness times it apart from the query, as it times generating
     * the events. Does nothing for an engine whose inputs take the events themselves (the circuits).
     */
    default void prepare(EventsByType events, int off, int len) {
    }

    /**
     * Inserts the events at positions {@code [off, off + len)}; they enter the circuit at the next {@link #step()}.
     * Rows {@link #prepare}d for exactly these events are inserted as they are; other events are prepared first.
     */
    void push(EventsByType events, int off, int len);

    /** Runs one tick. */
    void step();

    /** Rows changed in the output at the last step. */
    int outputDeltaSize();

    /** The output's current view (a copy). */
    ZSet<?> view();

    /** Rows held in operator state (summed over workers). */
    long stateRows();

    /** Where the workers' time went so far, or {@code null} with one worker. */
    WorkerTimings timings();

    /** Starts measuring each operator's steps afresh ({@link #profile()}). */
    void startProfile();

    /** Where the steps went per operator since {@link #startProfile()}. */
    OperatorProfile profile();

    /** Saves the query's state after the last step into {@code store} ({@code --checkpoint-dir}). */
    org.jdbsp.circuit.CheckpointStore.Saved checkpoint(org.jdbsp.circuit.CheckpointStore store);

    /** Workers (threads) this engine computes on. */
    int workers();

    @Override
    void close();
}
