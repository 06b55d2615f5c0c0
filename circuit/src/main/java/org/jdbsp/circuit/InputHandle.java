package org.jdbsp.circuit;

import java.util.Objects;
import org.jdbsp.zset.ZSet;

/**
 * Feeds one input of a circuit. Changes pushed between two steps are consolidated into one Z-set (a row
 * inserted and deleted before the step cancels out) and enter the circuit at the next {@link Circuit#step()}.
 *
 * <p>Every method validates before it changes anything: a null row or a weight overflow throws and leaves the
 * pending change as it was. If a step fails, its input stays pending (nothing accepted is lost): correct it,
 * for example by deleting the offending row, or drop it with {@link #clearPending()}. Cost: O(1) expected per
 * row, no allocation once the pending table has grown.
 *
 * <p>In a multi-worker circuit the replicas' handles of one input share a {@link PendingLog}: pushes append to
 * it without hashing, and the workers consolidate it in parallel at the step.
 *
 * @param <T> the row type
 */
public final class InputHandle<T> implements Input<T> {
    private final String name;
    private final Stream<T> stream;
    ZSet<T> pending = new ZSet<>();
    /** Multi-worker circuits: the pending change shared by the replicas' handles; {@code pending} is unused. */
    PendingLog<T> log;

    /** Insertions only ({@link CircuitBuilder#appendOnlyInput}). */
    final boolean appendOnly;

    InputHandle(String name, Stream<T> stream, boolean appendOnly) {
        this.name = name;
        this.stream = stream;
        this.appendOnly = appendOnly;
    }

    /** Throws if this input is append-only and {@code weight} is negative; {@code row} is only for the message. */
    private void checkInsertion(long weight, Object row) {
        if (appendOnly && weight < 0) {
            throw new IllegalArgumentException("input '" + name + "' is append-only: "
                    + (row == null ? "update" : "weight " + weight + " for " + row) + " rejected");
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The stream of this input, to wire operators on. */
    public Stream<T> stream() {
        return stream;
    }

    /** Adds one copy of {@code row}. */
    @Override
    public void insert(T row) {
        push(row, 1);
    }

    /** Removes one copy of {@code row}. */
    @Override
    public void delete(T row) {
        push(row, -1);
    }

    /** Replaces {@code oldRow} with {@code newRow} (a delete plus an insert, applied together). */
    @Override
    public void update(T oldRow, T newRow) {
        checkInsertion(-1, null);
        Objects.requireNonNull(oldRow, () -> "input '" + name + "': update of a null row");
        Objects.requireNonNull(newRow, () -> "input '" + name + "': update to a null row");
        if (log != null) {
            try {
                log.update(oldRow, newRow);
            } catch (ArithmeticException e) {
                throw new ArithmeticException("input '" + name + "': " + e.getMessage());
            }
            return;
        }
        pending.add(oldRow, -1);
        try {
            pending.add(newRow, 1);
        } catch (RuntimeException e) {
            pending.add(oldRow, 1);
            throw e;
        }
    }

    /** Adds {@code weight} copies of {@code row} (negative: deletes). */
    @Override
    public void push(T row, long weight) {
        Objects.requireNonNull(row, () -> "input '" + name + "': null row");
        checkInsertion(weight, row);
        try {
            if (log != null) {
                log.add(row, weight);
            } else {
                pending.add(row, weight);
            }
        } catch (ArithmeticException e) {
            throw new ArithmeticException("input '" + name + "': " + e.getMessage());
        }
    }

    /** Adds a whole Z-set of changes, atomically. */
    @Override
    public void push(ZSet<? extends T> changes) {
        Objects.requireNonNull(changes, () -> "input '" + name + "': null Z-set");
        if (appendOnly) {
            for (int s = changes.nextSlot(0); s >= 0; s = changes.nextSlot(s + 1)) {
                checkInsertion(changes.weightAt(s), changes.elementAt(s));
            }
        }
        try {
            if (log != null) {
                log.addAll(changes);
            } else {
                pending.addAll(changes);
            }
        } catch (ArithmeticException e) {
            throw new ArithmeticException("input '" + name + "': " + e.getMessage());
        }
    }

    @Override
    public void insertAll(T[] rows, int off, int len) {
        Objects.requireNonNull(rows, () -> "input '" + name + "': null row array");
        Objects.checkFromIndexSize(off, len, rows.length);
        for (int i = off; i < off + len; i++) {
            if (rows[i] == null) {
                throw new NullPointerException("input '" + name + "': null row at index " + i);
            }
        }
        try {
            if (log != null) {
                log.appendOnes(rows, off, len);
                return;
            }
            int i = off;
            try {
                for (; i < off + len; i++) {
                    pending.add(rows[i], 1);
                }
            } catch (ArithmeticException e) {
                // undo the rows already added: the change stays as it was
                for (int j = off; j < i; j++) {
                    pending.add(rows[j], -1);
                }
                throw e;
            }
        } catch (ArithmeticException e) {
            throw new ArithmeticException("input '" + name + "': " + e.getMessage());
        }
    }

    /** The changes waiting for the next step (a copy). */
    @Override
    public ZSet<T> pending() {
        return log != null ? log.toZSet() : pending.copy();
    }

    /** Drops the changes waiting for the next step. */
    @Override
    public void clearPending() {
        if (log != null) {
            log.clear();
            return;
        }
        pending = new ZSet<>();
    }

    @Override
    public String toString() {
        return "input '" + name + "'";
    }
}
