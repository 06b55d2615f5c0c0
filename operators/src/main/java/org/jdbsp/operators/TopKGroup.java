package org.jdbsp.operators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbsp.zset.ZSet;

/**
 * The per-group logic shared by the top-k nodes. A group's state is a {@code TreeMap<T, long[]>} ordered by
 * the user's comparator (one entry per row, value {@code {weight}}, weights non-zero). A row with weight
 * {@code w > 0} occupies {@code w} consecutive positions; rows with weight {@code <= 0} are treated as absent.
 */
final class TopKGroup {
    private TopKGroup() {
    }

    /** What a top-k operator emits. */
    enum Kind {
        /** The rows at positions 1..k, each with the number of positions it occupies as weight. */
        ROWS,
        /** One {@link Ranked} row per position 1..k (ROW_NUMBER). */
        ROW_NUMBER,
        /** One {@link Ranked} row per distinct row whose RANK (1 + positions before it) is at most k, with its weight. */
        RANK
    }

    /**
     * The state of one comparator class (rows comparing equal) after the step: {@code existing} is the state
     * entry it replaces (or null), {@code row}/{@code weight} the surviving row and its new weight (0: the
     * class becomes empty). {@code inPlace}: the same row stays, only its weight changes.
     */
    static final class ClassUpdate<T> {
        final Map.Entry<T, long[]> existing;
        final T row;
        final long weight;
        final boolean inPlace;

        ClassUpdate(Map.Entry<T, long[]> existing, T row, long weight, boolean inPlace) {
            this.existing = existing;
            this.row = row;
            this.weight = weight;
            this.inPlace = inPlace;
        }

        T sortKey() {
            return existing != null ? existing.getKey() : row;
        }
    }

    /**
     * Plans the change of one group: one {@link ClassUpdate} per comparator class touched by {@code changes},
     * in comparator order. Reads {@code state} (may be null) without modifying it.
     *
     * @throws IllegalArgumentException if after the change the group would hold two different rows that
     *                                  compare equal (the comparator must be total on the rows present)
     */
    @SuppressWarnings("unchecked")
    static <T> List<ClassUpdate<T>> plan(TreeMap<T, long[]> state, ZSet<T> changes, Comparator<? super T> order) {
        Object[] rows = new Object[changes.size()];
        int n = 0;
        for (int s = changes.nextSlot(0); s >= 0; s = changes.nextSlot(s + 1)) {
            rows[n++] = changes.elementAt(s);
        }
        Arrays.sort(rows, 0, n, (a, b) -> order.compare((T) a, (T) b));
        List<ClassUpdate<T>> plan = new ArrayList<>(n);
        int i = 0;
        while (i < n) {
            T first = (T) rows[i];
            int j = i + 1;
            while (j < n && order.compare(first, (T) rows[j]) == 0) {
                j++;
            }
            Map.Entry<T, long[]> existing = null;
            if (state != null) {
                Map.Entry<T, long[]> e = state.ceilingEntry(first);
                if (e != null && order.compare(e.getKey(), first) == 0) {
                    existing = e;
                }
            }
            T survivor = null;
            long survivorWeight = 0;
            int nonZero = 0;
            boolean inPlace = false;
            if (existing != null) {
                long w = Math.addExact(existing.getValue()[0], changes.weight(existing.getKey()));
                if (w != 0) {
                    survivor = existing.getKey();
                    survivorWeight = w;
                    nonZero++;
                    inPlace = true;
                }
            }
            for (int r = i; r < j; r++) {
                T row = (T) rows[r];
                if (existing != null && existing.getKey().equals(row)) {
                    continue;
                }
                nonZero++;
                if (nonZero > 1) {
                    throw new IllegalArgumentException("the top-k comparator is not total: rows " + survivor + " and "
                            + row + " compare equal but are different; add a unique column to the comparator");
                }
                survivor = row;
                survivorWeight = changes.weight(row);
            }
            if (survivor == null) {
                plan.add(new ClassUpdate<>(existing, existing.getKey(), 0, false));
            } else {
                plan.add(new ClassUpdate<>(existing, survivor, survivorWeight, inPlace));
            }
            i = j;
        }
        return plan;
    }

