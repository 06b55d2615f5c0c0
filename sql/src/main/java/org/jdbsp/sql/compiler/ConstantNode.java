package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.zset.ZSet;

import java.util.List;

/**
 * A constant relation ({@code VALUES}): incrementally, the rows as a change at the first step and nothing after;
 * naively, the rows at every step. Only one worker publishes them. State: a flag.
 */
final class ConstantNode extends Node implements org.jdbsp.circuit.state.Checkpointable {
    private final Stream<Tuple> out;
    private final ZSet<Tuple> rows;
    private final boolean everyStep;
    private boolean emitted;

    ConstantNode(Stream<Tuple> out, ZSet<Tuple> rows, boolean everyStep) {
        super("values", List.of(), out);
        this.out = out;
        this.rows = rows;
        this.everyStep = everyStep;
    }

    @Override
    protected void eval() {
        out.publish(everyStep || !emitted ? rows : new ZSet<>());
    }

    @Override
    protected void commit() {
        emitted = true;
    }

    /** Whether the rows went out (the rows themselves are the program's). */
    @Override
    public void writeState(org.jdbsp.circuit.state.StateWriter out) {
        out.writeBoolean(emitted);
    }

    @Override
    public void readState(org.jdbsp.circuit.state.StateReader in) {
        emitted |= in.readBoolean();
    }

    /** Whether the constant went out: the same for every replica, whatever the worker count. */
    @Override
    public boolean repartitions() {
        return true;
    }

    @Override
    public void readState(org.jdbsp.circuit.state.StateReader in, org.jdbsp.circuit.state.Placement placement) {
        readState(in);
    }
}
