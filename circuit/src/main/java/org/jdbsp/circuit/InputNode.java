package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * The source node of an input: publishes the handle's pending changes (incremental mode) or the integrated
 * snapshot of everything pushed so far (naive mode). The pending changes are taken only on commit.
 */
final class InputNode<T> extends Node {
    private final InputHandle<T> handle;
    private final Stream<T> out;
    private final boolean naive;
    private ZSet<T> snapshot = new ZSet<>();
    private ZSet<T> nextSnapshot;

    InputNode(InputHandle<T> handle, Stream<T> out, boolean naive) {
        super("input", List.of(), out);
        this.handle = handle;
        this.out = out;
        this.naive = naive;
    }

    @Override
    protected void eval() {
        if (naive) {
            nextSnapshot = handle.pending.isEmpty() ? snapshot : snapshot.plus(handle.pending);
            out.publish(nextSnapshot);
        } else {
            out.publish(handle.pending);
        }
    }

    @Override
    protected void commit() {
        if (naive) {
            snapshot = nextSnapshot;
            nextSnapshot = null;
        }
        if (!handle.pending.isEmpty()) {
            handle.pending = new ZSet<>();
        }
    }

    @Override
    protected void rollback() {
        nextSnapshot = null;
    }

    @Override
    public long stateRows() {
        return snapshot.size();
    }

    @Override
    public boolean isLinear() {
        return true;
    }
}
