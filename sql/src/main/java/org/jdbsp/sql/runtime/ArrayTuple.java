package org.jdbsp.sql.runtime;

/**
 * A row as an array of boxed internal values: the general form, for rows of no generated class (constants,
 * keys, and a row whose NOT NULL column Calcite typed wrongly holds a NULL). Costs the array, its boxes and a
 * cached hash.
 */
final class ArrayTuple extends Tuple {
    private final Object[] values;
    private int hash;

    ArrayTuple(Object[] values) {
        this.values = values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Object get(int i) {
        return values[i];
    }

    @Override
    public boolean isNull(int i) {
        return values[i] == null;
    }

    @Override
    public void copyTo(int from, Object[] to, int at, int n) {
        System.arraycopy(values, from, to, at, n);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (o instanceof ArrayTuple t) return hashCode() == t.hashCode() && Values.equalRows(values, t.values);
        return o instanceof Tuple t && equalValues(t);
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
}
