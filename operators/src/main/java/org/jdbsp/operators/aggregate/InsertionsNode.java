package org.jdbsp.operators.aggregate;

import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;

/**
 * Passes the rows of positive weight and drops the others ({@link Aggregates#insertionsOfGrowing}): the rows that
 * an aggregate over a growing stream still has to see. Stateless, one comparison per row; not linear, and its
 * output is append-only.
 */
final class InsertionsNode<T> extends ElementwiseNode<T, T> {
    InsertionsNode(Stream<T> in, Stream<T> out) {
        super("insertions", in, out);
    }

    @Override
    public Stage stage(Stage next) {
        return (e, w) -> {
            if (w > 0) {
                next.accept(e, w);
            }
        };
    }

    @Override
    public boolean isLinear() {
        return false;
    }

    @Override
    public boolean makesAppendOnly() {
        return true;
    }
}
