package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/** Linear combination {@code a*x + b*y} of one or two streams: plus, minus, negate. Cost O(|x| + |y|). */
final class SumNode<T> extends Node {
    private final Stream<T> x;
    private final long a;
    private final Stream<T> y;
    private final long b;
    private final Stream<T> out;

    private SumNode(String kind, Stream<T> x, long a, Stream<T> y, long b, Stream<T> out) {
        super(kind, y == null ? List.of(x) : List.of(x, y), out);
        this.x = x;
        this.a = a;
        this.y = y;
        this.b = b;
        this.out = out;
    }

    static <T> SumNode<T> of(String kind, Stream<T> x, long a, Stream<T> y, long b, CircuitBuilder c) {
        c.checkOwns(x, kind);
        if (y != null) {
            c.checkOwns(y, kind);
        }
        return new SumNode<>(kind, x, a, y, b, c.newStream(kind));
    }

    @Override
    protected void eval() {
        ZSet<T> vx = x.value();
        ZSet<T> r = a == 1 ? vx.copy() : vx.scale(a);
        if (y != null) {
            r.addAll(y.value(), b);
        }
        out.publish(r);
    }

    @Override
    public boolean isLinear() {
        return true;
    }
}
