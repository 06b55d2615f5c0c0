package org.jdbsp.circuit;

import org.jdbsp.zset.ZSet;

/**
 * Feeds a keyed input: a table with a primary key, holding at most one row per key (declared with
 * {@link CircuitBuilder#keyedInput(String, java.util.function.Function)}). Besides the {@link Input} calls it
 * offers {@link #upsert} (SQL's INSERT OR REPLACE), {@link #deleteKey}, {@link #get} and {@link #size}, all on
 * the current contents: the committed rows plus the changes pending for the next step.
 *
 * <p>Each call is checked against the current contents before anything changes (a closed circuit, a null row or
 * key, a row of another class than the row type, a key function that throws or returns null, an absent key for
 * {@code deleteKey}/{@code delete}/{@code update}, a present key for {@code insert}); the error names the input
 * and the row or key. It then becomes Z-set changes on the input ({@code -old +new}), so the operators after it
 * see an ordinary input, in every mode and with any number of workers. A step that fails leaves the contents
 * and pending changes as they were; {@link #clearPending()} puts back the committed contents.
 *
 * <p>Keys are compared with {@code equals}/{@code hashCode} and must not be null. The key function must be
 * deterministic: equal rows always get equal keys (a record field, or a value computed from fields only).
 *
 * <p>Cost: the input keeps its rows by key (one hash-map entry per row, plus one per key changed since the last
 * step); O(1) expected per call. In a multi-worker circuit every replica's handle shares the same rows.
 *
 * @param <K> the key type
 * @param <T> the row type
 */
public final class KeyedInputHandle<K, T> extends InputView<T> {
    private final KeyedRows<T> rows;
    /** Keys passed in must be instances of this; null: not checked. */
    private final Class<K> keyType;

    KeyedInputHandle(InputFront<T> front, Stream<T> stream, Class<T> rowType, Class<K> keyType) {
        super(front, stream, rowType);
        this.rows = front.keyed;
        this.keyType = keyType;
    }

    /**
     * Inserts {@code row}, or replaces the row that has its key (SQL's INSERT OR REPLACE); nothing changes if
     * that row equals {@code row}.
     *
     * @return the row replaced, or null if the key had none
     */
    public T upsert(T row) {
        checkRow("upsert", row);
        return rows.upsert(row);
    }

    /**
     * Removes the row with key {@code key}.
     *
     * @return the row removed
     * @throws IllegalArgumentException if no row has that key
     */
    public T deleteKey(K key) {
        front.checkOpen("deleteKey");
        return rows.deleteKey(checkKey(key));
    }

    /**
     * Adds {@code row}, whose key must be new.
     *
     * @throws IllegalArgumentException if a row with the same key is present (use {@link #upsert} to replace it)
     */
    @Override
    public void insert(T row) {
        checkRow("insert", row);
        rows.insert(row);
    }

    /**
     * Removes {@code row}, which must be exactly the current row of its key.
     *
     * @throws IllegalArgumentException if its key has no row, or another one
     */
    @Override
    public void delete(T row) {
        checkRow("delete", row);
        rows.delete(row);
    }

    /**
     * Replaces {@code oldRow}, which must be exactly the current row of its key, with {@code newRow}. The keys
     * may differ; then {@code newRow}'s key must be free.
     */
    @Override
    public void update(T oldRow, T newRow) {
        checkUpdate(oldRow, newRow);
        rows.update(oldRow, newRow);
    }

    /** {@code weight} +1 is {@link #insert}, -1 is {@link #delete}, 0 changes nothing; any other is rejected. */
    @Override
    public void push(T row, long weight) {
        checkRow("push", row);
        rows.checkWeight(row, weight);
        if (weight == 1) {
            rows.insert(row);
        } else if (weight == -1) {
            rows.delete(row);
        } else {
            rows.keyOf(row); // a 0 changes nothing, but the row must have a key
        }
    }

    /**
     * Applies a Z-set of changes atomically: every weight is +1 or -1; deletions apply before insertions, so
     * {@code {old => -1, new => +1}} with the same key is an update; afterwards every key has at most one row.
     */
    @Override
    public void push(ZSet<? extends T> changes) {
        checkChanges(changes);
        rows.pushAll(changes);
    }

    /** Inserts every row of {@code rows[off .. off + len)} atomically; their keys must be new and distinct. */
    @Override
    public void insertAll(T[] batch, int off, int len) {
        front.checkOpen("insertAll");
        checkBatch(batch, off, len);
        rows.insertAll(batch, off, len);
    }

    /** The current row with key {@code key} (pending changes included), or null. */
    public T get(K key) {
        return rows.get(checkKey(key));
    }

    /** True if a row has key {@code key} (pending changes included). */
    public boolean containsKey(K key) {
        return rows.get(checkKey(key)) != null;
    }

    /** The number of rows (pending changes included). */
    public int size() {
        return rows.size();
    }

    private Object checkKey(K key) {
        if (key == null) {
            throw new NullPointerException(front + ": null key (keys are never null)");
        }
        RowTypes.checkKey(key, keyType, front);
        return key;
    }
}
