package org.jdbsp.sql;

import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.Workers;
import org.jdbsp.sql.compiler.Catalog;
import org.jdbsp.sql.compiler.CompiledQuery;
import org.jdbsp.sql.compiler.TableDef;
import org.jdbsp.sql.compiler.ViewDef;
import org.jdbsp.sql.compiler.Wiring;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.zset.ZSet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The circuit of a program: one input per table, one output per view, the views' operators wired in creation
 * order so that a view reads the streams of the views before it. Runs on one thread or on several workers.
 */
final class ProgramCircuit implements AutoCloseable {
    private final CircuitRuntime runtime;

    private ProgramCircuit(CircuitRuntime runtime) {
        this.runtime = runtime;
    }

    /** The circuit of every table and view of the catalog. */
    static ProgramCircuit build(Catalog catalog, SqlOptions options) {
        return build(catalog.tables(), catalog.views(), options);
    }

    /**
     * Wires {@code view} alone over inputs for the relations it reads, so that an operator the engine cannot
     * run where the plan puts it (a non-linear operator inside a recursion) is reported when the view is
     * created, not at the next step.
     *
     * @throws UnsupportedSqlException naming the operator
     */
    static void check(Catalog catalog, ViewDef view, SqlOptions options) {
        List<TableDef> inputs = new java.util.ArrayList<>();
        for (String s : view.query().sources()) inputs.add(new TableDef(s, catalog.relationSchema(s), new int[0]));
        try (ProgramCircuit c = build(inputs, List.of(view), new SqlOptions(options.mode(), 1))) {
            c.schedule();
        } catch (org.jdbsp.circuit.CircuitWiringException e) {
            throw new UnsupportedSqlException("view " + view.name() + " cannot be maintained incrementally: "
                    + e.getMessage());
        }
    }

    static ProgramCircuit build(List<TableDef> tables, List<ViewDef> views, SqlOptions options) {
        if (options.workers() == 1) {
            CircuitBuilder b = new CircuitBuilder(options.mode());
            wire(b, tables, views);
            return new ProgramCircuit(b.build());
        }
        return new ProgramCircuit(Workers.build(options.workers(), options.mode(), b -> wire(b, tables, views)));
    }

    private static void wire(CircuitBuilder b, List<TableDef> tables, List<ViewDef> views) {
        Map<String, Stream<Tuple>> streams = new HashMap<>();
        for (TableDef t : tables) {
            InputHandle<Tuple> in = b.input(t.name(), Tuple.class);
            streams.put(Catalog.key(t.name()), in.stream());
        }
        Wiring w = new Wiring(b, name -> {
            Stream<Tuple> s = streams.get(Catalog.key(name));
            if (s == null) throw new IllegalStateException("no stream for " + name);
            return s;
        });
        for (ViewDef v : views) {
            CompiledQuery q = v.query();
            Stream<Tuple> s = w.wire(q);
            streams.put(Catalog.key(v.name()), s);
            b.output(v.name(), Tuple.class, s);
        }
    }

    void push(String table, ZSet<Tuple> changes) {
        if (!changes.isEmpty()) runtime.input(table, Tuple.class).push(changes);
    }

    void step() {
        runtime.step();
    }

    ZSet<Tuple> delta(String view) {
        return runtime.output(view, Tuple.class).delta();
    }

    ZSet<Tuple> contents(String view) {
        return runtime.output(view, Tuple.class).view();
    }

    List<String> schedule() {
        return runtime.schedule();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
