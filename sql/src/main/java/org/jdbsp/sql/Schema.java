package org.jdbsp.sql;

import java.util.List;
import java.util.Locale;

/**
 * The columns of a table or view, in order. Column lookup by name ignores case where the name is unique that
 * way. Immutable.
 */
public final class Schema {
    private final List<Column> columns;

    public Schema(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /**
     * The position of the column called {@code name}: an exact match first, then a case-insensitive one.
     *
     * @throws SqlException if there is no such column, or more than one differing only by case
     */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) return i;
        }
        int found = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT))) {
                if (found >= 0) throw new SqlException("column name " + name + " is ambiguous in " + this);
                found = i;
            }
        }
        if (found < 0) throw new SqlException("unknown column " + name + " in " + this);
        return found;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns.toString();
    }
}
