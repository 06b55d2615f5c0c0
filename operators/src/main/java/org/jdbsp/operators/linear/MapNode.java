package org.jdbsp.operators.linear;

import java.util.function.Function;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;

/** {@code map}: each element {@code x} with weight {@code w} becomes {@code f(x)} with weight {@code w}. Linear. */
final class MapNode<T, R> extends ElementwiseNode<T, R> {
    private final Function<? super T, ? extends R> f;

    MapNode(Stream<T> in, Stream<R> out, Function<? super T, ? extends R> f) {
        super("map", in, out);
        this.f = f;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stage stage(Stage next) {
        return (e, w) -> {
            R r;
            try {
                r = f.apply((T) e);
            } catch (RuntimeException ex) {
                throw failure(ex);
            }
            if (r == null) {
                throw failure(new NullPointerException("map function returned null for " + e));
            }
            next.accept(r, w);
        };
    }

    /** Positive weights in give positive weights out. */
    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
