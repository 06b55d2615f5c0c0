package org.jdbsp.sql;

import org.jdbsp.sql.compiler.Catalog;
import org.jdbsp.sql.compiler.CompiledQuery;
import org.jdbsp.sql.compiler.Dml;
import org.jdbsp.sql.compiler.Planner;
import org.jdbsp.sql.compiler.Statement;
import org.jdbsp.sql.compiler.TableDef;
import org.jdbsp.sql.compiler.ViewDef;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.zset.ZSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled SQL program: tables that take changes and views kept up to date by one incremental circuit.
 *
 * <p>{@link #execute(String)} runs statements: DDL ({@code CREATE TABLE}, {@code CREATE [MATERIALIZED] VIEW},
 * {@code DROP TABLE}, {@code DROP VIEW}; {@code CREATE INDEX} and {@code DROP INDEX} are checked and recorded, and
 * build nothing: each operator keeps the index it needs) changes the program, and
 * DML ({@code INSERT}, {@code UPDATE}, {@code DELETE}) adds pending changes to tables, as the {@link SqlTable}
 * handles do. {@link #step()} applies every pending change at once and updates every view; each view's
 * {@link SqlView#changes()} then holds that step's changes. {@link #query(String)} evaluates a one-off
 * {@code SELECT} over the contents as of the last step.
 *
 * <p>The circuit is built when the first step needs it and rebuilt after DDL; a rebuilt circuit starts from the
 * tables' contents, so the first step after DDL reports whole views as changes. Not thread-safe.
 */
public final class SqlProgram implements AutoCloseable {
    private final SqlOptions options;
    private final Catalog catalog = new Catalog();
    private final Map<String, TableState> tables = new LinkedHashMap<>();
    private ProgramCircuit circuit;
    /** Whether per-operator profiling is on ({@link #profile(boolean)}): a circuit built later starts profiled. */
    private boolean profiling;
    /** The circuit was built but has run no step: its first step pushes the tables' whole contents. */
    private boolean circuitFresh;
    /** Durable programs keep the definitions they were opened with: DDL is refused. */
    private boolean durable;
    private long steps;
    private boolean closed;

    SqlProgram(SqlOptions options) {
        this.options = options;
    }

    public SqlOptions options() {
        return options;
    }

    /**
     * Runs the statements of {@code sql} in order. A statement that fails throws with its line:column; the
     * statements before it have taken effect, it and those after it have not.
     *
     * @throws SqlException for an invalid, unsupported or failing statement
     */
    public void execute(String sql) {
        checkOpen();
        for (SqlStatements.Statement s : SqlStatements.split(sql)) {
            try {
                executeOne(Statement.classify(s));
            } catch (SqlException e) {
                throw located(e, s);
            }
        }
    }

    /** The error with the statement's position in front, unless its message already starts with one. */
    private static SqlException located(SqlException e, SqlStatements.Statement s) {
        if (e.getMessage() != null && e.getMessage().startsWith("line ")) return e;
        String msg = s.where() + ": " + e.getMessage();
        return e instanceof UnsupportedSqlException ? new UnsupportedSqlException(msg) : new SqlException(msg, e);
    }

    private void executeOne(Statement st) {
        if (durable && st.kind() != Statement.Kind.INSERT && st.kind() != Statement.Kind.UPDATE
                && st.kind() != Statement.Kind.DELETE && st.kind() != Statement.Kind.STEP) {
            throw new SqlException("a durable program keeps the definitions it was opened with: " + st.firstWords()
                    + " is refused (change the script and open a new state directory)");
        }
        switch (st.kind()) {
            case CREATE_TABLE: {
                requireViewsRebuildable("CREATE TABLE");
                TableDef def = st.createTable();
                catalog.addTable(def);
                tables.put(Catalog.key(def.name()), new TableState(def));
                invalidate();
                break;
            }
            case CREATE_VIEW: {
                requireViewsRebuildable("CREATE VIEW");
                Planner planner = new Planner(catalog);
                ViewDef def = planner.view(st.viewName(), st.viewColumns(), st.viewQuery(), st.materialized());
                ProgramCircuit.check(catalog, def, options);
                catalog.addView(def);
                invalidate();
                break;
            }
            case CREATE_INDEX: {
                Statement.IndexDef index = st.createIndex();
                catalog.addIndex(index.name(), index.table(), index.columns(), index.ifNotExists());
                break;
            }
            case DROP_INDEX: {
                String name = st.dropName();
                if (!catalog.dropIndex(name) && !st.ifExists()) throw new SqlException("unknown index " + name);
                break;
            }
            case DROP_TABLE:
            case DROP_VIEW: {
                String name = st.dropName();
                if (name.equalsIgnoreCase("cascade") || name.equalsIgnoreCase("restrict")) {
                    throw new SqlException("DROP needs a name");
                }
                boolean isTable = st.kind() == Statement.Kind.DROP_TABLE;
                if (!catalog.exists(name, isTable)) {
                    if (st.ifExists()) break;
                    throw new SqlException("unknown " + (isTable ? "table " : "view ") + name);
                }
                requireViewsRebuildable(isTable ? "DROP TABLE" : "DROP VIEW");
                catalog.drop(name, isTable, st.cascade());
                if (isTable) tables.remove(Catalog.key(name));
                invalidate();
                break;
            }
            case INSERT:
            case UPDATE:
            case DELETE: {
                Dml dml = new Planner(catalog).dml(st);
                TableState t = tableState(dml.table());
                t.apply(t.changesOf(dml, this::currentContents));
                break;
            }
            case STEP:
                step();
                break;
            case QUERY:
                throw new SqlException("a query is not a statement of a program: use query(sql), or CREATE VIEW");
            default:
                throw new UnsupportedSqlException("statement " + st.firstWords() + " is not supported");
        }
    }

    /**
     * Evaluates a {@code SELECT} (or {@code VALUES}, {@code WITH}) over the contents of tables and views as of
     * the last step. Rows come in the query's {@code ORDER BY} order where it has one (then by value), else by
     * value.
     *
     * @throws SqlException for an invalid, unsupported or failing query
     */
    public Rows query(String select) {
        checkOpen();
        List<SqlStatements.Statement> list = SqlStatements.split(select);
        if (list.size() != 1) throw new SqlException("query() takes one statement, got " + list.size());
        SqlStatements.Statement s = list.get(0);
        try {
            CompiledQuery q = new Planner(catalog).query(Statement.classify(s).asQuery());
            ZSet<Tuple> result = OneShot.run(q, this::committedContents, options);
            return new Rows(q.schema(), result, q.order(), q.project());
        } catch (SqlException e) {
            throw located(e, s);
        }
    }

    /**
     * Applies every pending change and updates every view. When a view's computation fails (an arithmetic
     * overflow, a division by zero), the step's changes are discarded, tables and views stay as they were, and
     * the exception names the operator.
     */
    public void step() {
        checkOpen();
        if (catalog.views().isEmpty()) {
            for (TableState t : tables.values()) t.commitPending();
            steps++;
            return;
        }
        boolean fresh = circuit == null || circuitFresh;
        if (circuit == null) {
            for (TableState t : tables.values()) t.startingContents(); // refuses before anything is built
            circuit = buildCircuit();
        }
        for (TableState t : tables.values()) {
            // a new circuit starts from nothing: its first change is the whole current contents
            if (fresh) circuit.push(t.def.name(), t.startingContents());
            else t.handTo(circuit);
        }
        try {
            circuit.step();
        } catch (SqlException e) {
            for (TableState t : tables.values()) t.discardPending();
            if (fresh) {
                // its first step was the tables' whole contents: the next step builds it again
                circuit.close();
                circuit = null;
                circuitFresh = false;
            } else {
                // a failed step leaves every operator as it was, and its input pending: drop that
                for (TableState t : tables.values()) circuit.clearPending(t.def.name());
            }
            throw new SqlException("step " + (steps + 1) + " failed and its changes are discarded: "
                    + e.getMessage(), e.getCause());
        }
        for (TableState t : tables.values()) t.commitPending();
        circuitFresh = false;
        steps++;
    }

    // ---- durability (DurableSqlProgram) ---------------------------------------------------------------------

    /** From now on DDL is refused. */
    void makeDurable() {
        durable = true;
    }


    /**
     * Saves the tables (rows, watermarks, late counts) and the views' state after the last step into {@code store}
     * (SQL rows are written by {@link org.jdbsp.sql.runtime.TupleCodec}, added to the store's codecs).
     *
     * @throws IllegalStateException if changes are pending (step first)
     */
    public org.jdbsp.circuit.CheckpointStore.Saved checkpoint(org.jdbsp.circuit.CheckpointStore store) {
        checkOpen();
        if (hasPendingChanges()) {
            throw new IllegalStateException("checkpoint: changes are pending; checkpoints are taken between steps, so"
                    + " step first");
        }
        return withRows(store).save(checkpointCircuit(), steps, Map.of(stateName(), checkpointState()));
    }

    /**
     * Restores the newest usable checkpoint of {@code store} into this program, which must be freshly compiled from
     * the same definitions and have run no step; afterwards it stands at the checkpoint's step.
     *
     * @return the checkpoint restored, or empty if the store holds none
     * @throws org.jdbsp.circuit.state.CheckpointException if the checkpoint is of other definitions
     * @throws IllegalStateException if the program has run a step or has changes pending
     */
    public java.util.Optional<org.jdbsp.circuit.CheckpointStore.Restored> restore(
            org.jdbsp.circuit.CheckpointStore store) {
        checkOpen();
        if (steps != 0 || hasPendingChanges()) {
            throw new IllegalStateException("restore into a program that has run " + steps + " steps or has changes "
                    + "pending: restore into a freshly compiled program");
        }
        return withRows(store).restore(checkpointCircuit(), Map.of(stateName(), checkpointState()));
    }

    /**
     * The name the program's own state is saved under, which enters the checkpoint's fingerprint: it carries a digest
     * of the tables' definitions (columns, types, keys, watermarks), so that a checkpoint of other tables is refused.
     */
    private String stateName() {
        StringBuilder s = new StringBuilder();
        for (TableState t : tables.values()) {
            TableDef d = t.def;
            s.append(d.name()).append(d.schema()).append(java.util.Arrays.toString(d.primaryKey()))
                    .append(d.appendOnly()).append(d.watermarkColumn()).append(' ').append(d.lateness()).append('\n');
        }
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sql program " + java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.jdbsp.circuit.CheckpointStore withRows(org.jdbsp.circuit.CheckpointStore store) {
        return store.codecs(store.codecs().with(org.jdbsp.sql.runtime.Tuple.class,
                org.jdbsp.sql.runtime.TupleCodec.INSTANCE));
    }

    /** The views' circuit, profiled if profiling is on. */
    private ProgramCircuit buildCircuit() {
        ProgramCircuit c = ProgramCircuit.build(catalog, options, this::watermarkOf);
        if (profiling) c.runtime().profile(true);
        return c;
    }

    /**
     * Switches per-operator profiling of the views' circuit on (starting afresh) or off. While on, every step
     * measures each operator's eval and commit time and the bytes it allocates (two clock and two counter reads per
     * operator and phase), also in a circuit built later (the first step builds it). Operators are named by their
     * kind and their number in the program's circuit.
     */
    public void profile(boolean on) {
        checkOpen();
        profiling = on;
        if (circuit != null) circuit.runtime().profile(on);
    }

    /**
     * Where the steps went, per operator, since profiling was switched on: time and allocation per operator, and
     * the slowest steps with the operator that took most of each.
     *
     * @throws SqlException if profiling is off, or no step has run the views' circuit yet
     */
    public org.jdbsp.circuit.OperatorProfile profile() {
        checkOpen();
        if (!profiling) throw new SqlException("profiling is off: call profile(true) first");
        if (circuit == null) {
            throw new SqlException("no profile yet: the views' circuit is built and profiled at the first step");
        }
        return circuit.runtime().profile();
    }

    /**
     * The views' circuit for a checkpoint, built now (fresh) if the views have none yet; null without views. The
     * same program builds the same circuit at save and at restore.
     */
    private org.jdbsp.circuit.CircuitRuntime checkpointCircuit() {
        if (catalog.views().isEmpty()) return null;
        if (circuit == null) {
            circuit = buildCircuit();
            circuitFresh = true;
        }
        return circuit.runtime();
    }

    /** The program's own state beside the circuit: the step count, the tables, whether the circuit is fresh. */
    private org.jdbsp.circuit.state.Checkpointable checkpointState() {
        return new org.jdbsp.circuit.state.Checkpointable() {
            @Override
            public void writeState(org.jdbsp.circuit.state.StateWriter out) {
                out.writeVarLong(steps);
                out.writeBoolean(circuitFresh);
                out.writeVarLong(tables.size());
                for (TableState t : tables.values()) {
                    out.writeString(t.def.name());
                    t.writeState(out);
                }
            }

            @Override
            public void readState(org.jdbsp.circuit.state.StateReader in) {
                steps = in.readVarLong();
                circuitFresh = in.readBoolean();
                int n = in.readSize();
                if (n != tables.size()) throw in.corrupt(n + " tables; the program has " + tables.size());
                for (TableState t : tables.values()) {
                    String name = in.readString();
                    if (!name.equals(t.def.name())) {
                        throw in.corrupt("table " + name + " where " + t.def.name() + " is");
                    }
                    t.readState(in);
                }
            }
        };
    }

    /** Writes every table's pending changes (for a journal). */
    void writePending(org.jdbsp.circuit.state.StateWriter out) {
        out.writeVarLong(tables.size());
        for (TableState t : tables.values()) {
            out.writeString(t.def.name());
            t.writePending(out);
        }
    }

    /** Makes pending the changes {@link #writePending} wrote. */
    void replayPending(org.jdbsp.circuit.state.StateReader in) {
        int n = in.readSize();
        if (n != tables.size()) throw in.corrupt(n + " tables; the program has " + tables.size());
        for (TableState t : tables.values()) {
            String name = in.readString();
            if (!name.equals(t.def.name())) {
                throw in.corrupt("table " + name + " where " + t.def.name() + " is");
            }
            t.replayPending(in);
        }
    }

    /** The watermark of table {@code name}, or null when it has none. */
    private org.jdbsp.operators.window.Watermark watermarkOf(String name) {
        TableState t = tables.get(Catalog.key(name));
        return t == null ? null : t.watermark();
    }

    /** True when a table holds changes not yet applied by {@link #step()}. */
    public boolean hasPendingChanges() {
        for (TableState t : tables.values()) {
            if (t.hasPending()) return true;
        }
        return false;
    }

    /**
     * Rows held in the operator state of the views' circuit, summed over workers (0 before the first step): what
     * maintaining the views costs in memory, besides the tables' own contents.
     */
    public long stateRows() {
        return circuit == null ? 0 : circuit.stateRows();
    }

    /** The number of completed steps. */
    public long stepCount() {
        return steps;
    }

    /** The table called {@code name}. @throws SqlException if there is none */
    public SqlTable table(String name) {
        return new SqlTable(tableState(name));
    }

    /** The view called {@code name}. @throws SqlException if there is none */
    public SqlView view(String name) {
        ViewDef def = catalog.view(name);
        return new SqlView(this, def.name(), def.schema());
    }

    /** The tables' names, in the order they were created. */
    public List<String> tableNames() {
        List<String> out = new ArrayList<>();
        for (TableState t : tables.values()) out.add(t.def.name());
        return out;
    }

    /** The views' names, in the order they were created. */
    public List<String> viewNames() {
        return catalog.viewNames();
    }

    /** The view's optimised logical plan (Calcite's) and the circuit that maintains it. */
    public String explain(String view) {
        ViewDef def = catalog.view(view);
        return "plan:\n" + def.explainPlan() + "circuit:\n" + Explain.circuit(def, options, catalog.appendOnlyTables(),
                this::watermarkOf);
    }

    int viewChangeCount(String name) {
        ViewDef def = catalog.view(name);
        return circuit == null ? 0 : circuit.deltaSize(def.name());
    }

    ZSet<Tuple> viewDelta(String name) {
        ViewDef def = catalog.view(name);
        if (circuit == null) return new ZSet<>();
        return circuit.delta(def.name());
    }

    ZSet<Tuple> viewContents(String name) {
        ViewDef def = catalog.view(name);
        if (!options.keepViewContents()) {
            throw new SqlException("view " + def.name() + " keeps no contents (the program runs with"
                    + " SqlOptions.withViewContents(false)): read its changes");
        }
        if (circuit == null) {
            // not stepped since it was defined: compute the contents from the committed tables
            return OneShot.run(def.query(), this::committedContents, options);
        }
        return circuit.contents(def.name());
    }

    private TableState tableState(String name) {
        TableState t = tables.get(Catalog.key(name));
        if (t == null) throw new SqlException("unknown table " + name);
        return t;
    }

    /** A table's committed contents or a view's contents as of the last step. */
    private ZSet<Tuple> committedContents(String relation) {
        TableState t = tables.get(Catalog.key(relation));
        return t != null ? t.committed() : viewContents(relation);
    }

    /** A table's contents with its pending changes, or a view's contents as of the last step. */
    private ZSet<Tuple> currentContents(String relation) {
        TableState t = tables.get(Catalog.key(relation));
        return t != null ? t.current() : viewContents(relation);
    }

    /**
     * DDL rebuilds the views' circuit from the tables' contents: refused, before anything changes, while an
     * append-only table (which keeps no contents) has committed rows.
     */
    private void requireViewsRebuildable(String what) {
        for (TableState t : tables.values()) {
            if (t.appendOnly() && t.rowsNotKept() > 0) {
                throw new SqlException(what + " would rebuild the views from the tables, but append-only table "
                        + t.def.name() + " does not keep its " + t.rowsNotKept() + " rows: define tables and views"
                        + " before inserting into it");
            }
        }
    }

    /** Tells each table whether a view reads it (an unread append-only table then only counts its rows). */
    private void markReadTables() {
        java.util.Set<String> read = new java.util.HashSet<>();
        for (ViewDef v : catalog.views()) read.addAll(v.query().sources());
        for (Map.Entry<String, TableState> e : tables.entrySet()) e.getValue().readByViews(read.contains(e.getKey()));
    }

    private void invalidate() {
        markReadTables();
        if (circuit != null) {
            circuit.close();
            circuit = null;
        }
        circuitFresh = false;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the program is closed");
    }

    @Override
    public void close() {
        closed = true;
        invalidate();
    }
}
