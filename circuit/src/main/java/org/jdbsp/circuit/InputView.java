package org.jdbsp.circuit;

import java.util.Objects;
import java.util.Optional;

import org.jdbsp.zset.ZSet;

/**
 * What every handle on an input has: the input's shared state ({@link InputFront}), the stream to wire operators
 * on (none for a handle from a lookup on the built circuit) and the row type it checks rows against. The base of
 * {@link InputHandle} and {@link KeyedInputHandle}.
 *
 * @param <T> the row type
 */
abstract class InputView<T> implements Input<T> {
    final InputFront<T> front;
    /** The stream to wire operators on; null for a handle from a lookup on the built circuit. */
    private final Stream<T> stream;
    /** Rows must be instances of this; null: not checked (declared without a row type). */
    final Class<T> rowType;

    InputView(InputFront<T> front, Stream<T> stream, Class<T> rowType) {
        this.front = front;
        this.stream = stream;
        this.rowType = rowType;
    }

    InputFront<T> front() {
        return front;
    }

    @Override
    public String name() {
        return front.name;
    }

    /**
     * The stream of this input, to wire operators on.
     *
     * @throws IllegalStateException for a handle from a lookup on the built circuit, which has nothing to wire
     */
    public Stream<T> stream() {
        if (stream == null) {
            throw new IllegalStateException(front + ": a handle looked up on the built circuit has no stream; wire "
                    + "the handle that CircuitBuilder returned when declaring the input");
        }
        return stream;
    }

    /** Checks {@code what} of {@code row} before anything changes: the circuit is open, the row of the row type. */
    final void checkRow(String what, T row) {
        front.checkOpen(what);
        if (row == null) {
            throw new NullPointerException(front + ": " + what + " of a null row");
        }
        RowTypes.checkRow(row, rowType, front);
    }

    /** Checks an update before anything changes: the circuit is open, both rows non-null and of the row type. */
    final void checkUpdate(T oldRow, T newRow) {
        front.checkOpen("update");
        if (oldRow == null) {
            throw new NullPointerException(front + ": update of a null row");
        }
        if (newRow == null) {
            throw new NullPointerException(front + ": update to a null row");
        }
        RowTypes.checkRow(oldRow, rowType, front);
        RowTypes.checkRow(newRow, rowType, front);
    }

    /** Checks a pushed Z-set before anything changes: the circuit is open, every row of the row type. */
    final void checkChanges(ZSet<? extends T> changes) {
        front.checkOpen("push");
        if (changes == null) {
            throw new NullPointerException(front + ": push of a null Z-set");
        }
        RowTypes.checkRows(changes, rowType, front);
    }

    /** The class every row pushed here is checked against; empty if the input was declared without one. */
    @Override
    public Optional<Class<T>> rowType() {
        return Optional.ofNullable(rowType);
    }

    /** Checks an {@code insertAll} batch before anything changes: array, range, no null row, every row of the row type. */
    final void checkBatch(T[] rows, int off, int len) {
        if (rows == null) {
            throw new NullPointerException(front + ": insertAll of a null row array");
        }
        Objects.checkFromIndexSize(off, len, rows.length);
        // an array whose component type is a rowType holds nothing else: its rows need no class check
        boolean checkClass = rowType != null && !rowType.isAssignableFrom(rows.getClass().getComponentType());
        for (int i = off; i < off + len; i++) {
            if (rows[i] == null) {
                throw new NullPointerException(front + ": null row at index " + i);
            }
            if (checkClass) {
                RowTypes.checkRow(rows[i], rowType, front);
            }
        }
    }

    /**
     * The changes waiting for the next step (a copy).
     *
     * @throws ClassCastException if this handle checks a row type the input was not declared with, and a row
     *                            pushed through another handle is not of it
     */
    @Override
    public ZSet<T> pending() {
        ZSet<T> p = front.pending();
        if (front.rowType == null) {
            RowTypes.checkRows(p, rowType, front);
        }
        return p;
    }

    /**
     * Drops the changes waiting for the next step: a strict input's contents, and a keyed input's rows, go back
     * to the committed ones.
     */
    @Override
    public void clearPending() {
        front.checkOpen("clearPending");
        front.clearPending();
    }

    @Override
    public String toString() {
        return front.toString();
    }
}
