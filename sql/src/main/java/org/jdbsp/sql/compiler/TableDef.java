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
 * @param watermarkColumn the position of the event-time column ({@code WATERMARK FOR} or {@code LATENESS}), or -1
 * @param lateness   how far (milliseconds for a TIMESTAMP, units for an integer column) a row's time may lie behind
 *                   the highest time accepted before it; 0 without a watermark
 */
public record TableDef(String name, Schema schema, int[] primaryKey, boolean appendOnly, int watermarkColumn,
                       long lateness) {
    /** Whether the table has an event-time column with a watermark. */
    public boolean hasWatermark() {
        return watermarkColumn >= 0;
    }

    public boolean hasPrimaryKey() {
        return primaryKey.length > 0;
    }

    public List<String> primaryKeyNames() {
        List<String> out = new ArrayList<>();
        for (int i : primaryKey) out.add(schema.column(i).name());
        return out;
    }
}
