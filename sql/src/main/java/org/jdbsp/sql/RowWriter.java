package org.jdbsp.sql;

import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.TupleFactory;

import java.math.BigDecimal;

/**
 * A reusable row of one table, set column by column and then inserted or deleted: the fast way to feed a table
 * from Java. Numbers set with {@link #set(int, long)}, {@link #set(int, double)} and {@link #set(int, boolean)}
 * are not boxed, so a change of a table whose columns are NOT NULL numbers allocates only its row (for three
 * BIGINTs, one 40-byte object). A value is checked when it is set (type, range, NOT NULL), naming the table and
 * column; the row is checked whole (every column set) before it changes anything. Values stay set after an
 * insert or delete, like a prepared statement's parameters. Not thread-safe: one writer per thread.
 *
 * <pre>{@code
 * RowWriter w = program.table("orders").writer();
 * w.set(0, 17L).set(1, "ann").set(2, 99.5).insert();
 * }</pre>
 */
public final class RowWriter {
    private final TableState state;
    private final Schema schema;
    private final String shape;
    private final TupleFactory factory;
    private final long[] longs;
    private final double[] doubles;
    private final Object[] objects;
    private final boolean[] isSet;
    private int unset;
    /**
     * Per column, the fast paths' cases, decided once: a BIGINT held as a long ({@link #set(int, long)}), a
     * TIMESTAMP held as a long ({@link #setTimestamp}), a CHAR or VARCHAR of no declared length
     * ({@link #set(int, String)} with a non-null string).
     */
    private final boolean[] plainLong;
    private final boolean[] plainTimestamp;
    private final boolean[] plainText;
    private final String insertWhere;
    private final String deleteWhere;
    /** How a value set here is named in an error: {@code table <name>}. */
    private final String where;

    RowWriter(TableState state) {
        this.state = state;
        this.schema = state.def.schema();
        this.factory = state.factory();
        this.shape = factory.shape();
        int n = schema.size();
        this.longs = new long[n];
        this.doubles = new double[n];
        this.objects = new Object[n];
        this.isSet = new boolean[n];
        this.unset = n;
        this.plainLong = new boolean[n];
        this.plainTimestamp = new boolean[n];
        this.plainText = new boolean[n];
        for (int i = 0; i < n; i++) {
            ColumnType t = schema.column(i).type();
            boolean j = shape.charAt(i) == 'J';
            plainLong[i] = j && t.kind() == ColumnType.Kind.BIGINT;
            plainTimestamp[i] = j && t.kind() == ColumnType.Kind.TIMESTAMP;
            plainText[i] = (t.kind() == ColumnType.Kind.VARCHAR || t.kind() == ColumnType.Kind.CHAR)
                    && t.precision() == ColumnType.UNSPECIFIED;
        }
        this.insertWhere = "insert into " + state.def.name();
        this.deleteWhere = "delete from " + state.def.name();
        this.where = "table " + state.def.name();
    }

    /** Sets column {@code column} (0-based) to an integer: of an integer, DECIMAL, REAL or DOUBLE column. */
    public RowWriter set(int column, long value) {
        if (column >= 0 && column < plainLong.length && plainLong[column]) {
            longs[column] = value;
            return mark(column);
        }
        ColumnType t = type(column);
        char l = shape.charAt(column);
        if (l == 'J' && t.kind() == ColumnType.Kind.BIGINT) {
            longs[column] = value;
        } else if ((l == 'B' || l == 'S' || l == 'I') && t.isInteger()) {
            longs[column] = ((Number) convert(column, value)).longValue();
        } else if (l == 'F' || l == 'D') {
            doubles[column] = ((Number) convert(column, (double) value)).doubleValue();
        } else if (l == 'L' && t.isNumeric()) {
            objects[column] = convert(column, t.kind() == ColumnType.Kind.DECIMAL ? BigDecimal.valueOf(value) : value);
        } else {
            throw wrongType(column, "an integer");
        }
        return mark(column);
    }

    /** Sets a REAL, DOUBLE or DECIMAL column. */
    public RowWriter set(int column, double value) {
        ColumnType t = type(column);
        char l = shape.charAt(column);
        if (l == 'D') {
            doubles[column] = value;
        } else if (l == 'F' || (l == 'L' && (t.kind() == ColumnType.Kind.REAL || t.kind() == ColumnType.Kind.DOUBLE
                || t.kind() == ColumnType.Kind.DECIMAL))) {
            Object v = convert(column, value);
            if (l == 'F') doubles[column] = ((Number) v).doubleValue();
            else objects[column] = v;
        } else {
            throw wrongType(column, "a floating-point number");
        }
        return mark(column);
    }

    /** Sets a BOOLEAN column. */
    public RowWriter set(int column, boolean value) {
        ColumnType t = type(column);
        if (t.kind() != ColumnType.Kind.BOOLEAN) throw wrongType(column, "a boolean");
        if (shape.charAt(column) == 'Z') longs[column] = value ? 1 : 0;
        else objects[column] = value;
        return mark(column);
    }

