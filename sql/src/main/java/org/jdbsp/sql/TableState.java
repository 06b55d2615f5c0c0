package org.jdbsp.sql;

import org.jdbsp.operators.window.Watermark;
import org.jdbsp.operators.window.WatermarkFeed;
import org.jdbsp.sql.compiler.Dml;
import org.jdbsp.sql.compiler.TableDef;
import org.jdbsp.sql.compiler.Shapes;
import org.jdbsp.sql.runtime.RowClasses;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.TupleFactory;
import org.jdbsp.sql.runtime.Values;
import org.jdbsp.zset.ZSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A table's rows: the current contents (those committed by the last step plus the pending changes), the pending
 * changes of the next step, and for a table with a primary key the current row of each key. Changes are built and
 * checked as a {@link Batch} against the current state without touching it, then applied whole. Costs O(1)
 * expected per changed row: one lookup in the contents and one in the pending changes; a step adds nothing. A table
 * with a watermark ({@code WATERMARK FOR} / {@code LATENESS}) ignores every change whose time lies below the
 * watermark as of the start of the next step, counting it as late, and advances the watermark when a step commits.
 */
final class TableState {
    final TableDef def;
    /** Committed contents plus pending changes, kept as changes come. */
    private final ZSet<Tuple> current = new ZSet<>();
    private ZSet<Tuple> pending = new ZSet<>();
    /** The most rows a new pending Z-set is sized for (a larger step grows it as its rows come). */
    private static final int PRESIZED_ROWS = 1 << 16;
    /** Current (committed plus pending) row of each primary key; null for a table without one. */
    private final Map<Tuple, Tuple> byKey;
    /** Makes the table's rows, of the generated class of its shape. */
    private final TupleFactory factory;
    /** The converted values of the row being made (the factory does not keep the array). */
    private final Object[] scratch;
    /** An append-only table keeps no contents ({@link #current} stays empty): only the rows committed, counted. */
    private final boolean appendOnly;
    private long appendedRows;
    /** Whether a view reads this table: an append-only table no view reads only counts its rows. */
    private boolean read = true;
    private long unreadPending;
    /**
     * The pending insertions of an append-only table a view reads, in arrival order: a step hands them to the
     * circuit's input in one array copy, so the rows are not hashed into a Z-set here first ({@link #pending} stays
     * empty for such a table). The array is reused from step to step.
     */
    private Tuple[] appended = new Tuple[16];
    private int appendedCount;
    /** The table's event-time column, or -1; the watermark it advances and the watermark's value (cached). */
    private final int timeColumn;
    private final WatermarkFeed feed;
    private long watermark = Long.MIN_VALUE;
    /** The highest time among the pending insertions accepted, and the late changes dropped, this step. */
    private long pendingMaxTime = Long.MIN_VALUE;
    private long pendingLate;

    TableState(TableDef def) {
        this.def = def;
        this.factory = RowClasses.factory(Shapes.of(def.schema()));
        this.scratch = new Object[def.schema().size()];
        this.byKey = def.hasPrimaryKey() ? new HashMap<>() : null;
        this.appendOnly = def.appendOnly();
        this.timeColumn = def.watermarkColumn();
        this.feed = def.hasWatermark() ? new WatermarkFeed(def.lateness()) : null;
    }

    /** The watermark that windowed operators over this table may drop state below, or null without one. */
    Watermark watermark() {
        return feed == null ? null : feed.watermark();
    }

    /** Changes dropped because their time was below the watermark, over all committed steps. */
    long lateRows() {
        return feed == null ? 0 : feed.watermark().lateRecords();
    }

    /**
     * Whether a change of {@code row} is late: the table has a watermark and the row's time is below it (as of the
     * start of the next step). A late change is counted and ignored. Otherwise, an insertion's time may advance
     * the watermark when the step commits.
     */
    private boolean late(Tuple row, long weight) {
        if (timeColumn < 0 || row.isNull(timeColumn)) return false;
        return lateAt(row.getLong(timeColumn), weight);
    }

    /** {@link #late} of a change at time {@code t}. */
    private boolean lateAt(long t, long weight) {
        if (t < watermark) {
            pendingLate += Math.abs(weight);
            return true;
        }
        if (weight > 0 && t > pendingMaxTime) pendingMaxTime = t;
        return false;
    }

    /** Whether the table keeps no contents. */
    boolean appendOnly() {
        return appendOnly;
    }

    /** Tells the table whether any view reads it (after DDL). */
    void readByViews(boolean read) {
        this.read = read;
    }

