package org.jdbsp.sql;

import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.Workers;
import org.jdbsp.operators.window.Watermark;
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
import java.util.function.Function;

/**
 * The circuit of a program: one input per table, one output per view, the views' operators wired in creation
 * order so that a view reads the streams of the views before it. Runs on one thread or on several workers.
 */
final class ProgramCircuit implements AutoCloseable {
    private final CircuitRuntime runtime;
    /** Each view, by the highest operator number its wiring added (numbers grow in wiring order). */
    private final Map<String, String> viewOfOperator;

    private ProgramCircuit(CircuitRuntime runtime, Map<String, String> viewOfOperator) {
        this.runtime = runtime;
        this.viewOfOperator = viewOfOperator;
    }

    /**
     * The circuit of every table and view of the catalog; operators drop the state that lies below a table's
     * watermark ({@code watermarks}, by table name; null for none).
     */
    static ProgramCircuit build(Catalog catalog, SqlOptions options, Function<String, Watermark> watermarks) {
        List<String> tables = new java.util.ArrayList<>();
        for (TableDef t : catalog.tables()) tables.add(t.name());
        return build(tables, catalog.appendOnlyTables(), catalog.views(), options, watermarks);
    }

    /**
     * Wires {@code view} alone over inputs for the relations it reads, so that an operator the engine cannot
     * run where the plan puts it (a non-linear operator inside a recursion) is reported when the view is
     * created, not at the next step.
     *
     * @throws UnsupportedSqlException naming the operator
     */
    static void check(Catalog catalog, ViewDef view, SqlOptions options) {
        try (ProgramCircuit c = build(new java.util.ArrayList<>(view.query().sources()), List.of(view), new SqlOptions(options.mode(), 1))) {
            c.schedule();
        } catch (org.jdbsp.circuit.CircuitWiringException e) {
            throw new UnsupportedSqlException("view " + view.name() + " cannot be maintained incrementally: "
                    + e.getMessage());
        }
    }

    static ProgramCircuit build(List<String> tables, List<ViewDef> views, SqlOptions options) {
        return build(tables, java.util.Set.of(), views, options, null);
    }

    /**
     * The circuit of {@code views} over inputs named {@code tables}; those in {@code appendOnly} (by
     * {@link Catalog#key}) are append-only inputs (a multi-worker step splits their rows by position, hashing none).
     */
    static ProgramCircuit build(List<String> tables, java.util.Set<String> appendOnly, List<ViewDef> views,
            SqlOptions options, Function<String, Watermark> watermarks) {
        Map<String, String> viewOf = new java.util.concurrent.ConcurrentHashMap<>();
        if (options.workers() == 1) {
            CircuitBuilder b = new CircuitBuilder(options.mode());
            wire(b, tables, appendOnly, views, viewOf, options.keepViewContents(), watermarks);
            return new ProgramCircuit(b.build(), viewOf);
        }
        return new ProgramCircuit(Workers.build(options.workers(), options.mode(),
                b -> wire(b, tables, appendOnly, views, viewOf, options.keepViewContents(), watermarks)), viewOf);
    }

    private static void wire(CircuitBuilder b, List<String> tables, java.util.Set<String> appendOnly,
            List<ViewDef> views,
            Map<String, String> viewOf, boolean keepContents, Function<String, Watermark> watermarks) {
        Map<String, Stream<Tuple>> streams = new HashMap<>();
        for (String t : tables) {
            // declared for any row: the table made each row with its own factory, so the circuit does not check
            // every change's class again at every step (a pass over the step's changes)
            InputHandle<Object> in = appendOnly.contains(Catalog.key(t)) ? b.appendOnlyInput(t, Object.class)
                    : b.input(t, Object.class);
            @SuppressWarnings("unchecked")
            Stream<Tuple> rows = (Stream<Tuple>) (Stream<?>) in.stream();
            streams.put(Catalog.key(t), rows);
        }
        Wiring w = new Wiring(b, name -> {
            Stream<Tuple> s = streams.get(Catalog.key(name));
            if (s == null) throw new IllegalStateException("no stream for " + name);
            return s;
        }, watermarks);
        for (ViewDef v : views) {
            CompiledQuery q = v.query();
            Stream<Tuple> s = w.wire(q);
            // operators are numbered in wiring order: a view owns the numbers up to the highest it wired (its
            // output, numbered next, never fails)
            viewOf.putIfAbsent(String.valueOf(b.nextOperatorNumber() - 1), v.name());
            streams.put(Catalog.key(v.name()), s);
            if (keepContents) {
                b.output(v.name(), Tuple.class, s);
            } else {
                b.outputChanges(v.name(), Tuple.class, s);
            }
        }
    }

