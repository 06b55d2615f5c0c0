package org.jdbsp.operators.spi;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Scratch of a grouped operator for one step: the rows of a change with their weights and a {@code long} group
 * key each, sorted by (key, order) with a stable merge sort. O(m log m) comparisons for m rows; the arrays grow
 * to the largest change seen and are reused from step to step, so sorting allocates nothing.
 */
public final class ChangeSorter<T> {
    private Object[] rows = new Object[64];
    private long[] weights = new long[64];
    private long[] keys = new long[64];
    private int[] idx = new int[64];
    private int[] tmp = new int[64];
    private int[] counts = new int[64];
    private int size;
    private Comparator<? super T> order;

    /** Empties the scratch (dropping its references to rows) and makes room for {@code m} rows. */
    public void reset(int m) {
        Arrays.fill(rows, 0, size, null);
        size = 0;
        if (rows.length < m) {
            int cap = Math.max(m, rows.length * 2);
            rows = new Object[cap];
            weights = new long[cap];
            keys = new long[cap];
            idx = new int[cap];
            tmp = new int[cap];
        }
    }

    /** Appends a row (room for it was made by {@link #reset}). */
    public void add(T row, long weight, long key) {
        rows[size] = row;
        weights[size] = weight;
        keys[size] = key;
        idx[size] = size;
        size++;
    }

    public int size() {
        return size;
    }

    /** Sorts the rows by key, then by {@code order}; rows comparing equal keep their order. */
    public void sort(Comparator<? super T> order) {
        this.order = order;
        try {
            sort(0, size);
        } finally {
            this.order = null;
        }
    }

    /**
     * As {@link #sort}, for keys that are all in {@code [0, keys)} (touched-group numbers): a counting sort by key,
     * O(m + keys), then a sort by {@code order} of each key's rows, only where a key has more than one.
     */
    public void sortDense(int keys, Comparator<? super T> order) {
        if (counts.length < keys + 1) {
            counts = new int[Math.max(keys + 1, counts.length * 2)];
        }
        Arrays.fill(counts, 0, keys + 1, 0);
        for (int i = 0; i < size; i++) {
            counts[(int) this.keys[i] + 1]++;
        }
        for (int g = 0; g < keys; g++) {
            counts[g + 1] += counts[g];
        }
        for (int i = 0; i < size; i++) {
            idx[counts[(int) this.keys[i]]++] = i; // stable: rows of a key keep their order
        }
        // counts[g] is now the end of key g's rows, and the start of key g + 1's
        this.order = order;
        try {
            int from = 0;
            for (int g = 0; g < keys; g++) {
                int to = counts[g];
                if (to - from > 1) {
                    sort(from, to);
                }
                from = to;
            }
        } finally {
            this.order = null;
        }
    }

    /** The {@code i}-th row in sorted order. */
    @SuppressWarnings("unchecked")
    public T row(int i) {
        return (T) rows[idx[i]];
    }

    public long weight(int i) {
        return weights[idx[i]];
    }

    public long key(int i) {
        return keys[idx[i]];
    }

    @SuppressWarnings("unchecked")
    private int compare(int a, int b) {
        int c = Long.compare(keys[a], keys[b]);
        return c != 0 ? c : order.compare((T) rows[a], (T) rows[b]);
    }

    private void sort(int from, int to) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 12) {
            for (int i = from + 1; i < to; i++) {
                int v = idx[i];
                int j = i - 1;
                while (j >= from && compare(idx[j], v) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(from, mid);
        sort(mid, to);
        if (compare(idx[mid - 1], idx[mid]) <= 0) {
            return;
        }
        System.arraycopy(idx, from, tmp, from, to - from);
        int a = from;
        int b = mid;
        for (int o = from; o < to; o++) {
            if (b >= to || (a < mid && compare(tmp[a], tmp[b]) <= 0)) {
                idx[o] = tmp[a++];
            } else {
                idx[o] = tmp[b++];
            }
        }
    }
}
