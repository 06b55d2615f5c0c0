package org.jdbsp.operators.topk;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Scratch of a per-pass local top-k: numbered candidate lists, one per group of the pass, each holding the rows
 * of its group seen so far that have fewer than k copies strictly before them, sorted by the order (a run of
 * rows that tie at position k is kept whole, so that a final top-k still sees the tie and fails on it as it
 * would without the local phase). A row behind k copies costs one comparison and is not recorded; one that gets
 * in costs O(k) comparisons and moves, and pushes out whatever now has k copies before it. After every row of
 * the pass, a list holds exactly its group's top k of the pass, plus that tie run. The arrays are reused from
 * pass to pass and grow to the largest pass seen; {@link #clear} drops the row references.
 */
final class TopKCandidates<T> {
    private final Comparator<? super T> order;
    private final int k;
    private Object[][] rows = new Object[16][];
    private long[][] weights = new long[16][];
    private int[] size = new int[16];
    private long[] copies = new long[16];
    private int lists;

    TopKCandidates(Comparator<? super T> order, int k) {
        this.order = order;
        this.k = k;
    }

    /** Lists opened since the last {@link #clear}. */
    int lists() {
        return lists;
    }

    /** Opens an empty list and returns its number, which equals the previous {@link #lists}. */
    int open() {
        if (lists == rows.length) {
            rows = Arrays.copyOf(rows, lists * 2);
            weights = Arrays.copyOf(weights, lists * 2);
            size = Arrays.copyOf(size, lists * 2);
            copies = Arrays.copyOf(copies, lists * 2);
        }
        if (rows[lists] == null) {
            rows[lists] = new Object[Math.min(k + 1, 16)];
            weights[lists] = new long[rows[lists].length];
        }
        size[lists] = 0;
        copies[lists] = 0;
        return lists++;
    }

    /** Empties every list, dropping its rows, for the next pass. */
    void clear() {
        for (int l = 0; l < lists; l++) {
            Arrays.fill(rows[l], 0, size[l], null); // the last pass's rows are not kept alive until the next one
        }
        lists = 0;
    }

    int size(int list) {
        return size[list];
    }

    Object row(int list, int i) {
        return rows[list][i];
    }

    long weight(int list, int i) {
        return weights[list][i];
    }

    /**
     * Offers {@code row} with weight {@code w > 0} to list {@code l}: false if k copies strictly before it are
     * already there (the list is unchanged), else records it and returns true.
     */
    @SuppressWarnings("unchecked")
    boolean admit(int l, T row, long w) {
        Object[] rs = rows[l];
        long[] ws = weights[l];
        int n = size[l];
        if (n > 0 && copies[l] >= k && order.compare(row, (T) rs[n - 1]) > 0) {
            return false; // behind every candidate, which hold k copies or more
        }
        long before = 0;
        int p = 0;
        for (; p < n; p++) {
            int c = order.compare((T) rs[p], row);
            if (c > 0) {
                break;
            }
            if (c < 0) {
                before = capAdd(before, ws[p], k);
            }
        }
        if (before >= k) {
            return false;
        }
        if (n == rs.length) {
            rs = Arrays.copyOf(rs, n * 2);
            ws = Arrays.copyOf(ws, n * 2);
            rows[l] = rs;
            weights[l] = ws;
        }
        System.arraycopy(rs, p, rs, p + 1, n - p);
        System.arraycopy(ws, p, ws, p + 1, n - p);
        rs[p] = row;
        ws[p] = w;
        n++;
        // drop the candidates from the first run of ties with k copies before it
        long kept = 0;
        int j = 0;
        while (j < n && kept < k) {
            int r = j + 1;
            long run = ws[j];
            while (r < n && order.compare((T) rs[r], (T) rs[j]) == 0) {
                run = capAdd(run, ws[r], k);
                r++;
            }
            kept = capAdd(kept, run, k);
            j = r;
        }
        Arrays.fill(rs, j, n, null);
        size[l] = j;
        copies[l] = kept;
        return true;
    }

    /** {@code min(cap, a + w)} for {@code 0 <= a <= cap} and {@code w >= 0}, without overflow. */
    private static long capAdd(long a, long w, long cap) {
        return w >= cap - a ? cap : a + w;
    }
}
