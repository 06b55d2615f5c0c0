package org.jdbsp.operators.window;

import java.util.function.ToLongFunction;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;

/**
 * Assigns each row to every hopping window {@code [s, s + size)} with {@code s} a multiple of {@code slide}
 * and {@code s <= t < s + size}; linear, fusible. Emits ceil(size / slide) rows per input row (fewer, or
 * none, when slide > size).
 */
final class HoppingWindowNode<T> extends ElementwiseNode<T, Windowed<T>> {
    private final ToLongFunction<? super T> time;
    private final long size;
    private final long slide;

    HoppingWindowNode(Stream<T> in, Stream<Windowed<T>> out, ToLongFunction<? super T> time, long size,
                      long slide) {
        super("hopping", in, out);
        this.time = time;
        this.size = size;
        this.slide = slide;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stage stage(Stage next) {
        return (e, w) -> {
            long t;
            long s;
            long n;
            try {
                t = time.applyAsLong((T) e);
                s = Math.floorDiv(t, slide) * slide; // latest window start <= t; 0 <= t - s < slide
                long age = t - s;
                n = age < size ? (size - 1 - age) / slide + 1 : 0; // starts s, s - slide, ... with t - start < size
                if (n > 0) {
                    Math.subtractExact(s, Math.multiplyExact(n - 1, slide)); // earliest start must not underflow
                    Math.addExact(s, size);
                }
            } catch (RuntimeException ex) {
                throw failure(ex);
            }
            for (long i = 0; i < n; i++, s -= slide) {
                next.accept(new Windowed<>(s, s + size, (T) e), w);
            }
        };
    }

    /** Positive weights in give positive weights out. */
    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