    /** Rows committed to an append-only table (it keeps no contents to read). */
    long appendedRows() {
        return appendedRows;
    }

    /** Rows of an append-only table that no circuit could be rebuilt from: committed ones, and unread pending. */
    long rowsNotKept() {
        return appendedRows + unreadPending;
    }

    /** Whether changes wait for the next step. */
    boolean hasPending() {
        return !pending.isEmpty() || unreadPending != 0 || appendedCount != 0;
    }

    private SqlException notKept(String what) {
        return new SqlException("table " + def.name() + " is append-only: its rows are not kept, so " + what
                + " cannot read them (read the views over it)");
    }

    private SqlException noDeletes(String where) {
        return new SqlException(where + ": table " + def.name() + " is append-only: rows cannot be deleted or"
                + " updated");
    }

    /** The contents as of the last step: a new Z-set when changes are pending. */
    ZSet<Tuple> committed() {
        if (appendOnly) {
            if (appendedRows == 0) return new ZSet<>();
            throw notKept("reading the table");
        }
        return pending.isEmpty() ? current : current.minus(pending);
    }

    /** The number of rows as of the last step, counting duplicates. */
    long committedSize() {
        return appendOnly ? appendedRows : current.totalWeight() - pending.totalWeight();
    }

    /** Hands the pending changes to {@code table}'s input of {@code circuit}, which takes them over. */
    void handTo(ProgramCircuit circuit) {
        if (appendedCount > 0) circuit.insertAll(def.name(), appended, appendedCount);
        else circuit.handOver(def.name(), pending);
    }

    /** The pending changes as a Z-set (a new one for an append-only table's insertions). */
    private ZSet<Tuple> pendingZSet() {
        if (appendedCount == 0) return pending;
        ZSet<Tuple> z = new ZSet<>(appendedCount);
        for (int i = 0; i < appendedCount; i++) z.add(appended[i], 1);
        return z;
    }

    /** Adds one insertion to an append-only table's pending ones. */
    private void append(Tuple row) {
        if (appendedCount == appended.length) appended = java.util.Arrays.copyOf(appended, appendedCount * 2);
        appended[appendedCount++] = row;
    }

    /** Forgets an append-only table's pending insertions (committed or discarded). */
    private void clearAppended() {
        java.util.Arrays.fill(appended, 0, appendedCount, null);
        appendedCount = 0;
    }

    /** Committed contents plus pending changes (the live set: read it, do not keep it). */
    ZSet<Tuple> current() {
        if (appendOnly) throw notKept("a statement reading it");
        return current;
    }

    /**
     * What a circuit built now must start from: the current contents, or for an append-only table its pending
     * rows, which is all it has while nothing was committed.
     */
    ZSet<Tuple> startingContents() {
        if (!appendOnly) return current;
        if (appendedRows > 0) {
            throw new SqlException("the views cannot be rebuilt over append-only table " + def.name() + ": its "
                    + appendedRows + " committed rows are not kept (define the views before inserting rows)");
        }
        return pendingZSet();
    }

    /**
     * Commits the pending changes (already in the current contents) and starts the next step's pending set in a
     * new table (the step may have taken the last one over), sized like the last.
     */
    void commitPending() {
        if (appendOnly) appendedRows += pending.totalWeight() + unreadPending + appendedCount;
        unreadPending = 0;
        clearAppended();
        freshPending();
        if (feed != null) {
            feed.commit(pendingMaxTime, pendingLate);
            watermark = feed.watermark().current();
            pendingMaxTime = Long.MIN_VALUE;
            pendingLate = 0;
        }
    }

    private void freshPending() {
        // sized like the last step's (up to PRESIZED_ROWS), so that a stream of equal batches does not rehash
        if (!pending.isEmpty()) pending = new ZSet<>(Math.min(pending.size(), PRESIZED_ROWS));
    }

    /** Takes the pending changes back out of the current contents and drops them. */
    void discardPending() {
        pendingMaxTime = Long.MIN_VALUE;
        pendingLate = 0;
        if (appendOnly) {
            unreadPending = 0;
            clearAppended();
            freshPending();
            return;
        }
        current.addAll(pending, -1);
        freshPending();
        if (byKey != null) {
            byKey.clear();
            for (int s = current.nextSlot(0); s >= 0; s = current.nextSlot(s + 1)) {
                if (current.weightAt(s) > 0) byKey.put(key(current.elementAt(s)), current.elementAt(s));
            }
        }
    }

