package org.jdbsp.circuit.state;

/**
 * Implemented by an operator (a {@link org.jdbsp.circuit.Node}) whose state can be saved in a checkpoint. The
 * store calls {@link #writeState} between steps, on committed state, and {@link #readState} on the same operator
 * of a freshly built copy of the circuit, before its first step; the two must agree on the order of what they
 * write. An operator that keeps state between steps ({@link org.jdbsp.circuit.Node#keepsState()}) and does not
 * implement this interface makes the whole circuit refuse checkpoints, naming it. One whose state can be restored
 * onto another worker count implements {@link Repartitionable}.
 */
public interface Checkpointable {
    /**
     * Null when this instance's state can be saved; otherwise why not (e.g. a configuration whose state is not
     * saved yet), which the store reports, naming the operator, before it writes anything.
     */
    default String checkpointUnsupported() {
        return null;
    }

    /** Writes the committed state. Must not change it. */
    void writeState(StateWriter out);

    /** Replaces the (empty) state of a freshly built operator with what {@link #writeState} wrote. */
    void readState(StateReader in);

    /**
     * Whether {@link #readState(StateReader, Placement)} re-partitions this operator's state, so that a checkpoint
     * of N workers can be restored onto M. False unless the operator says so.
     */
    default boolean repartitions() {
        return false;
    }

    /**
     * Adds to this replica's state what {@code placement} gives it of one saved worker's state; called once per
     * saved worker, in worker order, when a checkpoint is restored onto another worker count (and once, whole,
     * otherwise). Counters that are not per entry are combined (summed, or their maximum taken, as they mean).
     */
    default void readState(StateReader in, Placement placement) {
        if (!placement.whole()) {
            throw new CheckpointException(getClass().getSimpleName() + " cannot re-partition its state");
        }
        readState(in);
    }
}
