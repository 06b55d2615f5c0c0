package org.jdbsp.nexmark.harness;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Output rows as columns: a record's components, in declaration order; any other object is one column
 * {@code row} holding its {@code toString}. Also a deterministic order of rows: column by column, comparing
 * values of the same {@link Comparable} class naturally and anything else by its string form, nulls first.
 */
final class Rows {
    private Rows() {
    }

    /** Column names for rows of {@code type}. */
    static List<String> columns(Class<?> type) {
        List<String> names = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                names.add(c.getName());
            }
        } else {
            names.add("row");
        }
        return names;
    }

    /** The column values of {@code row}. */
    static List<Object> values(Object row) {
        List<Object> values = new ArrayList<>();
        if (row != null && row.getClass().isRecord()) {
            for (RecordComponent c : row.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    values.add(c.getAccessor().invoke(row));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + row, e);
                }
            }
        } else {
            values.add(row);
        }
        return values;
    }

    /** Orders rows of possibly different classes deterministically. */
    static final Comparator<Object> ORDER = Rows::compareRows;

    /**
     * {@code rows} sorted by {@link #ORDER}, reading each row's columns once (not once per comparison).
     */
    static <T> List<T> sorted(java.util.Collection<T> rows) {
        List<Map.Entry<List<Object>, T>> keyed = new ArrayList<>(rows.size());
        for (T row : rows) {
            keyed.add(Map.entry(values(row), row));
        }
        keyed.sort((a, b) -> {
            int c = compareValueLists(a.getKey(), b.getKey());
            return c != 0 ? c : String.valueOf(a.getValue()).compareTo(String.valueOf(b.getValue()));
        });
        List<T> out = new ArrayList<>(keyed.size());
        for (Map.Entry<List<Object>, T> e : keyed) {
            out.add(e.getValue());
        }
        return out;
    }

    private static int compareValueLists(List<Object> va, List<Object> vb) {
        for (int i = 0; i < Math.min(va.size(), vb.size()); i++) {
            int c = compareValues(va.get(i), vb.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(va.size(), vb.size());
    }

    private static int compareRows(Object a, Object b) {
        int c = compareValueLists(values(a), values(b));
        return c != 0 ? c : String.valueOf(a).compareTo(String.valueOf(b));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
            return ca.compareTo(b);
        }
        if (a.getClass().isRecord() && b.getClass() == a.getClass()) {
            return compareRows(a, b);
        }
        return Objects.toString(a).compareTo(Objects.toString(b));
    }
}