    void requireKey(String what) {
        if (!def.hasPrimaryKey()) throw new SqlException(what + " needs a primary key; table " + def.name() + " has none");
    }

    /** A change of one row: +1 or -1. */
    record Change(Tuple row, long weight) {
    }

    /** Applies checked changes to the pending ones; returns the number of inserted rows. */
    int apply(List<Change> changes) {
        int inserted = 0;
        for (Change c : changes) {
            if (late(c.row(), c.weight())) continue;
            if (appendOnly && !read) unreadPending += c.weight();
            else if (appendOnly) append(c.row()); // an append-only table's changes are all single insertions
            else pending.add(c.row(), c.weight());
            if (!appendOnly) current.add(c.row(), c.weight());
            if (byKey != null) {
                if (c.weight() > 0) byKey.put(key(c.row()), c.row());
                else byKey.remove(key(c.row()));
            }
            if (c.weight() > 0) inserted++;
        }
        return inserted;
    }

    /** Inserts one row given by the user; a table without a primary key builds no change list. */
    void insertOne(Object[] values, String where) {
        insertRow(toTuple(values, where, -1), where);
    }

    /**
     * Whether an inserted row need not even be made: the table is append-only, keeps no key and no view reads it,
     * so it only counts its rows ({@link #countRow}).
     */
    boolean countsOnly() {
        return appendOnly && !read && byKey == null;
    }

    /**
     * Counts one inserted row of a table that {@link #countsOnly}, given its event time ({@code timeIsNull}, or
     * {@code time}; ignored without a watermark): a late row is counted as late, as {@link #insertRow} would.
     */
    void countRow(boolean timeIsNull, long time) {
        if (timeColumn >= 0 && !timeIsNull && lateAt(time, 1)) return;
        unreadPending++;
    }

    /** Inserts one checked row. */
    void insertRow(Tuple row, String where) {
        if (byKey != null) {
            Batch b = new Batch();
            b.insert(row, where);
            apply(b.changes);
            return;
        }
        if (late(row, 1)) return;
        if (appendOnly && !read) { // nothing reads it and it keeps nothing: the row is only counted
            unreadPending++;
            return;
        }
        if (appendOnly) {
            append(row);
            return;
        }
        int hash = row.hashCode(); // once for both tables
        pending.addHashed(row, hash, 1);
        current.addHashed(row, hash, 1);
    }

    /** Inserts {@code rows[0 .. count)}, each checked already, as {@link #insertRow} would one by one. */
    void insertRows(Tuple[] rows, int count, String where) {
        if (byKey != null || !appendOnly) {
            for (int i = 0; i < count; i++) insertRow(rows[i], where);
            return;
        }
        if (timeColumn < 0 && read) { // no row can be late: one copy
            if (appendedCount + count > appended.length) {
                appended = java.util.Arrays.copyOf(appended, Math.max(appendedCount + count, appended.length * 2));
            }
            System.arraycopy(rows, 0, appended, appendedCount, count);
            appendedCount += count;
            return;
        }
        for (int i = 0; i < count; i++) {
            Tuple row = rows[i];
            if (late(row, 1)) continue;
            if (read) append(row);
            else unreadPending++;
        }
    }

    /** Deletes one row given by the user, checked to be there first. */
    void deleteOne(Object[] values, String where) {
        deleteRow(toTuple(values, where, -1), where);
    }

    /** Deletes one checked row, checked to be there first. */
    void deleteRow(Tuple row, String where) {
        if (appendOnly) throw noDeletes(where);
        if (byKey != null) {
            Batch b = new Batch();
            b.delete(row, where);
            apply(b.changes);
            return;
        }
        int hash = row.hashCode(); // once for both tables
        if (current.addHashed(row, hash, -1) < 0) { // one lookup: take the row out, put it back if it was not there
            current.addHashed(row, hash, 1);
            throw new SqlException(where + ": cannot delete " + row + ": no such row in " + def.name());
        }
        if (late(row, -1)) {
            current.addHashed(row, hash, 1);
            return;
        }
        pending.addHashed(row, hash, -1);
    }

    /** Makes the table's rows (of its shape's generated class). */
    TupleFactory factory() {
        return factory;
    }

