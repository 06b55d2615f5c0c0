package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * The sink of an output. Incremental mode: the input is the change; the view is its integral. Naive mode: the
 * input is the snapshot; the change is its difference from the previous snapshot.
 */
final class OutputNode<T> extends Node {
    private final OutputHandle<T> handle;
    private final Stream<T> in;
    private final boolean naive;
    private ZSet<T> nextDelta;
    private ZSet<T> nextView;

    OutputNode(OutputHandle<T> handle, Stream<T> in, boolean naive) {
        super("output", List.of(in), null);
        this.handle = handle;
        this.in = in;
        this.naive = naive;
    }

    @Override
    protected void eval() {
        ZSet<T> v = in.value();
        if (naive) {
            nextView = v;
            nextDelta = v.minus(handle.view);
        } else {
            nextDelta = v;
            nextView = null; // applied in place on commit
        }
    }

    @Override
    protected void commit() {
        if (naive) {
            handle.view = nextView;
        } else {
            // in place: the view is private to the handle; an overflow here would need 2^63 copies of a row
            handle.view.addAll(nextDelta);
        }
        handle.delta = nextDelta;
        nextDelta = null;
        nextView = null;
    }

    @Override
    protected void rollback() {
        nextDelta = null;
        nextView = null;
    }

    @Override
    public long stateRows() {
        return handle.view.size();
    }

    @Override
    public boolean isLinear() {
        return true;
    }
}
