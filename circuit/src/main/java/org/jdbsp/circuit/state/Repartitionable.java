package org.jdbsp.circuit.state;

/**
 * An operator whose state can be re-partitioned: it reads every checkpoint through
 * {@link #readState(StateReader, Placement)}, once per saved worker, and a one-worker checkpoint restored onto one
 * worker with {@link Placement#WHOLE}, so every restore goes through the same code. It {@link #repartitions()} unless
 * it overrides that for a configuration that cannot. Costs nothing beyond {@link Checkpointable}'s.
 */
public interface Repartitionable extends Checkpointable {
    @Override
    default void readState(StateReader in) {
        readState(in, Placement.WHOLE);
    }

    @Override
    default boolean repartitions() {
        return true;
    }

    @Override
    void readState(StateReader in, Placement placement);
}
