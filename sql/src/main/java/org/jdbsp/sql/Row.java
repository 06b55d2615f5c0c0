package org.jdbsp.sql;

import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.Values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.StringJoiner;

/**
 * One row of a table or view, read with typed getters by position or column name. {@link #get(int)} gives the
 * column's Java value: Boolean, Byte/Short/Integer/Long, BigDecimal, Float/Double, String, LocalDate, LocalTime,
 * LocalDateTime, Duration (day-time intervals) or Period (year-month intervals); NULL is {@code null}. A numeric
 * getter on a NULL throws; test {@link #isNull} first. A view over the engine's tuple: creating one copies nothing.
 */
public final class Row {
    private final Schema schema;
    private final Tuple tuple;

    Row(Schema schema, Tuple tuple) {
        this.schema = schema;
        this.tuple = tuple;
    }

    public Schema schema() {
        return schema;
    }

    public int size() {
        return tuple.size();
    }

    public boolean isNull(int i) {
        return tuple.get(i) == null;
    }

    public Object get(int i) {
        return Values.toJava(schema.column(i).type(), tuple.get(i));
    }

    public Object get(String column) {
        return get(schema.indexOf(column));
    }

    public long getLong(int i) {
        return number(i).longValue();
    }

    public long getLong(String column) {
        return getLong(schema.indexOf(column));
    }

    public int getInt(int i) {
        return Math.toIntExact(getLong(i));
    }

    public double getDouble(int i) {
        return number(i).doubleValue();
    }

    public double getDouble(String column) {
        return getDouble(schema.indexOf(column));
    }

    /** The value as a decimal, for any numeric column; null for NULL. */
    public BigDecimal getDecimal(int i) {
        Object v = tuple.get(i);
        if (v == null) return null;
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Double || v instanceof Float) return BigDecimal.valueOf(((Number) v).doubleValue());
        return BigDecimal.valueOf(number(i).longValue());
    }

    public BigDecimal getDecimal(String column) {
        return getDecimal(schema.indexOf(column));
    }

    /** The value's text as {@link #toString} shows it, for any type; null for NULL. */
    public String getString(int i) {
        Object v = tuple.get(i);
        return v == null ? null : v instanceof String s ? s : Values.format(schema.column(i).type(), v);
    }

    public String getString(String column) {
        return getString(schema.indexOf(column));
    }

    /** A BOOLEAN column's value; null for NULL. */
    public Boolean getBoolean(int i) {
        return (Boolean) tuple.get(i);
    }

    public LocalDate getDate(int i) {
        return (LocalDate) get(i);
    }

    public LocalTime getTime(int i) {
        return (LocalTime) get(i);
    }

    public LocalDateTime getTimestamp(int i) {
        return (LocalDateTime) get(i);
    }

    /** The internal tuple, for the engine's own use. */
    Tuple tuple() {
        return tuple;
    }

    private Number number(int i) {
        Object v = tuple.get(i);
        if (v == null) throw new SqlException("column " + schema.column(i).name() + " is NULL");
        if (!(v instanceof Number n)) {
            throw new SqlException("column " + schema.column(i).name() + " is a " + schema.column(i).type()
                    + ", not a number");
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && r.tuple.equals(tuple);
    }

    @Override
    public int hashCode() {
        return tuple.hashCode();
    }

    /** The values as {@code (1, 'a', NULL)}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < tuple.size(); i++) {
            Object v = tuple.get(i);
            String text = Values.format(schema.column(i).type(), v);
            j.add(v instanceof String ? "'" + text.replace("'", "''") + "'" : text);
        }
        return j.toString();
    }
}
