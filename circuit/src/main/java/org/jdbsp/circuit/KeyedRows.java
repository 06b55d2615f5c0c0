package org.jdbsp.circuit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbsp.zset.ZSet;

/**
 * The rows of a keyed input by key, committed and pending alike, with the committed row of every key changed
 * since the last successful step (to put back on {@link InputFront#clearPending()}). Each operation checks
 * everything first (key function, presence, uniqueness), then turns into Z-set changes on the input's pending
 * change ({@code -old +new}), so the operators after the input see an ordinary input. Keys are compared with
 * {@code equals}/{@code hashCode}. Cost: two hash maps, one entry per key present plus one per key changed
 * since the last step; O(1) expected per row.
 */
final class KeyedRows<T> {
    /** The committed value of a key that had no row. */
    private static final Object NONE = new Object();

    private final InputFront<T> front;
    private final Function<? super T, ?> key;
    private final Map<Object, T> rows = new HashMap<>();
    private final Map<Object, Object> committed = new HashMap<>();

    KeyedRows(InputFront<T> front, Function<? super T, ?> key) {
        this.front = front;
        this.key = key;
    }

    /** The key of {@code row}; throws, naming the input and the row, if the key function fails or gives null. */
    Object keyOf(T row) {
        Object k;
        try {
            k = key.apply(row);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(front + ": the key function failed for row " + row + ": " + e, e);
        }
        if (k == null) {
            throw new NullPointerException(front + ": the key function returned null for row " + row);
        }
        return k;
    }

    T get(Object k) {
        return rows.get(k);
    }

    int size() {
        return rows.size();
    }

    /** Inserts {@code row}, or replaces the row with its key; returns the row replaced, or null. */
    T upsert(T row) {
        Object k = keyOf(row);
        T old = rows.get(k);
        if (old == null) {
            front.addPending(row, 1);
        } else if (old.equals(row)) {
            return old;
        } else {
            front.updatePending(old, row);
        }
        set(k, old, row);
        return old;
    }

    void insert(T row) {
        Object k = keyOf(row);
        checkAbsent(k, rows.get(k), row);
        front.addPending(row, 1);
        set(k, null, row);
    }

    void delete(T row) {
        Object k = keyOf(row);
        T old = checkCurrent(k, rows.get(k), row, "delete of");
        front.addPending(old, -1);
        set(k, old, null);
    }

    /** Removes the row with key {@code k}; returns it. */
    T deleteKey(Object k) {
        T old = rows.get(k);
        if (old == null) {
            throw new IllegalArgumentException(front + ": no row with key " + k + " to delete");
        }
        front.addPending(old, -1);
        set(k, old, null);
        return old;
    }

    /** Replaces {@code oldRow}, the current row of its key, with {@code newRow}, whose key may differ. */
    void update(T oldRow, T newRow) {
        Object oldKey = keyOf(oldRow);
        Object newKey = keyOf(newRow);
        T old = checkCurrent(oldKey, rows.get(oldKey), oldRow, "update of");
        if (!oldKey.equals(newKey)) {
            checkAbsent(newKey, rows.get(newKey), newRow);
        }
        if (old.equals(newRow)) {
            return;
        }
        front.updatePending(old, newRow);
        set(oldKey, old, null);
        set(newKey, rows.get(newKey), newRow);
    }

    /**
     * Applies a whole Z-set of changes atomically: every weight must be +1 or -1; the deletions are applied
     * before the insertions (so {@code {old => -1, new => +1}} is an update), and the result must hold at most
     * one row per key.
     */
    void pushAll(ZSet<? extends T> changes) {
        List<T> deleted = new ArrayList<>();
        List<T> inserted = new ArrayList<>();
        for (int s = changes.nextSlot(0); s >= 0; s = changes.nextSlot(s + 1)) {
            long w = changes.weightAt(s);
            checkWeight(changes.elementAt(s), w);
            (w < 0 ? deleted : inserted).add(changes.elementAt(s));
        }
        Map<Object, Object> after = new HashMap<>();
        for (T row : deleted) {
            Object k = keyOf(row);
            checkCurrent(k, current(after, k), row, "delete of");
            after.put(k, NONE);
        }
        for (T row : inserted) {
            Object k = keyOf(row);
            checkAbsent(k, current(after, k), row);
            after.put(k, row);
        }
        front.addPendingAll(changes);
        apply(after);
    }

