package org.jdbsp.sql.compiler;

import org.jdbsp.sql.runtime.Tuple;

import java.util.function.Function;

/**
 * Key functions over rows for joins and grouping: the values of some columns as a {@link Tuple}, integers
 * widened to {@code Long} and {@code REAL} to {@code Double} so that equal numbers of different integer types
 * meet. Internal.
 */
final class Keys {
    /**
     * A key standing for NULL, which a key must not be. A record, so that a checkpoint writes it and a restore
     * reads back a key equal to it (compare with {@code equals}: the restored key is another object).
     */
    record NullKey(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The key of a row of the left side whose equi-join key holds a NULL: equal to no key of the right side. */
    static final Object LEFT_NULL = new NullKey("NULL(left)");

    /** The same for the right side; never equal to {@link #LEFT_NULL}. */
    static final Object RIGHT_NULL = new NullKey("NULL(right)");

    /** The key of a single-column grouping whose value is NULL (a key must not be null). */
    static final Object NULL_KEY = new NullKey("NULL");

    private Keys() {
    }

    /** The value at position {@code i} of a key made by {@link #of}{@code (columns)} with {@code n} columns. */
    static Object value(Object key, int i, int n) {
        if (n == 1) return NULL_KEY.equals(key) ? null : key;
        return ((Tuple) key).get(i);
    }

    /**
     * The columns' values, as they are, as a key; NULL is a value like any other (grouping). The values are
     * not widened: a grouping reads them back as output columns.
     */
    static Function<Tuple, Object> of(int[] columns) {
        if (columns.length == 0) return t -> Tuple.EMPTY;
        if (columns.length == 1) {
            int c = columns[0];
            return t -> {
                Object v = t.get(c);
                return v == null ? NULL_KEY : v;
            };
        }
        return t -> pick(t, columns);
    }

    /**
     * The key of {@code columns} of rows of {@code shape}: as {@link #of(int[])}, but a key of several columns is a
     * row of the generated class of their shape, made by generated code that copies the columns
     * ({@link Combiners#key}), so that NOT NULL numbers are not boxed, the key hashes and compares without reading
     * other objects, and an exchange routes a row by the key's hash without making the key (a window's auction,
     * start and end in Nexmark q5; a partition's bidder and auction in q18). A key of all the columns in order is
     * the row itself.
     */
    static Function<Tuple, Object> of(String shape, int[] columns) {
        if (columns.length < 2) return of(columns);
        if (columns.length == shape.length() && java.util.Arrays.equals(columns, range(columns.length))) {
            return row(); // all the columns in order: the row is its own key (a row's hash is cached in it)
        }
        return Combiners.key(shape, columns);
    }

    /**
     * The equi-join key of {@code columns} of rows of {@code shape}, matched with {@code otherColumns} of the other
     * side's rows of {@code otherShape}, as a row of the generated class both sides' keys share (as
     * {@link #of(String, int[])}: no boxes, hashed without making the key), when there are several columns and each
     * pair has the same primitive letter; else null (use {@link #join}). A row with a NULL key column (only where
     * Calcite's NOT NULL hides one) gets {@code nullKey}.
     */
    static PickedKey joinRow(String shape, int[] columns, String otherShape, int[] otherColumns, Object nullKey) {
        if (columns.length < 2) return null;
        for (int i = 0; i < columns.length; i++) {
            char l = shape.charAt(columns[i]);
            if (l == 'L' || l != otherShape.charAt(otherColumns[i])) return null;
        }
        return Combiners.key(shape, columns).withNullKey(nullKey);
    }

    /** Generated code copying {@code columns} of a row of {@code shape} into a row of their shape. */
    static RowCombiner picker(String shape, int[] columns) {
        StringBuilder picked = new StringBuilder();
        for (int c : columns) picked.append(shape.charAt(c));
        return Combiners.of(shape, "", columns, picked.toString());
    }

    /** The values of {@code columns} of {@code row}, as they are, as a tuple. */
    static Tuple pick(Tuple row, int[] columns) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) v[i] = row.get(columns[i]);
        return Tuple.of(v);
    }

    /**
     * An equi-join key: a row whose key column {@code i} is NULL while {@code nullSafe[i]} is false (SQL's
     * {@code =}, where NULL matches nothing) gets {@code nullKey}, which matches no key of the other side.
     */
    static Function<Tuple, Object> join(int[] columns, boolean[] nullSafe, Object nullKey) {
        if (columns.length == 0) return t -> Tuple.EMPTY;
        if (columns.length == 1) {
            int c = columns[0];
            boolean safe = nullSafe[0];
            return t -> {
                Object v = t.get(c);
                return v == null ? (safe ? NULL_KEY : nullKey) : normalize(v);
            };
        }
        return t -> {
            Object[] k = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                Object v = t.get(columns[i]);
                if (v == null && !nullSafe[i]) return nullKey;
                k[i] = normalize(v);
            }
            return Tuple.of(k);
        };
    }

    /** The positions {@code 0..n-1}. */
    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** The whole row as its own key. */
    static Function<Tuple, Object> row() {
        return t -> t;
    }

    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof Float f) return f.doubleValue();
        return v;
    }
}
