package org.jdbsp.operators;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Incremental top-k per group over an append-only stream ({@link Stream#isAppendOnly()}), for
 * {@link TopK#topK}, {@link TopK#rowNumber} and {@link TopK#rank}: per group it keeps only the rows that are
 * still within the top k, not every row. With insertions only, the number of copies before a row never
 * decreases, so a row pushed out of the top k never comes back and can be forgotten.
 *
 * <p>Per step, a row of a group whose kept rows already fill the top k and that is ordered after the last of them
 * cannot get in: it is dropped after one comparison (most rows of a busy group). The other rows are sorted by
 * (group, order), by counting for the groups and by the order only within a group ({@link ChangeSorter}), and each
 * touched group's kept rows (at most k, sorted) are merged with them up to position k. If any new row made it in,
 * the group's old top is retracted and its new top emitted ({@link TopKGroup#emit}, the same output as
 * {@link TopKNode}); the new kept list replaces the old one on commit. Cost per step: one hash lookup and at most
 * one comparison per changed row, O(s + g) to order the s rows that may get in by their g groups and O(s_i log s_i)
 * comparisons within a group of s_i such rows, O(k) per changed group; state: at most k rows per group. A negative
 * weight (the stream was not append-only after all) fails the step.
 *
 * <p>The comparator must be total as for {@link TopKNode}. Two different rows that compare equal fail the step
 * when both are in one step's change within the top k, or when one arrives while the other is kept; a tie
 * among rows already beyond the top k is not detected, and cannot change the result.
 */
abstract class AppendOnlyTopKNode<T> extends Node {
    private final Stream<T> in;
    private final Stream<Object> out;
    private final Comparator<? super T> order;
    private final int k;
    private final TopKGroup.Kind kind;
    private final ChangeSorter<T> change = new ChangeSorter<>();
    /** Per touched group of this step, its committed kept rows (null: none), looked up once. */
    private Kept[] touchedKept = new Kept[16];
    private int[] pendingGroups = new int[16];
    private Kept[] pendingKept = new Kept[16];
    private int pending;
    /** The change of {@link #rows} that the pending kept lists make. */
    private long pendingRows;
    private long rows;

    AppendOnlyTopKNode(String name, Stream<T> in, Stream<Object> out, Comparator<? super T> order, int k,
                       TopKGroup.Kind kind) {
        super(name, List.of(in), out);
        this.in = in;
        this.out = out;
        this.order = order;
        this.k = k;
        this.kind = kind;
    }

    /** A group's kept rows, sorted by the order, each with fewer than k copies before it; immutable. */
    static final class Kept {
        final Object[] rows;
        final long[] weights;
        final int size;
        /** Copies kept: when at least k, a row ordered after the last kept one cannot enter the top k. */
        final long total;

        Kept(Object[] rows, long[] weights, int size, long total) {
            this.rows = rows;
            this.weights = weights;
            this.size = size;
            this.total = total;
        }
    }

    /** Computes the group key of {@code row} (user function) and returns its touched-group number. */
    abstract int touch(T row);

    abstract int touched();

    abstract void clearTouched();

    /** The committed kept rows of touched group g, or null. */
    abstract Kept lookup(int g);

    /** Stores the kept rows of touched group g. */
    abstract void store(int g, Kept kept);

    @Override
    protected void eval() {
        clearPending();
        ZSet<T> d = in.value();
        ZSet<Object> result = new ZSet<>();
        try {
            change.reset(d.size());
            for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
                T row = d.elementAt(s);
                long w = d.weightAt(s);
                AppendOnlyRows.checkWeight(row, w);
                int before = touched();
                int g = touch(row);
                Kept kept;
                if (g == before) {
                    if (g == touchedKept.length) {
                        touchedKept = Arrays.copyOf(touchedKept, g * 2);
                    }
                    kept = lookup(g);
                    touchedKept[g] = kept;
                } else {
                    kept = touchedKept[g];
                }
                // a full group's last kept row bounds it: a row ordered after it cannot get in (most rows of a
                // busy group stop here, with one comparison and no sorting)
                if (kept == null || kept.total < k || order.compare(row, lastOf(kept)) <= 0) {
                    change.add(row, w, g);
                }
            }
            change.sortDense(touched(), order);
            int m = change.size();
            int j = 0;
            while (j < m) {
                int g = (int) change.key(j);
                int end = j + 1;
                while (end < m && change.key(end) == g) {
                    end++;
                }
                Kept old = touchedKept[g];
                Kept merged = merge(old, j, end);
                if (merged != null) {
                    emit(old, -1, result);
                    emit(merged, 1, result);
                    addPending(g, merged);
                    pendingRows += merged.size - (old == null ? 0 : old.size);
                }
                j = end;
            }
        } catch (RuntimeException e) {
            clearPending();
            throw failure(e);
        } finally {
            change.reset(0);
            Arrays.fill(touchedKept, 0, Math.min(touched(), touchedKept.length), null);
        }
        out.publish(result);
    }

    /**
     * The kept rows of a group after adding the sorted new rows {@code [from, to)} of the change, or null if none
     * of them reaches the top k (the group is unchanged).
     */
    private Kept merge(Kept old, int from, int to) {
        int oldSize = old == null ? 0 : old.size;
        int cap = (int) Math.min(k, (long) oldSize + (to - from));
        Object[] rows = new Object[cap];
        long[] weights = new long[cap];
        int size = 0;
        long before = 0;
        boolean changed = false;
        int a = 0;
        int b = from;
        while (before < k && (a < oldSize || b < to)) {
            Object row;
            long w;
            int c;
            if (a >= oldSize) {
                c = 1;
            } else if (b >= to) {
                c = -1;
            } else {
                @SuppressWarnings("unchecked")
                T kept = (T) old.rows[a];
                c = order.compare(kept, change.row(b));
            }
            if (c < 0) {
                row = old.rows[a];
                w = old.weights[a];
                a++;
            } else {
                T fresh = change.row(b);
                if (c == 0 && !old.rows[a].equals(fresh)) {
                    throw notTotal(old.rows[a], fresh);
                }
                if (b > from && order.compare(change.row(b - 1), fresh) == 0) {
                    throw notTotal(change.row(b - 1), fresh);
                }
                row = fresh;
                w = change.weight(b);
                if (c == 0) {
                    w = Math.addExact(w, old.weights[a]);
                    a++;
                }
                b++;
                changed = true;
            }
            rows[size] = row;
            weights[size] = w;
            size++;
            before += w;
        }
        return changed ? new Kept(rows, weights, size, before) : null;
    }

    @SuppressWarnings("unchecked")
    private T lastOf(Kept kept) {
        return (T) kept.rows[kept.size - 1];
    }

    private static IllegalArgumentException notTotal(Object a, Object b) {
        return new IllegalArgumentException("the top-k comparator is not total: rows " + a + " and " + b
                + " compare equal but are different; add a unique column to the comparator");
    }

    private void emit(Kept kept, long sign, ZSet<Object> result) {
        if (kept == null) {
            return;
        }
        long pos = 0;
        for (int i = 0; i < kept.size; i++) {
            pos = TopKGroup.emit(kept.rows[i], kept.weights[i], pos, k, kind, sign, result);
        }
    }

    private void addPending(int g, Kept kept) {
        if (pending == pendingGroups.length) {
            pendingGroups = Arrays.copyOf(pendingGroups, pending * 2);
            pendingKept = Arrays.copyOf(pendingKept, pending * 2);
        }
        pendingGroups[pending] = g;
        pendingKept[pending] = kept;
        pending++;
    }

    private void clearPending() {
        Arrays.fill(pendingKept, 0, pending, null);
        pending = 0;
        pendingRows = 0;
    }

    @Override
    protected void commit() {
        for (int i = 0; i < pending; i++) {
            store(pendingGroups[i], pendingKept[i]);
        }
        rows += pendingRows;
        clearPending();
        clearTouched();
    }

    @Override
    protected void rollback() {
        clearPending();
        clearTouched();
    }

    @Override
    public long stateRows() {
        return rows;
    }
}
