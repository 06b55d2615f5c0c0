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
        int n = Math.min(a.values.length, b.values.length);
        for (int i = 0; i < n; i++) {
            Object x = a.values[i], y = b.values[i];
            if (x == y) continue;
            if (x == null) return -1;
            if (y == null) return 1;
            int c = compareValues(x, y);
            if (c != 0) return c;
        }
        return Integer.compare(a.values.length, b.values.length);
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
