package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.sql.runtime.Tuple;

import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

import java.util.List;

/**
 * A filter and projection fused into one generated function (Calcite's {@code Calc}): each input row is tested
 * and projected in one call. Linear: one pass, no state, fused with its neighbours by the circuit.
 */
final class CalcOp extends Op {
    private final RowFunction function;
    private final String text;
    /** Per output column, the input column it copies, or -1 ({@link #sources}). */
    private final int[] source;
    private final RexProgram program;

    CalcOp(Op input, RowFunction function, RexProgram program) {
        super(List.of(input));
        this.function = function;
        this.text = program.toString();
        this.source = sources(program);
        this.program = program;
    }

    /** Output column {@code i}'s expression over the input's columns. */
    @Override
    RexNode expression(int i) {
        return program.expandLocalRef(program.getProjectList().get(i));
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        RowFunction f = function;
        Stream<Tuple> in = w.stream(inputs().get(0));
        return Routing.carry(in, Linear.<Tuple, Tuple>flatMap(in, (row, out) -> {
            Tuple r = f.apply(row);
            if (r != null) out.accept(r);
        }), source);
    }

    /** Per output column of {@code program}, the input column it copies as it is, or -1. */
    static int[] sources(RexProgram program) {
        List<RexLocalRef> projects = program.getProjectList();
        int[] source = new int[projects.size()];
        for (int i = 0; i < source.length; i++) {
            RexNode e = program.expandLocalRef(projects.get(i));
            source[i] = e instanceof RexInputRef ref ? ref.getIndex() : -1;
        }
        return source;
    }

    @Override
    String describe() {
        return "calc " + text;
    }
}
