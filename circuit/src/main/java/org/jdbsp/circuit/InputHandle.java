package org.jdbsp.circuit;

import org.jdbsp.zset.ZSet;

/**
 * Feeds one input of a circuit. Changes pushed between two steps are consolidated into one Z-set (a row
 * inserted and deleted before the step cancels out) and enter the circuit at the next {@link Circuit#step()}.
 *
 * <p>Every method validates before it changes anything: a closed circuit, a null row, a row of another class
 * than the handle's row type, a delete rejected by an append-only or strict input, or a weight overflow throws
 * and leaves the pending change as it was. If a step fails, its input stays pending (nothing accepted is lost):
 * correct it, for example by deleting the offending row, or drop it with {@link #clearPending()}. After the
 * circuit is closed every change throws {@link IllegalStateException}; {@link #pending()} still reads.
 *
 * <p>The kinds of input, chosen at declaration ({@link CircuitBuilder}): plain ({@code input}), append-only
 * (insertions only), strict (a delete of a row that is not present, pending changes included, fails). A handle
 * declared with a row type ({@code input(name, Order.class)}) rejects rows of other classes with a
 * {@link ClassCastException} naming the input and the row, before anything changes; so does a handle returned
 * by a typed lookup on the built circuit ({@link Circuit#input(String, Class)}), which is a view of the same
 * input.
 *
 * <p>Cost: O(1) expected per row, no allocation once the pending table has grown; a strict input also keeps its
 * contents (one entry per distinct row) and looks each pushed row up in them. In a multi-worker circuit the
 * replicas' handles of one input share their state: pushes append to a {@link PendingLog} without hashing, and
 * the workers consolidate it in parallel at the step.
 *
 * @param <T> the row type
 */
public final class InputHandle<T> extends InputView<T> {
    InputHandle(InputFront<T> front, Stream<T> stream, Class<T> rowType) {
        super(front, stream, rowType);
    }

    /** Adds one copy of {@code row}. */
    @Override
    public void insert(T row) {
        add(row, 1, "insert");
    }

    /** Removes one copy of {@code row}; a strict input rejects it if {@code row} is not present. */
    @Override
    public void delete(T row) {
        add(row, -1, "delete");
    }

    /** Adds {@code weight} copies of {@code row} (negative: deletes). */
    @Override
    public void push(T row, long weight) {
        add(row, weight, "push");
    }

    private void add(T row, long weight, String what) {
        checkRow(what, row);
        front.push(row, weight);
    }

    /** Replaces {@code oldRow} with {@code newRow} (a delete plus an insert, applied together). */
    @Override
    public void update(T oldRow, T newRow) {
        checkUpdate(oldRow, newRow);
        front.update(oldRow, newRow);
    }

    /** Adds a whole Z-set of changes, atomically: if any row is rejected, none is added. */
    @Override
    public void push(ZSet<? extends T> changes) {
        checkChanges(changes);
        front.pushAll(changes);
    }

    /**
     * {@link #push(ZSet)} that takes the Z-set over instead of copying it: when nothing is pending on a
     * single-worker plain input, {@code changes} itself becomes the step's change (O(1) after the row-class check);
     * otherwise it is added as by {@code push}. The caller must not read or change {@code changes} afterwards.
     */
    @Override
    public void handOver(ZSet<T> changes) {
        checkChanges(changes);
        front.takeOver(changes);
    }

    @Override
    public void insertAll(T[] rows, int off, int len) {
        front.checkOpen("insertAll");
        checkBatch(rows, off, len);
        front.insertAll(rows, off, len);
    }
}
