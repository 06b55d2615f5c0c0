package org.jdbsp.circuit;

import org.jdbsp.circuit.state.Placement;
import org.jdbsp.circuit.state.Repartitionable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.zset.ZSet;

/**
 * The checkpoint of an operator whose state is one Z-set placed by no key (a delay's stored value, an integral, a
 * difference's previous value, a naive input's snapshot): written whole; restored onto another worker count, a
 * saved worker's goes whole to one replica and is added to what it has, since what follows such a state is either
 * linear or behind an exchange.
 */
interface UnkeyedState extends Repartitionable {
    /** The state to save. */
    ZSet<?> savedState();

    /** Adds {@code restored} to the state. */
    void addRestored(ZSet<?> restored);

    @Override
    default void writeState(StateWriter out) {
        out.writeZSet(savedState());
    }

    @Override
    default void readState(StateReader in, Placement placement) {
        ZSet<?> z = in.readZSet();
        if (placement.ownsUnkeyed()) {
            addRestored(z);
        }
    }
}
