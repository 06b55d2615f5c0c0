package org.jdbsp.sql.runtime;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * A total order on tuples: column by column, ascending, NULL first; values of one column share a type, and
 * numbers of different classes compare by value. Different tuples never compare equal, which top-k needs and which
 * gives rows a stable order for reading. Internal.
 */
public final class TupleOrder implements Comparator<Tuple> {
    public static final TupleOrder INSTANCE = new TupleOrder();

    private TupleOrder() {
    }

    @Override
    public int compare(Tuple a, Tuple b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = a.compareColumn(i, b, true);
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Two non-null values of one column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compareValues(Object x, Object y) {
        if (x.getClass() == y.getClass()) return ((Comparable) x).compareTo(y);
        if (x instanceof Number p && y instanceof Number q) {
            return new BigDecimal(p.toString()).compareTo(new BigDecimal(q.toString()));
        }
        return x.toString().compareTo(y.toString());
    }
}
