package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.sql.runtime.Tuple;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Wires compiled operators into one circuit: each operator once, however many plans share it, reading the
 * tables' and views' streams from {@code sources}. Internal.
 */
public final class Wiring {
    private final CircuitBuilder builder;
    private final Function<String, Stream<Tuple>> sources;
    private final Map<Op, Stream<Tuple>> wired = new IdentityHashMap<>();

    public Wiring(CircuitBuilder builder, Function<String, Stream<Tuple>> sources) {
        this.builder = builder;
        this.sources = sources;
    }

    public CircuitBuilder builder() {
        return builder;
    }

    Stream<Tuple> source(String name) {
        return sources.apply(name);
    }

    /** The stream of {@code op}, wiring it (and its inputs) on first use. */
    Stream<Tuple> stream(Op op) {
        Stream<Tuple> s = wired.get(op);
        if (s == null) {
            s = op.wire(this);
            wired.put(op, s);
        }
        return s;
    }

    /** The stream of a compiled query's result. */
    public Stream<Tuple> wire(CompiledQuery q) {
        return stream(q.root());
    }
}
