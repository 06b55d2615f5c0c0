package org.jdbsp.operators.topk;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One group's rows for a top-k over a general stream: the rows sorted by the comparator, each with its non-zero
 * weight, in chunks of at most {@value #CHUNK} entries (a list of sorted arrays, a two-level B-tree). The first
 * positions are contiguous references, so reading a group's top reads no row it does not return; a search is a
 * binary search over the chunks' first rows, then within one chunk. Rows comparing equal are one entry (the
 * operator keeps the comparator total on the rows present).
 *
 * <p>Cost: {@link #locate} O(log n) comparisons; {@link #add} O(log n) comparisons plus a move of at most one chunk;
 * about 12 bytes per row (a reference and a weight), against some 64 for a {@code TreeMap} entry and its weight.
 * Not thread-safe.
 */
final class SortedRows<T> {
    static final int CHUNK = 256;

    private final Comparator<? super T> order;
    private Object[][] rows = new Object[1][];
    private long[][] weights = new long[1][];
    private int[] sizes = new int[1];
    private int chunks;
    private int size;

    SortedRows(Comparator<? super T> order) {
        this.order = order;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int chunks() {
        return chunks;
    }

    int chunkSize(int c) {
        return sizes[c];
    }

    Object row(int c, int i) {
        return rows[c][i];
    }

    long weight(int c, int i) {
        return weights[c][i];
    }

    /**
     * The position of the first entry not ordered before {@code r} (its ceiling), packed as
     * {@code chunk << 32 | index}, or -1 if every entry is ordered before it.
     */
    @SuppressWarnings("unchecked")
    long locate(T r) {
        if (chunks == 0) {
            return -1;
        }
        // the last chunk whose first row is not after r holds the ceiling, or its successor does
        int lo = 0;
        int hi = chunks - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (order.compare((T) rows[mid][0], r) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int c = lo;
        Object[] rs = rows[c];
        int a = 0;
        int b = sizes[c];
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (order.compare((T) rs[mid], r) < 0) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        if (a < sizes[c]) {
            return (long) c << 32 | a;
        }
        return c + 1 < chunks ? (long) (c + 1) << 32 : -1;
    }

    /**
     * Adds {@code w} to the weight of {@code row}, or inserts it; an entry whose weight reaches 0 is removed. The
     * caller made sure that no other row comparing equal to {@code row} is present (it fails the step otherwise).
     */
    @SuppressWarnings("unchecked")
    void add(T row, long w) {
        long at = locate(row);
        if (at >= 0) {
            int c = (int) (at >>> 32);
            int i = (int) at;
            if (order.compare((T) rows[c][i], row) == 0) {
                long nw = weights[c][i] + w;
                if (nw == 0) {
                    removeAt(c, i);
                } else {
                    rows[c][i] = row;
                    weights[c][i] = nw;
                }
                return;
            }
            insertAt(c, i, row, w);
        } else if (chunks == 0) {
            insertChunk(0);
            insertAt(0, 0, row, w);
        } else {
            insertAt(chunks - 1, sizes[chunks - 1], row, w);
        }
    }

    private void insertAt(int c, int i, Object row, long w) {
        if (sizes[c] == CHUNK) { // split the full chunk in two halves, then insert into the right one
            insertChunk(c + 1);
            int half = CHUNK / 2;
            System.arraycopy(rows[c], half, rows[c + 1], 0, half);
            System.arraycopy(weights[c], half, weights[c + 1], 0, half);
            Arrays.fill(rows[c], half, CHUNK, null);
            sizes[c] = half;
            sizes[c + 1] = half;
            if (i > half) {
                c++;
                i -= half;
            }
        }
        Object[] rs = rows[c];
        long[] ws = weights[c];
        int n = sizes[c];
        if (n == rs.length) {
            rs = Arrays.copyOf(rs, Math.min(CHUNK, n * 2));
            ws = Arrays.copyOf(ws, rs.length);
            rows[c] = rs;
            weights[c] = ws;
        }
        System.arraycopy(rs, i, rs, i + 1, n - i);
        System.arraycopy(ws, i, ws, i + 1, n - i);
        rs[i] = row;
        ws[i] = w;
        sizes[c] = n + 1;
        size++;
    }

    private void removeAt(int c, int i) {
        int n = sizes[c] - 1;
        System.arraycopy(rows[c], i + 1, rows[c], i, n - i);
        System.arraycopy(weights[c], i + 1, weights[c], i, n - i);
        rows[c][n] = null;
        sizes[c] = n;
        size--;
        if (n == 0) {
            chunks--;
            System.arraycopy(rows, c + 1, rows, c, chunks - c);
            System.arraycopy(weights, c + 1, weights, c, chunks - c);
            System.arraycopy(sizes, c + 1, sizes, c, chunks - c);
            rows[chunks] = null;
            weights[chunks] = null;
        }
    }

    /** Opens an empty chunk at index {@code c}. */
    private void insertChunk(int c) {
        if (chunks == rows.length) {
            rows = Arrays.copyOf(rows, chunks * 2);
            weights = Arrays.copyOf(weights, chunks * 2);
            sizes = Arrays.copyOf(sizes, chunks * 2);
        }
        System.arraycopy(rows, c, rows, c + 1, chunks - c);
        System.arraycopy(weights, c, weights, c + 1, chunks - c);
        System.arraycopy(sizes, c, sizes, c + 1, chunks - c);
        int cap = chunks == 0 ? 4 : CHUNK;
        rows[c] = new Object[cap];
        weights[c] = new long[cap];
        sizes[c] = 0;
        chunks++;
    }
}
