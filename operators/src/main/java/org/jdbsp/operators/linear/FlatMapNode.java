package org.jdbsp.operators.linear;

import java.util.function.Consumer;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.FlatMapper;

/**
 * {@code flatMap}: each element {@code x} with weight {@code w} becomes every {@code y} that {@code f} emits for
 * it, each with weight {@code w} (an element emitted twice gets {@code 2w}). Linear. The emitting consumer is
 * one reusable object per stage, so nothing is allocated per element.
 */
final class FlatMapNode<T, R> extends ElementwiseNode<T, R> {
    private final FlatMapper<? super T, ? extends R> f;

    FlatMapNode(Stream<T> in, Stream<R> out, FlatMapper<? super T, ? extends R> f) {
        super("flatMap", in, out);
        this.f = f;
    }

    @Override
    public Stage stage(Stage next) {
        return new Emitter(next);
    }

    private final class Emitter implements Stage, Consumer<Object> {
        private final Stage next;
        private Object current;
        private long weight;

        Emitter(Stage next) {
            this.next = next;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void accept(Object element, long w) {
            Object savedCurrent = current;
            long savedWeight = weight;
            current = element;
            weight = w;
            try {
                ((FlatMapper<T, R>) f).apply((T) element, (Consumer<R>) (Consumer<?>) this);
            } catch (RuntimeException ex) {
                throw failure(ex);
            } finally {
                current = savedCurrent;
                weight = savedWeight;
            }
        }

        /** Called by the user's function for each output. */
        @Override
        public void accept(Object out) {
            if (out == null) {
                throw new NullPointerException("flatMap function emitted null for " + current);
            }
            next.accept(out, weight);
        }
    }

    /** Positive weights in give positive weights out. */
    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
