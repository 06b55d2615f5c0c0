package org.jdbsp.circuit.state;

/**
 * Implemented by an operator (a {@link org.jdbsp.circuit.Node}) whose state can be saved in a checkpoint. The
 * store calls {@link #writeState} between steps, on committed state, and {@link #readState} on the same operator
 * of a freshly built copy of the circuit, before its first step; the two must agree on the order of what they
 * write. An operator that keeps state between steps ({@link org.jdbsp.circuit.Node#keepsState()}) and does not
 * implement this interface makes the whole circuit refuse checkpoints, naming it.
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
}
