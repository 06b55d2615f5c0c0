package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.zset.ZSet;

import java.util.List;

/** A constant relation: the rows of a {@code VALUES} clause (or an empty relation Calcite proved empty). */
final class ValuesOp extends Op {
    private final ZSet<Tuple> rows;

    ValuesOp(ZSet<Tuple> rows) {
        super(List.of());
        this.rows = rows;
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        CircuitBuilder b = w.builder();
        Stream<Tuple> out = b.newStream("values");
        ZSet<Tuple> mine = b.workerIndex() == 0 ? rows : new ZSet<>();
        b.addNode(new ConstantNode(out, mine, b.isNaive() && b.nestedScope() == null));
        return out;
    }

    @Override
    String describe() {
        return "values (" + rows.size() + " rows)";
    }
}
