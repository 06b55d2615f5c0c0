package org.jdbsp.sql.runtime;

import java.util.Arrays;

/**
 * The row type every SQL circuit carries: the values of one row in the engine's internal representation (see
 * {@link Values}), compared by value. {@code values} is exposed for generated code and must not be changed once
 * the tuple is in a Z-set. Internal: users see {@link org.jdbsp.sql.Row}. Costs one array and a cached hash.
 */
public final class Tuple {
    public static final Tuple EMPTY = new Tuple(new Object[0]);

    public final Object[] values;
    private int hash;

    public Tuple(Object[] values) {
        this.values = values;
    }

    public Object get(int i) {
        return values[i];
    }

    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Tuple t)) return false;
        return hashCode() == t.hashCode() && Values.equalRows(values, t.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Values.hashRow(values);
            if (h == 0) h = 1;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