    /**
     * Sets a column to any value {@link SqlTable#insert} accepts (null for NULL, a {@code LocalDate} for a
     * DATE, a string to be parsed, and so on).
     */
    public RowWriter set(int column, Object value) {
        type(column);
        char l = shape.charAt(column);
        Object v = convert(column, value);
        switch (l) {
            case 'Z': longs[column] = ((Boolean) v) ? 1 : 0; break;
            case 'B': case 'S': case 'I': case 'J': longs[column] = ((Number) v).longValue(); break;
            case 'F': case 'D': doubles[column] = ((Number) v).doubleValue(); break;
            default: objects[column] = v; break;
        }
        return mark(column);
    }

    /**
     * Sets a column to a string: for a CHAR or VARCHAR column the string itself (null for NULL), checked against
     * the column's length, with none of {@link #set(int, Object)}'s conversions; a column of another type parses it
     * as {@link #set(int, Object)} does.
     */
    public RowWriter set(int column, String value) {
        if (value != null && column >= 0 && column < plainText.length && plainText[column]) {
            objects[column] = value; // text is held as an object in every row shape
            return mark(column);
        }
        ColumnType t = type(column);
        ColumnType.Kind k = t.kind();
        if (value == null || (k != ColumnType.Kind.VARCHAR && k != ColumnType.Kind.CHAR)
                || (t.precision() != ColumnType.UNSPECIFIED && value.length() > t.precision())) {
            return set(column, (Object) value); // converts, or fails naming the column
        }
        objects[column] = value; // text is held as an object in every row shape
        return mark(column);
    }

    /** Sets a TIMESTAMP column to {@code epochMillis} milliseconds after 1970-01-01 00:00:00 (no time zone). */
    public RowWriter setTimestamp(int column, long epochMillis) {
        if (column >= 0 && column < plainTimestamp.length && plainTimestamp[column]) {
            longs[column] = epochMillis;
            return mark(column);
        }
        ColumnType t = type(column);
        if (t.kind() != ColumnType.Kind.TIMESTAMP) {
            throw wrongType(column, "a TIMESTAMP");
        }
        if (shape.charAt(column) == 'J') {
            longs[column] = epochMillis;
        } else {
            objects[column] = epochMillis;
        }
        return mark(column);
    }

    /** Sets a nullable column to NULL. */
    public RowWriter setNull(int column) {
        return set(column, (Object) null);
    }

    /** Inserts the row (replacing the row with its key, in a table with a primary key). */
    public void insert() {
        if (state.countsOnly()) { // no view reads the table and it keeps nothing: no row is made
            checkAllSet(insertWhere);
            int c = state.def.watermarkColumn();
            if (c < 0) {
                state.countRow(true, 0);
            } else if (shape.charAt(c) == 'J') {
                state.countRow(false, longs[c]);
            } else {
                Object t = objects[c];
                state.countRow(t == null, t == null ? 0 : ((Number) t).longValue());
            }
            return;
        }
        state.insertRow(row(insertWhere), insertWhere);
    }

    /**
     * Adds the row, checked whole, to {@code batch} instead of inserting it: the table is not touched until
     * {@link SqlTable#insert(RowBatch)} inserts the batch. The batch must be of this writer's table.
     */
    public void addTo(RowBatch batch) {
        if (batch == null) throw new SqlException(insertWhere + ": the batch is null");
        if (batch.table != state) {
            throw new SqlException(insertWhere + ": a row of table " + state.def.name() + " cannot go into a batch"
                    + " of table " + batch.table() + (batch.table.def.name().equals(state.def.name())
                    ? " of another program" : ""));
        }
        batch.add(row(insertWhere));
    }

    /** Deletes one copy of the row; fails, changing nothing, if the table has no such row. */
    public void delete() {
        state.deleteRow(row(deleteWhere), deleteWhere);
    }

    private Tuple row(String where) {
        checkAllSet(where);
        return factory.make(longs, doubles, objects);
    }

    private void checkAllSet(String where) {
        if (unset > 0) {
            for (int i = 0; i < isSet.length; i++) {
                if (!isSet[i]) {
                    throw new SqlException(where + ": column " + schema.column(i).name() + " was never set");
                }
            }
        }
    }

    private ColumnType type(int column) {
        if (column < 0 || column >= schema.size()) {
            throw new SqlException("table " + state.def.name() + " has " + schema.size() + " columns, no column "
                    + column);
        }
        return schema.column(column).type();
    }

    private Object convert(int column, Object value) {
        return state.convert(value, column, where, -1);
    }

    private SqlException wrongType(int column, String what) {
        Column c = schema.column(column);
        return new SqlException(where + ", column " + c.name() + " is " + c.type()
                + ": cannot set it to " + what);
    }

    private RowWriter mark(int column) {
        if (!isSet[column]) {
            isSet[column] = true;
            unset--;
        }
        return this;
    }
}
