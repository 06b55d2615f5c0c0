package org.jdbsp.sql;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * A table of a {@link SqlProgram}: the handle that takes its changes. Changes are pending until the program's
 * next {@link SqlProgram#step()}, which applies them all at once and updates every view. Each call checks its
 * rows completely (arity, types, NOT NULL, primary key, a delete of a row that is not there) before anything
 * changes: a rejected call leaves the table as it was, and a batch (CSV, JSON Lines) is taken whole or not at
 * all. A row is given as its column values in order, as the Java values {@link Row#get} returns (integers may be
 * given as any integer type, strings are parsed for other types).
 */
public final class SqlTable {
    private final TableState state;
    private final String insertWhere;
    private final String deleteWhere;

    SqlTable(TableState state) {
        this.state = state;
        this.insertWhere = "insert into " + state.def.name();
        this.deleteWhere = "delete from " + state.def.name();
    }

    public String name() {
        return state.def.name();
    }

    public Schema schema() {
        return state.def.schema();
    }

    /** The primary key's column names, empty when the table has none. */
    public List<String> primaryKey() {
        return state.def.primaryKeyNames();
    }

    /** Inserts a row; into a table with a primary key, a row whose key exists replaces the existing row. */
    public void insert(Object... values) {
        state.insertOne(values, insertWhere);
    }

    /** Inserts or replaces the row with this row's primary key. */
    public void upsert(Object... values) {
        state.requireKey("upsert");
        insert(values);
    }

    /** Deletes one copy of this row. */
    public void delete(Object... values) {
        state.deleteOne(values, deleteWhere);
    }

    /**
     * A new reusable row of this table, set column by column and then inserted or deleted, without boxing
     * numbers: the fast way to feed a table from Java.
     */
    public RowWriter writer() {
        return new RowWriter(state);
    }

    /** A new empty batch of rows for this table, filled by a {@link RowWriter} ({@link RowWriter#addTo}). */
    public RowBatch newBatch() {
        return new RowBatch(state);
    }

    /**
     * Inserts every row of {@code batch}, in order, as {@link RowWriter#insert()} would (the rows were checked
     * when they were added). The batch keeps its rows: {@link RowBatch#clear()} it to reuse it.
     */
    public void insert(RowBatch batch) {
        if (batch == null) throw new SqlException(insertWhere + ": the batch is null");
        if (batch.table != state) {
            throw new SqlException(insertWhere + ": the batch is of table " + batch.table()
                    + (batch.table.def.name().equals(state.def.name()) ? " of another program" : ""));
        }
        state.insertRows(batch.rows(), batch.size(), insertWhere);
    }

    /** Deletes the row with this primary key (given as the key columns' values, in key order). */
    public void deleteKey(Object... key) {
        state.apply(state.keyDeletion(key, deleteWhere));
    }

    /**
     * Inserts every line of a CSV text (RFC 4180 quoting; an empty unquoted field is NULL), all or nothing.
     *
     * @param header whether the first line names the columns (then they may come in any order)
     * @return the number of rows inserted
     */
    public int insertCsv(Reader csv, boolean header) throws IOException {
        return state.apply(RowReaders.csv(state, csv, header));
    }

    /**
     * Inserts one row per line of a JSON Lines text: each line an object whose fields name columns; a missing
     * field is NULL. All or nothing.
     *
     * @return the number of rows inserted
     */
    public int insertJsonLines(Reader jsonLines) throws IOException {
        return state.apply(RowReaders.jsonLines(state, jsonLines));
    }

    /**
     * The table's watermark as of the last step: a {@code LocalDateTime} for a TIMESTAMP event-time column, a
     * {@code Long} for an integer one: the highest time accepted so far less the lateness. Null when the table has
     * no watermark or has accepted no row with a time yet. A change whose time is below it is late: ignored and counted in
     * {@link #lateRows()}.
     */
    public Object watermark() {
        org.jdbsp.operators.window.Watermark w = state.watermark();
        if (w == null || w.current() == Long.MIN_VALUE) return null;
        Column c = schema().column(state.def.watermarkColumn());
        return c.type().kind() == ColumnType.Kind.TIMESTAMP
                ? org.jdbsp.sql.runtime.Values.toJava(c.type(), w.current()) : (Object) w.current();
    }

    /**
     * The name of the event-time column whose watermark the table keeps ({@code WATERMARK FOR}, {@code LATENESS}),
     * or null.
     */
    public String watermarkColumn() {
        return state.def.hasWatermark() ? schema().column(state.def.watermarkColumn()).name() : null;
    }

    /** How far behind the highest accepted time a row may arrive: milliseconds, or units of an integer column. */
    public long lateness() {
        return state.def.lateness();
    }

    /** Changes to this table ignored as late (time below the watermark), over all committed steps. */
    public long lateRows() {
        return state.lateRows();
    }

    /** The table's contents as of the last step (pending changes not included). */
    public Rows contents() {
        return new Rows(schema(), state.committed());
    }

    /** The number of rows as of the last step, counting duplicates. */
    public long size() {
        return state.committedSize();
    }

    @Override
    public String toString() {
        return "table " + name() + " " + schema();
    }
}
