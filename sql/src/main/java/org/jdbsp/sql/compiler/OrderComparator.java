package org.jdbsp.sql.compiler;

import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.TupleOrder;

import java.util.Comparator;
import java.util.List;

/**
 * SQL's ORDER BY over tuples: the collation's columns with their directions and null placement, then every
 * column ascending, so that the order is total (different rows never compare equal, which top-k needs).
 * Values of a column share one type; integers of different widths compare by value. Internal.
 */
final class OrderComparator implements Comparator<Tuple> {
    private final int[] fields;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    private OrderComparator(int[] fields, boolean[] descending, boolean[] nullsFirst) {
        this.fields = fields;
        this.descending = descending;
        this.nullsFirst = nullsFirst;
    }

    /** The comparator of a collation over rows of {@code rowType}; null when the collation is empty. */
    static OrderComparator of(RelCollation collation, RelDataType rowType) {
        if (collation == null || collation.getFieldCollations().isEmpty()) return null;
        return of(collation.getFieldCollations());
    }

    static OrderComparator of(List<RelFieldCollation> list) {
        int n = list.size();
        int[] f = new int[n];
        boolean[] desc = new boolean[n];
        boolean[] nf = new boolean[n];
        for (int i = 0; i < n; i++) {
            RelFieldCollation c = list.get(i);
            f[i] = c.getFieldIndex();
            desc[i] = c.getDirection().isDescending();
            RelFieldCollation.NullDirection nd = c.nullDirection;
            if (nd == RelFieldCollation.NullDirection.UNSPECIFIED) nd = c.getDirection().defaultNullDirection();
            nf[i] = nd == RelFieldCollation.NullDirection.FIRST;
        }
        return new OrderComparator(f, desc, nf);
    }

    /**
     * The same order over rows that hold, at position {@code i}, the column {@code columns[i]} of the rows
     * this comparator orders; null if a sorted column is not among them.
     */
    OrderComparator remap(int[] columns) {
        int[] f = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            f[i] = -1;
            for (int j = 0; j < columns.length; j++) {
                if (columns[j] == fields[i]) f[i] = j;
            }
            if (f[i] < 0) return null;
        }
        return new OrderComparator(f, descending, nullsFirst);
    }

    @Override
    public int compare(Tuple a, Tuple b) {
        for (int i = 0; i < fields.length; i++) {
            // NULL's place does not turn with the direction: ask for it turned, so that turning puts it back
            int c = a.compareColumn(fields[i], b, nullsFirst[i] != descending[i]);
            if (c != 0) return descending[i] ? -c : c;
        }
        return TupleOrder.INSTANCE.compare(a, b);
    }
}
