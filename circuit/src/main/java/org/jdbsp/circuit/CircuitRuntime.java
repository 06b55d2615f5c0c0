package org.jdbsp.circuit;

import java.util.List;

/**
 * A runnable circuit, run by one thread ({@link Circuit}) or by several workers ({@link WorkerCircuit}): the
 * same calls drive either. {@link #step()} runs one tick and returns when it is complete everywhere; a failed
 * step throws {@link OperatorFailedException} naming the operator and leaves state and pending inputs as they
 * were.
 */
public interface CircuitRuntime extends AutoCloseable {
    /** The input declared under {@code name}. */
    <T> Input<T> input(String name);

    /** The output declared under {@code name}. */
    <T> Output<T> output(String name);

    /**
     * Runs one tick.
     *
     * @throws OperatorFailedException if an operator failed; the circuit is unchanged
     * @throws IllegalStateException   if the circuit is closed
     */
    void step();

    /** Number of completed steps. */
    long stepCount();

    /** Rows of state kept by all operators (of all workers). */
    long stateRows();

    /** The operators in run order (of one replica, for a multi-worker circuit). */
    List<String> schedule();

    /** Number of workers running the circuit (1 for a plain circuit). */
    int workers();

    /** Releases the circuit (and its threads); later steps throw. Idempotent. */
    @Override
    void close();

    boolean isClosed();
}
