package org.jdbsp.circuit;

import org.jdbsp.zset.ZSet;

/**
 * The contents of a strict input: its committed rows plus its pending changes, kept so that deleting a row that
 * is not there fails at the push, naming the row, instead of making a negative count that no operator
 * expects. Every check runs before anything changes. Cost: one entry per distinct row present (the input's whole
 * contents, like an integrate), O(1) expected per pushed row, O(pending) for {@link #subtract}.
 */
final class StrictContents<T> {
    private final Object input;
    private final ZSet<T> rows = new ZSet<>();

    /** {@code input} names the input in messages. */
    StrictContents(Object input) {
        this.input = input;
    }

    /**
     * Throws unless {@code weight} copies of {@code row} can be added: none may remain below 0, nor above
     * {@code Long.MAX_VALUE}.
     */
    void check(Object row, long weight) {
        long present = rows.weight(row);
        long after = present + weight;
        if (((present ^ after) & (weight ^ after)) < 0) {
            throw new ArithmeticException(input + ": weight overflow for row " + row + ": " + present + " + "
                    + weight + " copies present does not fit in a long");
        }
        if (after < 0) {
            throw new IllegalArgumentException(input + " is strict: cannot delete " + (weight == -1 ? "row "
                    : -weight + " copies of row ") + row + ": " + (present == 0 ? "it is not present"
                    : "only " + present + " present") + " (committed and pending)");
        }
    }

    /** {@link #check} of {@code -1 x oldRow + 1 x newRow}, applied together. */
    void checkUpdate(Object oldRow, Object newRow) {
        if (oldRow.equals(newRow)) {
            check(oldRow, -1); // the row must be there, even though nothing changes
            return;
        }
        check(oldRow, -1);
        check(newRow, 1);
    }

    /** {@link #check} of every row of {@code changes}. */
    void checkAll(ZSet<?> changes) {
        for (int s = changes.nextSlot(0); s >= 0; s = changes.nextSlot(s + 1)) {
            check(changes.elementAt(s), changes.weightAt(s));
        }
    }

    /** Adds a checked change. */
    void add(T row, long weight) {
        rows.add(row, weight);
    }

    /** Adds a checked change. */
    void addAll(ZSet<? extends T> changes) {
        rows.addAll(changes);
    }

    /**
     * Adds one copy of each of {@code batch[off .. off + len)}, or nothing if a weight would overflow (then
     * throws naming the input and the row) or a row's {@code hashCode} throws: insertions can only break the
     * upper bound.
     */
    void addOnes(T[] batch, int off, int len) {
        int i = off;
        try {
            for (; i < off + len; i++) {
                rows.add(batch[i], 1);
            }
        } catch (RuntimeException e) {
            for (int j = off; j < i; j++) {
                rows.add(batch[j], -1);
            }
            if (e instanceof ArithmeticException) {
                throw new ArithmeticException(input + ": " + e.getMessage());
            }
            throw e;
        }
    }

    /** Takes back rows added by {@link #addOnes} when the pending change could not take them. */
    void removeOnes(T[] batch, int off, int len) {
        for (int i = off; i < off + len; i++) {
            rows.add(batch[i], -1);
        }
    }

    /** Takes the pending changes out again: the contents become the committed rows. */
    void subtract(ZSet<? extends T> pending) {
        rows.addAll(pending, -1);
    }

    /** Distinct rows present. */
    int size() {
        return rows.size();
    }

    void writeState(org.jdbsp.circuit.state.StateWriter out) {
        out.writeZSet(rows);
    }

    void readState(org.jdbsp.circuit.state.StateReader in) {
        rows.addAll(in.<T>readZSet());
    }
}
