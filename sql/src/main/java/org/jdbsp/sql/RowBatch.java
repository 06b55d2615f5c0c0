package org.jdbsp.sql;

import org.jdbsp.sql.runtime.Tuple;

import java.util.Arrays;

/**
 * Rows of one table made ahead of their insertion: a {@link RowWriter} checks each row whole and adds it
 * ({@link RowWriter#addTo}), and {@link SqlTable#insert(RowBatch)} later inserts them all, as many
 * {@link RowWriter#insert()} calls would, checking nothing again. Making rows touches no table state, so a batch
 * may be filled on another thread (a parser, a generator) than the one that inserts it and steps the program,
 * as long as one thread at a time uses it. Costs one row object per row and a slot in an array that grows by
 * doubling and is kept by {@link #clear()}; inserting copies the references.
 */
public final class RowBatch {
    final TableState table;
    private Tuple[] rows = new Tuple[16];
    private int size;

    RowBatch(TableState table) {
        this.table = table;
    }

    /** The name of the table the rows are for. */
    public String table() {
        return table.def.name();
    }

    /** The number of rows added since the last {@link #clear()}. */
    public int size() {
        return size;
    }

    /** Forgets the rows (a table they were inserted into keeps its own references); keeps the array. */
    public void clear() {
        Arrays.fill(rows, 0, size, null);
        size = 0;
    }

    void add(Tuple row) {
        if (size == rows.length) rows = Arrays.copyOf(rows, size * 2);
        rows[size++] = row;
    }

    Tuple[] rows() {
        return rows;
    }
}
