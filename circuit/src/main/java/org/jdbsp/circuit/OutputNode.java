package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * The sink of an output. Incremental mode: the input is the change; the view, if the output keeps one, is its
 * integral, updated in {@code eval} (atomically: an overflow leaves it as it was) so that an overflow fails the
 * step, naming the output and the row, and taken back on rollback. Naive mode: the input is the snapshot; the
 * change is its difference from the previous snapshot (kept whether or not the output keeps a view). Cost:
 * O(change) per tick incremental (nothing but publishing the change without a view), O(snapshot) naive.
 */
final class OutputNode<T> extends Node implements UnkeyedState {
    private final OutputHandle<T> handle;
    private final Stream<T> in;
    private final boolean naive;
    private ZSet<T> nextDelta;
    private ZSet<T> nextView;
    /** Incremental mode: {@code nextDelta} was added to the handle's view by this tick's eval. */
    private boolean applied;

    @SuppressWarnings("unchecked")
    OutputNode(OutputHandle<T> handle, Stream<? extends T> in, boolean naive) {
        super("output:" + handle.name(), List.of(in), null); // named after the output: output:revenue#4
        this.handle = handle;
        // read only: a Z-set of rows of a subtype of T is a Z-set of Ts to a reader, and the handle hands out copies
        this.in = (Stream<T>) in;
        this.naive = naive;
    }

    @Override
    protected void eval() {
        ZSet<T> v = in.value();
        try {
            if (naive) {
                nextView = v;
                nextDelta = v.minus(handle.view);
            } else {
                if (handle.keepsView()) {
                    handle.view.addAll(v);
                    applied = true;
                }
                nextDelta = v;
            }
        } catch (ArithmeticException e) {
            throw new ArithmeticException(handle + ": " + e.getMessage());
        }
    }

    @Override
    protected void commit() {
        if (naive) {
            handle.view = nextView;
        }
        handle.delta = nextDelta;
        nextDelta = null;
        nextView = null;
        applied = false;
    }

    @Override
    protected void rollback() {
        if (applied) {
            // take back what eval added; -Long.MIN_VALUE does not exist, so that weight comes off in two parts
            ZSet<T> view = handle.view;
            ZSet<T> d = nextDelta;
            for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
                long w = d.weightAt(s);
                if (w == Long.MIN_VALUE) {
                    view.addHashed(d.elementAt(s), d.hashAt(s), Long.MAX_VALUE);
                    view.addHashed(d.elementAt(s), d.hashAt(s), 1);
                } else {
                    view.addHashed(d.elementAt(s), d.hashAt(s), -w);
                }
            }
            applied = false;
        }
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

    @Override
    public boolean keepsState() {
        return true;
    }

    /** The view (in naive mode, or without a view, the last snapshot; empty for an output of changes only). */
    @Override
    public ZSet<?> savedState() {
        return handle.view;
    }

    /** A view is the sum of the replicas': a saved worker's goes whole to one replica, added to what it has. */
    @Override
    @SuppressWarnings("unchecked")
    public void addRestored(ZSet<?> restored) {
        handle.view.addAll((ZSet<T>) restored);
    }
}
