package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * {@code z^-1}: the source half of a delay. It publishes the value stored at the previous tick (empty at the
 * first). Its sink half, {@link DelaySink}, stores this tick's input on commit. Splitting the delay in two is
 * what lets a cycle through {@code z^-1} be scheduled: the source runs first, the sink last.
 */
final class DelayNode<T> extends Node implements NestedState, UnkeyedState {
    private final Stream<T> out;
    ZSet<T> stored = new ZSet<>();

    DelayNode(Stream<T> out) {
        super("delay", List.of(), out);
        this.out = out;
    }

    @Override
    protected void eval() {
        out.publish(stored);
    }

    @Override
    public long stateRows() {
        return stored.size();
    }

    @Override
    public boolean isLinear() {
        return true;
    }

    /** Inside a nested circuit the state is per outer tick: the inner clock restarts at every outer tick. */
    @Override
    public void beginOuterTick() {
        stored = new ZSet<>();
    }

    @Override
    public void commitOuterTick() {
    }

    @Override
    public void rollbackOuterTick() {
    }

    @Override
    public boolean keepsState() {
        return true;
    }

    /** The value stored for the next tick. */
    @Override
    public ZSet<?> savedState() {
        return stored;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addRestored(ZSet<?> restored) {
        stored = stored.plus((ZSet<T>) restored);
    }
}