    /** The circuit itself (for checkpoints). */
    CircuitRuntime runtime() {
        return runtime;
    }

    /** The input of {@code table}, which takes the table's rows unchecked (see {@link #wire}). */
    @SuppressWarnings("unchecked")
    private org.jdbsp.circuit.Input<Tuple> input(String table) {
        return (org.jdbsp.circuit.Input<Tuple>) (org.jdbsp.circuit.Input<?>) runtime.input(table, Object.class);
    }

    void push(String table, ZSet<Tuple> changes) {
        if (!changes.isEmpty()) input(table).push(changes);
    }

    /** Pushes {@code changes} without copying them: the caller must not use the Z-set afterwards. */
    void handOver(String table, ZSet<Tuple> changes) {
        if (!changes.isEmpty()) input(table).handOver(changes);
    }

    /** Inserts one copy of each of {@code rows[0 .. count)} into {@code table}'s input (copied; no row is read). */
    void insertAll(String table, Tuple[] rows, int count) {
        input(table).insertAll(rows, 0, count);
    }

    /** Drops the changes pushed to {@code table}'s input and not yet stepped (after a failed step). */
    void clearPending(String table) {
        input(table).clearPending();
    }

    /**
     * Runs one step.
     *
     * @throws SqlException naming the view whose operator failed, and the cause
     */
    void step() {
        try {
            runtime.step();
        } catch (org.jdbsp.circuit.OperatorFailedException e) {
            String view = viewOf(e.operator());
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String what = describe(cause);
            throw new SqlException((view != null ? "view " + view : "operator " + e.operator()) + ": " + what
                    + " (in operator " + e.operator() + ")", e);
        }
    }

    /** The number of an operator named {@code kind#n}, or 0. */
    private static int number(String operator) {
        int hash = operator.lastIndexOf('#');
        if (hash < 0) return 0;
        try {
            return Integer.parseInt(operator.substring(hash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The view whose wiring created the operator called {@code operator}, or null. */
    private String viewOf(String operator) {
        int n = number(operator);
        String best = null;
        int bestLast = Integer.MAX_VALUE;
        for (Map.Entry<String, String> e : viewOfOperator.entrySet()) {
            int last = Integer.parseInt(e.getKey());
            if (n <= last && last < bestLast) {
                bestLast = last;
                best = e.getValue();
            }
        }
        return best;
    }

    /** Rows held in the circuit's operator state (summed over workers). */
    long stateRows() {
        return runtime.stateRows();
    }

    /** A runtime error of generated code in SQL's words. */
    static String describe(Throwable cause) {
        String what = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        if (cause instanceof ArithmeticException) {
            if (what.contains("/ by zero") || what.contains("Division by zero") || what.contains("Division undefined")) {
                return "division by zero";
            }
            return what.contains("overflow") ? what : "arithmetic error: " + what;
        }
        if (cause instanceof NumberFormatException) {
            return "a value does not parse as a number: " + what.replace("For input string: ", "");
        }
        if (cause instanceof IllegalArgumentException && what.contains("not a valid")) return what;
        return what;
    }

    ZSet<Tuple> delta(String view) {
        return runtime.output(view, Tuple.class).delta();
    }

    int deltaSize(String view) {
        return runtime.output(view, Tuple.class).deltaSize();
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
