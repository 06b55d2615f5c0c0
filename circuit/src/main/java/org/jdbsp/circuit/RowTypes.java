package org.jdbsp.circuit;

import java.util.Objects;
import org.jdbsp.zset.ZSet;

/**
 * Row-type checks shared by typed inputs and outputs: validating a declared or requested {@link Class}, and
 * checking rows against it with messages that name the handle, the row and its class. Rows of the wrong class
 * are reported with a {@link ClassCastException}, as {@link java.util.Collections#checkedCollection} does.
 */
final class RowTypes {
    private RowTypes() {
    }

    /** {@code type}, after checking it can describe rows: not null, not primitive ({@code where} names the call). */
    static <T> Class<T> check(Class<T> type, String where) {
        Objects.requireNonNull(type, () -> where + ": null row type");
        if (type.isPrimitive()) {
            throw new IllegalArgumentException(where + ": row type " + type + " is primitive; rows are objects, use "
                    + wrapper(type).getSimpleName() + ".class");
        }
        return type;
    }

    private static Class<?> wrapper(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }

    /** Throws unless {@code row} is a {@code type} ({@code type == null}: anything goes). */
    static void checkRow(Object row, Class<?> type, Object handle) {
        if (type != null && !type.isInstance(row)) {
            throw new ClassCastException(handle + ": row " + row + " is a " + row.getClass().getName() + ", not a "
                    + type.getName());
        }
    }

    /** {@link #checkRow} for every row of {@code rows}: a class test per row, {@code isInstance} once per class met in a row. */
    static void checkRows(ZSet<?> rows, Class<?> type, Object handle) {
        if (type == null || type == Object.class) {
            return;
        }
        Class<?> passed = null; // the class of the last row that passed: rows are mostly of one class
        for (int s = rows.nextSlot(0); s >= 0; s = rows.nextSlot(s + 1)) {
            Object row = rows.elementAt(s);
            if (row.getClass() != passed) {
                checkRow(row, type, handle);
                passed = row.getClass();
            }
        }
    }

    /** Throws unless a key passed to a keyed input is a {@code type} ({@code type == null}: anything goes). */
    static void checkKey(Object key, Class<?> type, Object handle) {
        if (type != null && !type.isInstance(key)) {
            throw new ClassCastException(handle + ": key " + key + " is a " + key.getClass().getName() + ", not a "
                    + type.getName() + " (the key type it was looked up with)");
        }
    }
}
