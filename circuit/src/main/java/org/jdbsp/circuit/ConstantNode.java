package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.circuit.state.Checkpointable;
import org.jdbsp.circuit.state.Placement;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.zset.ZSet;

/**
 * A constant relation ({@link CircuitBuilder#constant}): incrementally, the rows as a change at the first step and
 * nothing after (their integral is then the constant); naively, outside recursion, the rows at every step. The
 * published Z-sets are read-only by the stream contract. Two-phase: the first step counts only once committed.
 * State: a flag, saved in checkpoints.
 */
final class ConstantNode<T> extends Node implements Checkpointable {
    private final Stream<T> out;
    private final ZSet<T> rows;
    private final ZSet<T> empty = new ZSet<>();
    private final boolean everyStep;
    private boolean emitted;

    ConstantNode(String kind, Stream<T> out, ZSet<T> rows, boolean everyStep) {
        super(kind, List.of(), out);
        this.out = out;
        this.rows = rows;
        this.everyStep = everyStep;
    }

    @Override
    protected void eval() {
        out.publish(everyStep || !emitted ? rows : empty);
    }

    @Override
    protected void commit() {
        emitted = true;
    }

    @Override
    public long stateRows() {
        return rows.size();
    }

    @Override
    public boolean keepsState() {
        return true;
    }

    /** Whether the rows went out (the rows themselves are the program's). */
    @Override
    public void writeState(StateWriter out) {
        out.writeBoolean(emitted);
    }

    @Override
    public void readState(StateReader in) {
        emitted |= in.readBoolean();
    }

    /** The flag is the same for every replica, whatever the worker count. */
    @Override
    public boolean repartitions() {
        return true;
    }

    @Override
    public void readState(StateReader in, Placement placement) {
        readState(in);
    }
}