    /** Emits the committed top of {@code state} with weight factor {@code sign} into {@code out}. */
    static <T> void emitOld(TreeMap<T, long[]> state, int k, Kind kind, long sign, ZSet<Object> out) {
        if (state == null) {
            return;
        }
        long pos = 0;
        for (Map.Entry<T, long[]> e : state.entrySet()) {
            if (pos >= k) {
                return;
            }
            long w = e.getValue()[0];
            if (w > 0) {
                pos = emit(e.getKey(), w, pos, k, kind, sign, out);
            }
        }
    }

    /** Emits the top of {@code state} as changed by {@code plan}, without modifying the state. */
    static <T> void emitNew(TreeMap<T, long[]> state, List<ClassUpdate<T>> plan, Comparator<? super T> order,
                            int k, Kind kind, long sign, ZSet<Object> out) {
        Iterator<Map.Entry<T, long[]>> it = state == null ? null : state.entrySet().iterator();
        Map.Entry<T, long[]> cur = it != null && it.hasNext() ? it.next() : null;
        int ui = 0;
        int nu = plan.size();
        long pos = 0;
        while (pos < k && (cur != null || ui < nu)) {
            T row;
            long w;
            if (ui < nu) {
                ClassUpdate<T> u = plan.get(ui);
                int c = cur == null ? 1 : order.compare(cur.getKey(), u.sortKey());
                if (c < 0) {
                    row = cur.getKey();
                    w = cur.getValue()[0];
                    cur = it.hasNext() ? it.next() : null;
                } else {
                    row = u.row;
                    w = u.weight;
                    ui++;
                    if (c == 0) {
                        cur = it.hasNext() ? it.next() : null;
                    }
                }
            } else {
                row = cur.getKey();
                w = cur.getValue()[0];
                cur = it.hasNext() ? it.next() : null;
            }
            if (w > 0) {
                pos = emit(row, w, pos, k, kind, sign, out);
            }
        }
    }

    /** Emits {@code row} (weight {@code w > 0}) starting after position {@code pos}; returns the new position. */
    static long emit(Object row, long w, long pos, int k, Kind kind, long sign, ZSet<Object> out) {
        long room = k - pos;
        long take = Math.min(w, room);
        switch (kind) {
            case ROWS:
                out.add(row, sign * take);
                break;
            case ROW_NUMBER:
                for (long i = 0; i < take; i++) {
                    out.add(new Ranked<>(row, pos + i + 1), sign);
                }
                break;
            case RANK:
                out.add(new Ranked<>(row, pos + 1), sign == 1 ? w : -w);
                break;
            default:
                throw new AssertionError(kind);
        }
        return pos + take;
    }

    /** Applies a plan to a group's state; returns the change in the number of state entries. No user code
     * runs except the comparator, on rows it already compared successfully during the plan. */
    static <T> int apply(TreeMap<T, long[]> state, List<ClassUpdate<T>> plan) {
        int delta = 0;
        for (int i = 0, n = plan.size(); i < n; i++) {
            ClassUpdate<T> u = plan.get(i);
            if (u.inPlace) {
                u.existing.getValue()[0] = u.weight;
                continue;
            }
            if (u.existing != null) {
                state.remove(u.existing.getKey());
                delta--;
            }
            if (u.weight != 0) {
                state.put(u.row, new long[] {u.weight});
                delta++;
            }
        }
        return delta;
    }

    /**
     * The reference: the top of one group of a snapshot, recomputed by sorting. Checks, like {@link #plan},
     * that no two different rows with non-zero weight compare equal.
     */
    @SuppressWarnings("unchecked")
    static <T> void naive(List<T> rows, ZSet<T> weights, Comparator<? super T> order, int k, Kind kind,
                          ZSet<Object> out) {
        Object[] a = rows.toArray();
        Arrays.sort(a, (x, y) -> order.compare((T) x, (T) y));
        for (int i = 1; i < a.length; i++) {
            if (order.compare((T) a[i - 1], (T) a[i]) == 0) {
                throw new IllegalArgumentException("the top-k comparator is not total: rows " + a[i - 1] + " and "
                        + a[i] + " compare equal but are different; add a unique column to the comparator");
            }
        }
        long pos = 0;
        for (int i = 0; i < a.length && pos < k; i++) {
            long w = weights.weight(a[i]);
            if (w > 0) {
                pos = emit(a[i], w, pos, k, kind, 1, out);
            }
        }
    }
}
