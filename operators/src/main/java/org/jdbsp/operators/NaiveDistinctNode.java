package org.jdbsp.operators;

import java.util.List;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;

/** Naive distinct: recomputes {@code snapshot.distinct()} every tick. No state. */
final class NaiveDistinctNode<T> extends Node {
    private final Stream<T> in;
    private final Stream<T> out;

    NaiveDistinctNode(Stream<T> in, Stream<T> out) {
        super("distinct", List.of(in), out);
        this.in = in;
        this.out = out;
    }

    @Override
    protected void eval() {
        out.publish(in.value().distinct());
    }
}
