package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * Brings a parent stream into a nested circuit. Incremental mode: {@code delta0}, the outer change at
 * iteration 0 and nothing after (the two-dimensional change of a stream constant over iterations). Naive mode:
 * the outer snapshot at every iteration.
 */
final class EnterNode<T> extends Node {
    private final Stream<T> outer;
    private final Stream<T> out;
    private final NestedScope scope;
    private final boolean naive;

    EnterNode(Stream<T> outer, Stream<T> out, NestedScope scope, boolean naive) {
        super("enter", List.of(), out);
        this.outer = outer;
        this.out = out;
        this.scope = scope;
        this.naive = naive;
    }

    @Override
    protected void eval() {
        out.publish(naive || scope.iteration == 0 ? outer.value() : new ZSet<>());
    }

    @Override
    public boolean isLinear() {
        return true;
    }
}