    List<Change> keyDeletion(Object[] key, String where) {
        requireKey("delete by key");
        if (key == null || key.length != def.primaryKey().length) {
            throw new SqlException(where + ": the key of " + def.name() + " has " + def.primaryKey().length
                    + " columns " + def.primaryKeyNames() + ", got " + (key == null ? 0 : key.length) + " values");
        }
        Object[] k = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            int col = def.primaryKey()[i];
            k[i] = convert(key[i], col, where, -1);
        }
        Tuple row = byKey.get(Tuple.of(k));
        if (row == null) {
            throw new SqlException(where + ": no row of " + def.name() + " has key " + java.util.Arrays.toString(key));
        }
        return List.of(new Change(row, -1));
    }

    /** The changes of an INSERT, UPDATE or DELETE evaluated over the current contents. */
    List<Change> changesOf(Dml dml, Function<String, ZSet<Tuple>> contents) {
        String where = dml.kind().name().toLowerCase(java.util.Locale.ROOT) + " on " + def.name();
        if (appendOnly && dml.kind() != Dml.Kind.INSERT) throw noDeletes(where); // before reading the table
        ZSet<Tuple> rows = OneShot.run(dml.query(), contents, SqlOptions.incremental());
        Batch b = new Batch();
        int n = def.schema().size();
        int[] targets = dml.targetColumns();
        int rowNo = 0;
        for (Tuple t : sorted(rows)) {
            long w = rows.weight(t);
            rowNo++;
            switch (dml.kind()) {
                case INSERT: {
                    Object[] v = new Object[n];
                    for (int i = 0; i < targets.length; i++) v[targets[i]] = t.get(i);
                    Tuple row = toTuple(v, where, rowNo);
                    for (long k = 0; k < w; k++) b.insert(row, where);
                    break;
                }
                case DELETE:
                    for (long k = 0; k < w; k++) b.delete(t, where);
                    break;
                case UPDATE: {
                    Object[] v = new Object[n];
                    t.copyTo(0, v, 0, n);
                    Tuple old = factory.make(v); // the factory copies: v goes on to make the new row
                    for (int i = 0; i < targets.length; i++) v[targets[i]] = t.get(n + i);
                    Tuple row = toTuple(v, where, rowNo);
                    for (long k = 0; k < w; k++) {
                        b.delete(old, where);
                        b.insert(row, where);
                    }
                    break;
                }
                default:
                    throw new IllegalStateException();
            }
        }
        return b.changes;
    }

    private static List<Tuple> sorted(ZSet<Tuple> rows) {
        List<Tuple> list = new ArrayList<>();
        for (int s = rows.nextSlot(0); s >= 0; s = rows.nextSlot(s + 1)) list.add(rows.elementAt(s));
        list.sort(org.jdbsp.sql.runtime.TupleOrder.INSTANCE);
        return list;
    }

    /** Rows of a batch (CSV, JSON Lines) as inserts, checked whole before any is applied. */
    List<Change> insertions(List<Object[]> rows, String where) {
        Batch b = new Batch();
        int i = 0;
        for (Object[] values : rows) {
            i++;
            b.insert(toTuple(values, where, i), where);
        }
        return b.changes;
    }

    /** A user's row as a tuple of internal values, checked against the schema. */
    Tuple toTuple(Object[] values, String where, int rowNo) {
        Schema s = def.schema();
        String at = rowNo < 0 ? where : where + ", row " + rowNo;
        if (values == null) throw new SqlException(at + ": a row is required, got null");
        if (values.length != s.size()) {
            throw new SqlException(at + ": table " + def.name() + " has " + s.size() + " columns " + names()
                    + ", got " + values.length + " values");
        }
        Object[] v = scratch;
        for (int i = 0; i < v.length; i++) v[i] = convert(values[i], i, where, rowNo);
        return factory.make(v);
    }

    /**
     * A user's value as the internal value of column {@code col}, checked (NULL into NOT NULL, type, range); a
     * failure names {@code where}, the row's number in a batch ({@code rowNo >= 0}) and the column.
     */
    Object convert(Object value, int col, String where, int rowNo) {
        Column c = def.schema().column(col);
        if (value == null) {
            if (!c.nullable()) throw new SqlException(at(where, rowNo, c) + ": NULL in a NOT NULL column");
            return null;
        }
        try {
            return Values.fromJava(c.type(), value);
        } catch (SqlException e) {
            throw new SqlException(at(where, rowNo, c) + ": " + e.getMessage());
        }
    }

    /** Where a value is, for a message: the operation, the row's number in a batch, the column. */
    private static String at(String where, int rowNo, Column c) {
        return (rowNo < 0 ? where : where + ", row " + rowNo) + ", column " + c.name();
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        for (Column c : def.schema().columns()) out.add(c.name());
        return out;
    }

    private Tuple key(Tuple row) {
        int[] pk = def.primaryKey();
        Object[] k = new Object[pk.length];
        for (int i = 0; i < pk.length; i++) k[i] = row.get(pk[i]);
        return Tuple.of(k);
    }


    /** Changes being checked against the current state plus the batch's own earlier changes. */
    private final class Batch {
        final List<Change> changes = new ArrayList<>(2);
        /** The batch's own changes, kept once it has more than one (a single change checks the table alone). */
        private ZSet<Tuple> delta;
        private Map<Tuple, Tuple> keys;
        private Map<Tuple, Boolean> keyDeleted;

        private void track() {
            if (delta == null) {
                delta = new ZSet<>();
                for (Change c : changes) delta.add(c.row(), c.weight());
                keys = new HashMap<>();
                keyDeleted = new HashMap<>();
            }
        }

        void insert(Tuple row, String where) {
            if (byKey != null) {
                track();
                Tuple k = key(row);
                Tuple old = keys.containsKey(k) ? keys.get(k) : Boolean.TRUE.equals(keyDeleted.get(k)) ? null : byKey.get(k);
                if (old != null) {
                    if (old.equals(row)) return;
                    add(old, -1);
                }
                keys.put(k, row);
                keyDeleted.remove(k);
            }
            add(row, 1);
        }

        void delete(Tuple row, String where) {
            if (appendOnly) throw noDeletes(where);
            long now = current.weight(row) + (delta == null ? 0 : delta.weight(row));
            if (now <= 0) throw new SqlException(where + ": cannot delete " + row + ": no such row in " + def.name());
            if (byKey != null) {
                track();
                Tuple k = key(row);
                keys.remove(k);
                keyDeleted.put(k, Boolean.TRUE);
            }
            add(row, -1);
        }

        private void add(Tuple row, long w) {
            if (!changes.isEmpty()) track();
            changes.add(new Change(row, w));
            if (delta != null) delta.add(row, w);
        }
    }

    // ---- durability -----------------------------------------------------------------------------------------

    /** Writes the committed contents (none for an append-only table), the rows appended and the watermark. */
    void writeState(org.jdbsp.circuit.state.StateWriter out) {
        out.writeZSet(appendOnly ? new ZSet<>() : committed());
        out.writeVarLong(appendedRows);
        out.writeBoolean(feed != null);
        if (feed != null) {
            out.writeLong(feed.watermark().current());
            out.writeVarLong(feed.watermark().lateRecords());
        }
    }

    /** Reads what {@link #writeState} wrote into this fresh table. */
    void readState(org.jdbsp.circuit.state.StateReader in) {
        ZSet<Tuple> rows = in.readZSet();
        current.addAll(rows);
        if (byKey != null) {
            for (int s = current.nextSlot(0); s >= 0; s = current.nextSlot(s + 1)) {
                if (current.weightAt(s) > 0) byKey.put(key(current.elementAt(s)), current.elementAt(s));
            }
        }
        appendedRows = in.readVarLong();
        if (in.readBoolean() != (feed != null)) {
            throw in.corrupt("table " + def.name() + ": the watermark was " + (feed == null ? "" : "not ")
                    + "saved");
        }
        if (feed != null) {
            feed.restore(in.readLong(), in.readVarLong());
            watermark = feed.watermark().current();
        }
    }

    /** Writes the pending changes of the next step, for a journal: rows, rows only counted, max time, late count. */
    void writePending(org.jdbsp.circuit.state.StateWriter out) {
        out.writeZSet(pendingZSet());
        out.writeVarLong(unreadPending);
        out.writeLong(pendingMaxTime);
        out.writeVarLong(pendingLate);
    }

    /** Makes pending what {@link #writePending} wrote (checked when first applied): deletions, then insertions. */
    void replayPending(org.jdbsp.circuit.state.StateReader in) {
        ZSet<Tuple> z = in.readZSet();
        for (int pass = 0; pass < 2; pass++) {
            for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
                long w = z.weightAt(s);
                if ((pass == 0) != (w < 0)) continue;
                Tuple row = z.elementAt(s);
                if (appendOnly && w > 0) {
                    for (long k = 0; k < w; k++) append(row);
                    continue;
                }
                pending.add(row, w);
                if (!appendOnly) current.add(row, w);
                if (byKey != null) {
                    if (w > 0) byKey.put(key(row), row);
                    else byKey.remove(key(row));
                }
            }
        }
        unreadPending += in.readVarLong();
        pendingMaxTime = Math.max(pendingMaxTime, in.readLong());
        pendingLate += in.readVarLong();
    }
}
