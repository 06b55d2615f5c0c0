package org.jdbsp.operators.linear;

import java.util.function.Predicate;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;

/** {@code filter}: keeps the elements (with their weights) that satisfy the predicate. Linear. */
final class FilterNode<T> extends ElementwiseNode<T, T> {
    private final Predicate<? super T> p;

    FilterNode(Stream<T> in, Stream<T> out, Predicate<? super T> p) {
        super("filter", in, out);
        this.p = p;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stage stage(Stage next) {
        return (e, w) -> {
            boolean keep;
            try {
                keep = p.test((T) e);
            } catch (RuntimeException ex) {
                throw failure(ex);
            }
            if (keep) {
                next.accept(e, w);
            }
        };
    }

    /** Positive weights in give positive weights out. */
    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
