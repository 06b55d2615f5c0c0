package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.sql.runtime.Tuple;

import java.util.List;

/**
 * {@code WITH RECURSIVE r AS (seed UNION [ALL] step(r))} as the engine's recursion: the fixed point
 * {@code R = seed + step(R)} ({@code DISTINCT} of it for UNION), maintained incrementally across steps by a
 * nested circuit. The seed and the step are wired inside it; the tables and views they read are entered from
 * the outer circuit, and scans of {@code r} read the recursive stream. Inside an incremental recursion the
 * engine allows linear operators, inner joins and DISTINCT; other operators are rejected when the circuit is
 * built.
 */
final class RecursiveOp extends Op {
    private final String name;
    private final boolean all;

    RecursiveOp(String name, Op seed, Op step, boolean all) {
        super(List.of(seed, step));
        this.name = name;
        this.all = all;
    }

    @Override
    boolean reads(String relation) {
        // the recursive relation is defined here: reading it inside does not make this operator read it
        return !Catalog.key(relation).equals(Catalog.key(name)) && super.reads(relation);
    }

    @Override
    Stream<Tuple> wire(Wiring outer) {
        return outer.builder().recursive(outer.uniqueName("recursive-" + name), (inner, self) -> {
            Wiring w = outer.nested(inner, name, self);
            Stream<Tuple> sum = Linear.union(w.stream(inputs().get(0)), w.stream(inputs().get(1)));
            return all ? sum : Distinct.distinct(sum);
        });
    }

    @Override
    String describe() {
        return "recursive " + name + (all ? " (union all)" : " (union)");
    }
}
