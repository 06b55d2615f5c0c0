package org.jdbsp.circuit;

import java.util.List;

/**
 * A runnable circuit, run by one thread ({@link Circuit}) or by several workers ({@link WorkerCircuit}): the
 * same calls drive either. {@link #step()} runs one tick and returns when it is complete everywhere; a failed
 * step throws {@link OperatorFailedException} naming the operator and leaves state and pending inputs as they
 * were.
 */
public interface CircuitRuntime extends AutoCloseable {
    /**
     * The input declared under {@code name}, rows of an unknown type; to push, use {@link #input(String, Class)}.
     *
     * @throws IllegalArgumentException if there is no such input
     */
    Input<?> input(String name);

    /**
     * The input declared under {@code name}, taking rows of {@code rowType}: exactly its declared row type, or
     * any if it has none (then each row is checked as it is pushed or read).
     *
     * @throws IllegalArgumentException if there is no such input or it was declared with another row type
     */
    <T> Input<T> input(String name, Class<T> rowType);

    /**
     * The keyed input declared under {@code name}, keys checked against {@code keyType}, rows as
     * {@link #input(String, Class)}.
     *
     * @throws IllegalArgumentException if there is no such input, it is not keyed, or has another row type
     */
    <K, T> KeyedInputHandle<K, T> keyedInput(String name, Class<K> keyType, Class<T> rowType);

    /**
     * The output declared under {@code name}, rows of an unknown type; to read rows of a type, use
     * {@link #output(String, Class)}.
     *
     * @throws IllegalArgumentException if there is no such output
     */
    Output<?> output(String name);

    /**
     * The output declared under {@code name}, read as rows of {@code rowType}: its declared row type or a
     * supertype, or any if it has none (then each row read is checked).
     *
     * @throws IllegalArgumentException if there is no such output or its declared type does not fit
     */
    <T> Output<T> output(String name, Class<T> rowType);

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

    /**
     * Switches per-operator profiling on (starting afresh) or off. While on, every step measures each operator's
     * eval and commit time and the bytes it allocates (two clock and two counter reads per operator and phase);
     * read the result with {@link #profile()}.
     */
    void profile(boolean on);

    /**
     * Where the steps went, per operator, since profiling was switched on.
     *
     * @throws IllegalStateException if profiling is off
     */
    OperatorProfile profile();

    /** Number of workers running the circuit (1 for a plain circuit). */
    int workers();

    /** Releases the circuit (and its threads); later steps throw. Idempotent. */
    @Override
    void close();

    boolean isClosed();
}
