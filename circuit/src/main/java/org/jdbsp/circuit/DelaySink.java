package org.jdbsp.circuit;

import java.util.List;

/** The sink half of a {@code z^-1}: hands this tick's input to its {@link DelayNode} on commit. */
final class DelaySink<T> extends Node {
    private final DelayNode<T> source;
    private Stream<T> in;

    DelaySink(DelayNode<T> source, Stream<T> in) {
        super("delay-in", in == null ? List.of() : List.of(in), null);
        this.source = source;
        this.in = in;
    }

    @Override
    protected void eval() {
    }

    @Override
    protected void commit() {
        source.stored = in.value();
    }

    @Override
    public boolean isLinear() {
        return true;
    }
}
