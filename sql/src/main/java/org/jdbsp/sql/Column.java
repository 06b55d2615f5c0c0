package org.jdbsp.sql;

import java.util.Objects;

/**
 * A column of a table or view: its name, its {@link ColumnType} and whether it may hold NULL.
 *
 * @param name     the column's name as the catalog spells it (unquoted names are upper case)
 * @param type     its SQL type
 * @param nullable whether NULL is allowed
 */
public record Column(String name, ColumnType type, boolean nullable) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return name + " " + type + (nullable ? "" : " NOT NULL");
    }
}
