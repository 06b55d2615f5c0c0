package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * {@code I}: publishes the running sum of its input. The published value is a fresh snapshot each tick, so
 * the cost is O(size of the sum) per tick: operators that need integrated state keep their own traces instead.
 */
final class IntegrateNode<T> extends Node implements NestedState, UnkeyedState {
    private final Stream<T> in;
    private final Stream<T> out;
    private ZSet<T> sum = new ZSet<>();
    private ZSet<T> next;

    IntegrateNode(Stream<T> in, Stream<T> out) {
        super("integrate", List.of(in), out);
        this.in = in;
        this.out = out;
    }

    @Override
    protected void eval() {
        next = sum.plus(in.value());
        out.publish(next);
    }

    @Override
    protected void commit() {
        sum = next;
        next = null;
    }

    @Override
    protected void rollback() {
        next = null;
    }

    @Override
    public long stateRows() {
        return sum.size();
    }

    @Override
    public boolean isLinear() {
        return true;
    }

    /** Inside a nested circuit the state is per outer tick: the inner clock restarts at every outer tick. */
    @Override
    public void beginOuterTick() {
        sum = new ZSet<>();
        next = null;
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

    /** The running sum. */
    @Override
    public ZSet<?> savedState() {
        return sum;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addRestored(ZSet<?> restored) {
        sum = sum.plus((ZSet<T>) restored);
    }
}
