package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.sql.runtime.Tuple;

import java.util.List;

/** {@code UNION ALL} (the sum of the inputs, linear) and {@code UNION} (its DISTINCT). */
final class UnionOp extends Op {
    private final boolean all;

    UnionOp(List<Op> inputs, boolean all) {
        super(inputs);
        this.all = all;
    }

    /** UNION ALL (no distinct). */
    boolean all() {
        return all;
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        Stream<Tuple> out = null;
        for (Op in : inputs()) {
            Stream<Tuple> s = w.stream(in);
            out = out == null ? s : Linear.union(out, s);
        }
        return all ? out : Distinct.distinct(out);
    }

    @Override
    String describe() {
        return all ? "union all" : "union";
    }
}
