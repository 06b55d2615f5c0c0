package org.jdbsp.sql.compiler;

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
        return w.builder().constant("values", rows);
    }

    @Override
    String describe() {
        return "values (" + rows.size() + " rows)";
    }
}
