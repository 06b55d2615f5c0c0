package org.jdbsp.operators;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;

/**
 * The local phase of local-global top-k over an append-only stream ({@link Stream#isAppendOnly()}), as a
 * filter that decides each row as it comes: a row passes unless k copies strictly before it in its group have
 * already come by in this pass (ties all pass). Every row it drops has k rows before it that stay forever (no
 * deletes), so the global top-k over what passes equals the top-k over everything. It passes a superset of the
 * step's own top-k per group (for rows in random order about k ln(m/k) of a group's m rows), but it needs no
 * second pass: as an elementwise operator it runs inside the exchange after an input, on each worker's part of
 * the input's change, before any row is hashed or moved, so a hot group's rows are cut down where they arrive.
 *
 * <p>State: per group of the pass, the rows with fewer than k copies before them so far, sorted; reset at each
 * pass ({@link #beginPass}), so nothing is kept between steps. Cost per row: one hash lookup of its group and
 * one comparison to drop it behind k copies; a row that gets in costs O(k) comparisons and moves. Arrays and
 * lists are reused from pass to pass. Not linear (whether a row passes depends on those before it), so it is
 * kept out of recursion. A negative weight (the stream was not append-only after all) fails the step.
 */
final class RunningTopKByLongNode<T> extends ElementwiseNode<T, T> {
    private final ToLongFunction<? super T> group;
    private final Comparator<? super T> order;
    private final int k;
    /** This pass's groups: key to candidate list. */
    private final LongIntHashMap listOfKey = new LongIntHashMap();
    /** Candidate lists, sorted by the order: rows, their weights, their length and copies (capped at k). */
    private Object[][] rows = new Object[16][];
    private long[][] weights = new long[16][];
    private int[] size = new int[16];
    private long[] copies = new long[16];
    private int lists;

    RunningTopKByLongNode(Stream<T> in, Stream<T> out, ToLongFunction<? super T> group,
                          Comparator<? super T> order, int k) {
        super("local top-k (running)", in, out);
        this.group = group;
        this.order = order;
        this.k = k;
    }

    @Override
    protected void beginPass() {
        if (lists == 0 && listOfKey.isEmpty()) {
            return;
        }
        listOfKey.clear();
        for (int l = 0; l < lists; l++) {
            Arrays.fill(rows[l], 0, size[l], null); // the last pass's rows are not kept alive until the next one
        }
        lists = 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stage stage(Stage next) {
        return (e, w) -> {
            boolean pass;
            try {
                pass = admit((T) e, w);
            } catch (RuntimeException ex) {
                throw failure(ex);
            }
            if (pass) {
                next.accept(e, w);
            }
        };
    }

    /** True if fewer than k copies before {@code row} in its group came by in this pass; then records it. */
    @SuppressWarnings("unchecked")
    private boolean admit(T row, long w) {
        AppendOnlyRows.checkWeight(row, w);
        int l = listOfKey.getIfAbsentPut(group.applyAsLong(row), lists);
        if (l == lists) {
            newList();
        }
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

    private void newList() {
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
        lists++;
    }

    /** {@code min(cap, a + w)} for {@code 0 <= a <= cap} and {@code w >= 0}, without overflow. */
    private static long capAdd(long a, long w, long cap) {
        return w >= cap - a ? cap : a + w;
    }

    @Override
    public boolean isLinear() {
        return false;
    }

    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