    /** Inserts every row of {@code batch[off .. off + len)} atomically: their keys must be new and distinct. */
    void insertAll(T[] batch, int off, int len) {
        Map<Object, Object> after = new HashMap<>();
        for (int i = off; i < off + len; i++) {
            Object k = keyOf(batch[i]);
            checkAbsent(k, current(after, k), batch[i]);
            after.put(k, batch[i]);
        }
        front.addPendingOnes(batch, off, len);
        apply(after);
    }

    /** Throws unless {@code weight} is one a keyed input takes (+1 or -1; 0 changes nothing). */
    void checkWeight(Object row, long weight) {
        if (weight != 1 && weight != -1 && weight != 0) {
            throw new IllegalArgumentException(front + " holds at most one row per key: weight " + weight
                    + " for row " + row + " rejected (push +1 or -1)");
        }
    }

    /** Puts back the committed rows of every key changed since the last successful step. */
    @SuppressWarnings("unchecked")
    void restoreCommitted() {
        for (Map.Entry<Object, Object> e : committed.entrySet()) {
            if (e.getValue() == NONE) {
                rows.remove(e.getKey());
            } else {
                rows.put(e.getKey(), (T) e.getValue());
            }
        }
        committed.clear();
    }

    /** A step took the pending changes: the rows as they are now are committed. */
    void stepCommitted() {
        committed.clear();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The row of {@code k} once the changes in {@code after} (key to row or {@code NONE}) are applied. */
    @SuppressWarnings("unchecked")
    private T current(Map<Object, Object> after, Object k) {
        Object v = after.get(k);
        return v == null ? rows.get(k) : v == NONE ? null : (T) v;
    }

    private void checkAbsent(Object k, T present, T row) {
        if (present != null) {
            throw new IllegalArgumentException(front + ": key " + k + " already has row " + present + "; insert of "
                    + row + " rejected (upsert replaces a row)");
        }
    }

    /** The present row of {@code k}, after checking it equals {@code row}. */
    private T checkCurrent(Object k, T present, T row, String what) {
        if (present == null) {
            throw new IllegalArgumentException(front + ": " + what + " row " + row + " rejected: no row has its key "
                    + k);
        }
        if (!present.equals(row)) {
            throw new IllegalArgumentException(front + ": " + what + " row " + row + " rejected: the row with key "
                    + k + " is " + present);
        }
        return present;
    }

    /** Records the change of key {@code k} from {@code old} to {@code now} (null: no row). */
    private void set(Object k, T old, T now) {
        committed.putIfAbsent(k, old == null ? NONE : old);
        if (now == null) {
            rows.remove(k);
        } else {
            rows.put(k, now);
        }
    }

    @SuppressWarnings("unchecked")
    private void apply(Map<Object, Object> after) {
        for (Map.Entry<Object, Object> e : after.entrySet()) {
            Object v = e.getValue();
            set(e.getKey(), rows.get(e.getKey()), v == NONE ? null : (T) v);
        }
    }

    @Override
    public String toString() {
        return Objects.toString(front);
    }

    /** Writes the rows (the keys are their key function's); only between steps, when nothing is pending. */
    void writeState(org.jdbsp.circuit.state.StateWriter out) {
        out.writeVarLong(rows.size());
        for (T row : rows.values()) {
            out.writeValue(row);
        }
    }

    @SuppressWarnings("unchecked")
    void readState(org.jdbsp.circuit.state.StateReader in) {
        int n = in.readSize();
        for (int i = 0; i < n; i++) {
            T row = (T) in.readValue();
            if (rows.put(keyOf(row), row) != null) {
                throw in.corrupt("two rows with the key of " + row);
            }
        }
    }
}
