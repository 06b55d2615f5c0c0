package org.jdbsp.sql.compiler;

import org.jdbsp.sql.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's definition: its name, columns and primary key (column positions, empty when it has none).
 * Internal.
 *
 * @param name       the table's name
 * @param schema     its columns
 * @param primaryKey the positions of the key's columns, in key order
 * @param appendOnly whether rows are only ever inserted ({@code WITH ('append_only' = 'true')}): the table keeps
 *                   no contents, and deletes and updates are refused
 */
public record TableDef(String name, Schema schema, int[] primaryKey, boolean appendOnly) {
    public boolean hasPrimaryKey() {
        return primaryKey.length > 0;
    }

    public List<String> primaryKeyNames() {
        List<String> out = new ArrayList<>();
        for (int i : primaryKey) out.add(schema.column(i).name());
        return out;
    }
}
