package org.jdbsp.sql.runtime;

import java.util.Arrays;

/**
 * The row type every SQL circuit carries: the values of one row in the engine's internal representation (see
 * {@link Values}), compared by value. A row is either an {@link ArrayTuple} (boxed values in an array) or an
 * instance of a class generated for its shape ({@link RowClasses}): one field per column, a primitive field for
 * each NOT NULL column of a primitive type, so a row of three BIGINTs is one 40-byte object and hashing or
 * comparing it reads no other object. Rows of different classes with equal values are equal and hash alike.
 * Internal: users see {@link org.jdbsp.sql.Row}.
 *
 * <p>The typed getters ({@link #getLong} and the like) read a primitive field without boxing; on a column the
 * row holds as an object they unbox it. Generated code calls them at a constant position, which the JIT folds.
 */
public abstract class Tuple {
    /** The row of no columns. */
    public static final Tuple EMPTY = new ArrayTuple(new Object[0]);

    /** A row of these values (internal representation), kept as they are: the array must not change later. */
    public static Tuple of(Object[] values) {
        return new ArrayTuple(values);
    }

    /** The number of columns. */
    public abstract int size();

    /** The value at position {@code i}, boxed if the row holds it as a primitive; null for NULL. */
    public abstract Object get(int i);

    public boolean isNull(int i) {
        return get(i) == null;
    }

    public long getLong(int i) {
        return ((Number) get(i)).longValue();
    }

    public int getInt(int i) {
        return ((Number) get(i)).intValue();
    }

    public short getShort(int i) {
        return ((Number) get(i)).shortValue();
    }

    public byte getByte(int i) {
        return ((Number) get(i)).byteValue();
    }

    public double getDouble(int i) {
        return ((Number) get(i)).doubleValue();
    }

    public float getFloat(int i) {
        return ((Number) get(i)).floatValue();
    }

    public boolean getBoolean(int i) {
        return (Boolean) get(i);
    }

    /**
     * Compares column {@code i} of this row with column {@code i} of {@code o} in SQL's order: numbers by value,
     * strings by characters, NULL first or last as {@code nullsFirst} says. Generated rows compare primitive
     * columns without boxing.
     */
    public int compareColumn(int i, Tuple o, boolean nullsFirst) {
        Object x = get(i), y = o.get(i);
        if (x == y) return 0;
        if (x == null) return nullsFirst ? -1 : 1;
        if (y == null) return nullsFirst ? 1 : -1;
        return TupleOrder.compareValues(x, y);
    }

    /** The values as a new array. */
    public Object[] toArray() {
        Object[] v = new Object[size()];
        copyTo(0, v, 0, v.length);
        return v;
    }

    /** Copies {@code n} values from position {@code from} into {@code to} at {@code at}. */
    public void copyTo(int from, Object[] to, int at, int n) {
        for (int i = 0; i < n; i++) to[at + i] = get(from + i);
    }

    /** Equality with a row of any class, value by value: the path for rows of two different classes. */
    protected final boolean equalValues(Tuple t) {
        int n = size();
        if (n != t.size() || hashCode() != t.hashCode()) return false;
        for (int i = 0; i < n; i++) {
            if (!Values.equal(get(i), t.get(i))) return false;
        }
        return true;
    }

    /** Equal values, whatever the classes of the two rows. */
    @Override
    public abstract boolean equals(Object o);

    /** {@link Values#hashRow} of the values, whatever the row's class. */
    @Override
    public abstract int hashCode();

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
