package org.jdbsp.operators.spi;

import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;

/**
 * The base of a per-pass combiner over an append-only stream (the local phase of a local-global operator): it takes
 * each row of a pass ({@link #admit}, a positive weight checked), holds what it needs, and pushes its results when
 * the pass ends ({@link ElementwiseNode#endPass}). As an elementwise operator right after an input it runs inside
 * the exchange, on each worker's part of the input's change. Not linear (what it passes depends on the pass), so it
 * is kept out of recursion; it keeps the stream append-only. A failure of {@link #admit} (user code, a negative
 * weight) fails the step under the operator's name.
 *
 * @param <I> input row type
 * @param <O> output row type
 */
public abstract class PassCombinerNode<I, O> extends ElementwiseNode<I, O> {
    protected PassCombinerNode(String kind, Stream<I> in, Stream<O> out) {
        super(kind, in, out);
    }

    /** Takes one row of the pass, of weight {@code w > 0}. */
    protected abstract void admit(I row, long w);

    @Override
    @SuppressWarnings("unchecked")
    public final Stage stage(Stage next) {
        return (e, w) -> {
            try {
                Checked.positive(w, e);
                admit((I) e, w);
            } catch (RuntimeException ex) {
                throw failure(ex);
            }
        };
    }

    @Override
    public final boolean isLinear() {
        return false;
    }

    @Override
    public final boolean keepsAppendOnly() {
        return true;
    }
}
