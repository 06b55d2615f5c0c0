package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/** {@code D}: publishes this tick's value minus the previous tick's. Keeps the previous value; O(|x_t| + |x_t-1|). */
final class DifferentiateNode<T> extends Node implements NestedState, UnkeyedState {
    private final Stream<T> in;
    private final Stream<T> out;
    private ZSet<T> previous = new ZSet<>();

    DifferentiateNode(Stream<T> in, Stream<T> out) {
        super("differentiate", List.of(in), out);
        this.in = in;
        this.out = out;
    }

    @Override
    protected void eval() {
        out.publish(in.value().minus(previous));
    }

    @Override
    protected void commit() {
        previous = in.value();
    }

    @Override
    public long stateRows() {
        return previous.size();
    }

    @Override
    public boolean isLinear() {
        return true;
    }

    /** Inside a nested circuit the state is per outer tick: the inner clock restarts at every outer tick. */
    @Override
    public void beginOuterTick() {
        previous = new ZSet<>();
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

    /** The previous tick's value. */
    @Override
    public ZSet<?> savedState() {
        return previous;
    }

    /**
     * Re-partitioned as the integral it differences, placed by no key; but not the difference of an exchange's output
     * (a naive lookup join's left side), which holds the keys its worker owns and which an operator then reads
     * without another exchange.
     */
    @Override
    public boolean repartitions() {
        return !(in.producer instanceof ExchangeNode);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addRestored(ZSet<?> restored) {
        previous = previous.plus((ZSet<T>) restored);
    }
}
