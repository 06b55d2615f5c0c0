package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.sql.runtime.Tuple;

import java.util.List;

/**
 * A filter and projection fused into one generated function (Calcite's {@code Calc}): each input row is tested
 * and projected in one call. Linear: one pass, no state, fused with its neighbours by the circuit.
 */
final class CalcOp extends Op {
    private final RowFunction function;
    private final String text;

    CalcOp(Op input, RowFunction function, String text) {
        super(List.of(input));
        this.function = function;
        this.text = text;
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        RowFunction f = function;
        return Linear.<Tuple, Tuple>flatMap(w.stream(inputs().get(0)), (row, out) -> {
            Tuple r = f.apply(row);
            if (r != null) out.accept(r);
        });
    }

    @Override
    String describe() {
        return "calc " + text;
    }
}
