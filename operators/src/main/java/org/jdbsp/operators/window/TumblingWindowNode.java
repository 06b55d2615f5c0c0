package org.jdbsp.operators.window;

import java.util.function.ToLongFunction;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.spi.Checked;

/** Assigns each row to its tumbling window {@code [floor(t / size) * size, + size)}; linear, fusible. */
final class TumblingWindowNode<T> extends ElementwiseNode<T, Windowed<T>> {
    private final ToLongFunction<? super T> time;
    private final long size;

    TumblingWindowNode(Stream<T> in, Stream<Windowed<T>> out, ToLongFunction<? super T> time, long size) {
        super("tumbling", in, out);
        this.time = time;
        this.size = size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stage stage(Stage next) {
        return (e, w) -> {
            Windowed<T> row;
            try {
                long start = Math.floorDiv(time.applyAsLong((T) e), size) * size;
                row = new Windowed<>(start, Checked.add(start, size, e), (T) e);
            } catch (RuntimeException ex) {
                throw failure(ex);
            }
            next.accept(row, w);
        };
    }

    /** Positive weights in give positive weights out. */
    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
