package org.jdbsp.operators;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * The local phase of local-global top-k over an append-only stream ({@link Stream#isAppendOnly()}): per step
 * and group, the rows of this worker's change that may still be among the group's top k, that is those with
 * fewer than k copies strictly before them in the change, with their full weights (ties at the boundary all
 * pass). It holds no state: with insertions only, a row that k copies beat within one change stays beaten
 * forever, so the global top-k over what passes equals the top-k over everything.
 *
 * <p>Cost per step: one sort of the change by (group, order), O(m log m) comparisons for m rows; arrays reused
 * from step to step. A negative weight (the stream was not append-only after all) fails the step.
 */
final class StepTopKByLongNode<T> extends Node {
    private final Stream<T> in;
    private final Stream<T> out;
    private final ToLongFunction<? super T> group;
    private final Comparator<? super T> order;
    private final int k;
    private Object[] rows = new Object[64];
    private long[] weights = new long[64];
    private long[] keys = new long[64];
    private int[] idx = new int[64];
    private int[] tmp = new int[64];

    StepTopKByLongNode(Stream<T> in, Stream<T> out, ToLongFunction<? super T> group, Comparator<? super T> order,
                       int k) {
        super("local top-k (per step)", List.of(in), out);
        this.in = in;
        this.out = out;
        this.group = group;
        this.order = order;
        this.k = k;
    }

    @Override
    protected void eval() {
        ZSet<T> d = in.value();
        int m = d.size();
        if (rows.length < m) {
            int cap = Math.max(m, rows.length * 2);
            rows = new Object[cap];
            weights = new long[cap];
            keys = new long[cap];
            idx = new int[cap];
            tmp = new int[cap];
        }
        ZSet<T> result;
        try {
            int i = 0;
            for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
                T row = d.elementAt(s);
                long w = d.weightAt(s);
                if (w <= 0) {
                    throw new IllegalStateException("an append-only stream carried weight " + w + " for " + row);
                }
                rows[i] = row;
                weights[i] = w;
                keys[i] = group.applyAsLong(row);
                idx[i] = i;
                i++;
            }
            sort(0, m);
            result = new ZSet<>(Math.min(m, 16));
            int j = 0;
            while (j < m) {
                long key = keys[idx[j]];
                long before = 0; // copies strictly before the current run of ties, in this group
                while (j < m && keys[idx[j]] == key) {
                    int r = j + 1;
                    long run = weights[idx[j]];
                    while (r < m && keys[idx[r]] == key && compareRows(idx[r], idx[j]) == 0) {
                        run += weights[idx[r]];
                        r++;
                    }
                    if (before < k) {
                        for (int t = j; t < r; t++) {
                            @SuppressWarnings("unchecked")
                            T row = (T) rows[idx[t]];
                            result.add(row, weights[idx[t]]);
                        }
                    }
                    before += run;
                    j = r;
                }
            }
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            Arrays.fill(rows, 0, m, null);
        }
        out.publish(result);
    }

    @SuppressWarnings("unchecked")
    private int compareRows(int a, int b) {
        return order.compare((T) rows[a], (T) rows[b]);
    }

    private int compare(int a, int b) {
        int c = Long.compare(keys[a], keys[b]);
        return c != 0 ? c : compareRows(a, b);
    }

    /** Stable merge sort of {@code idx[from, to)} by (group, order), no allocation. */
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

    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
