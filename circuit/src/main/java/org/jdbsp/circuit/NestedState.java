package org.jdbsp.circuit;

/**
 * Implemented by the stateful operators that may run inside a nested (recursive) circuit. Inside a nested
 * circuit a stream carries, at outer tick {@code t} and inner iteration {@code i}, the two-dimensional change
 * {@code x(t, i)}; an operator keeps what earlier outer ticks contributed at each iteration ("history") apart
 * from what the current outer tick has contributed so far. {@link Node#commit()} ends an inner iteration;
 * these methods bracket a whole outer tick.
 */
public interface NestedState {
    /** Called before iteration 0 of each outer tick: reset what belongs to the current outer tick only. */
    void beginOuterTick();

    /** The outer tick succeeded: fold the current tick's contributions into the history. */
    void commitOuterTick();

    /** The outer tick failed: drop the current tick's contributions, keep the history as it was. */
    void rollbackOuterTick();
}
