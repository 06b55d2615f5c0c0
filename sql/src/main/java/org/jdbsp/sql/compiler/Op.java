package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.sql.runtime.Tuple;

import java.util.List;

/**
 * One relational operator of a compiled query, lowered from a Calcite plan node with its expressions already
 * compiled: wiring it into a circuit (once per circuit and worker) does no planning and no code generation.
 * Internal.
 */
abstract class Op {
    private final List<Op> inputs;

    Op(List<Op> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    List<Op> inputs() {
        return inputs;
    }

    /** True when this operator reads the relation called {@code relation}, directly or through its inputs. */
    boolean reads(String relation) {
        for (Op in : inputs) {
            if (in.reads(relation)) return true;
        }
        return false;
    }

    /** Adds this operator to the circuit, reading its inputs' streams from {@code w}. */
    abstract Stream<Tuple> wire(Wiring w);

    /** One line saying what the operator computes, for {@code explain}. */
    abstract String describe();

    /**
     * Output column {@code i}'s expression, as a projection this operator applies last computes it (for analyses of
     * the plan), or null when it applies none.
     */
    org.apache.calcite.rex.RexNode expression(int i) {
        return null;
    }
}
