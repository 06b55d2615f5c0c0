package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.sql.runtime.Tuple;

import java.util.List;

/** Reads a table's or a view's stream. */
final class ScanOp extends Op {
    private final String relation;

    ScanOp(String relation) {
        super(List.of());
        this.relation = relation;
    }

    @Override
    boolean reads(String name) {
        return Catalog.key(relation).equals(Catalog.key(name));
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        return w.source(relation);
    }

    @Override
    String describe() {
        return "scan " + relation;
    }
}
