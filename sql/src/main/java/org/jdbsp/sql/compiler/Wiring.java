package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.window.Expiry;
import org.jdbsp.operators.window.Watermark;
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
    /** The watermark of a table by name, or null (none, or state is not to be dropped). */
    private final Function<String, Watermark> watermarks;
    private final Map<Op, Stream<Tuple>> wired = new IdentityHashMap<>();
    private int names;

    /** For a recursion: the circuit around it, and the recursive relation's name; else null. */
    private final Wiring outer;
    private final String recursive;

    /**
     * @param sources    the stream of each table and view, by name
     * @param watermarks the watermark of each table that has one, by name (null for none): operators whose state
     *                   lies below it drop that state
     */
    public Wiring(CircuitBuilder builder, Function<String, Stream<Tuple>> sources,
                  Function<String, Watermark> watermarks) {
        this(builder, sources, watermarks, null, null);
    }

    private Wiring(CircuitBuilder builder, Function<String, Stream<Tuple>> sources,
                   Function<String, Watermark> watermarks, Wiring outer, String recursive) {
        this.builder = builder;
        this.sources = sources;
        this.watermarks = watermarks;
        this.outer = outer;
        this.recursive = recursive;
    }

    /**
     * The wiring of a recursion's body in the nested circuit {@code inner}: scans of {@code recursive} read
     * {@code self}; every operator that does not read {@code recursive} is wired in this (outer) circuit and
     * entered, so that only the recursive part iterates.
     */
    Wiring nested(CircuitBuilder inner, String recursive, Stream<Tuple> self) {
        return new Wiring(inner, name -> {
            if (Catalog.key(name).equals(Catalog.key(recursive))) return self;
            throw new IllegalStateException("scan of " + name + " inside the recursion on " + recursive);
        }, null, this, recursive);
    }

    /** The watermark of table {@code table}, or null: then keep all state. */
    Watermark watermark(String table) {
        return watermarks == null ? null : watermarks.apply(table);
    }

    /**
     * The expiry of the times in column {@code column} of a row, which {@code bound} bounds, or null when there is no
     * bound or its table's watermark is not at hand: then keep all state.
     */
    Expiry<Tuple> expiry(TimeBound bound, int column) {
        Watermark w = bound == null ? null : watermark(bound.table());
        return w == null ? null : Expiry.of(bound.timeOf(column), w, bound.offset());
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
            s = outer != null && !op.reads(recursive) ? builder.enter(outer.stream(op)) : op.wire(this);
            wired.put(op, s);
        }
        return s;
    }

    /** A name for an operator, unique in this circuit: {@code prefix} and a number. */
    String uniqueName(String prefix) {
        if (outer != null) return outer.uniqueName(prefix);
        return prefix.replaceAll("[^A-Za-z0-9_.:/-]", "_") + "-" + (++names);
    }

    /** The stream of a compiled query's result. */
    public Stream<Tuple> wire(CompiledQuery q) {
        return stream(q.root());
    }
}
