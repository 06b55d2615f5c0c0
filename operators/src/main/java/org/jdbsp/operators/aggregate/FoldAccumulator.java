package org.jdbsp.operators.aggregate;

import java.util.Arrays;
import java.util.Objects;
import org.jdbsp.zset.ZSet;

/**
 * A user-defined {@link Fold}. Invertible folds keep one accumulator per group and step it by each changed row
 * (O(1) user calls per row). Other folds keep the group's rows and refold the group from them and the change at
 * each step that touches it (O(group size) user calls per touched group). The result is compared with
 * {@code equals} to decide whether the group's row changed.
 */
final class FoldAccumulator<T> extends Accumulator<T> {
    private final Fold<? super T, Object, ?> fold;
    private final boolean invertible;
    private Object[] acc = new Object[16];
    private Object[] result = new Object[16];
    private Object[] rows = new Object[16];
    private long rowCount;

    private Object[] newAcc = new Object[16];
    private Object[] newResult = new Object[16];
    private Object[] newRows = new Object[16];
    private Object[] changeRow = new Object[16];
    private long[] changeWeight = new long[16];
    private int[] changeNext = new int[16];
    private int changes;
    private int[] head = new int[16];

    @SuppressWarnings("unchecked")
    FoldAccumulator(Fold<? super T, ?, ?> fold) {
        super("fold");
        this.fold = (Fold<? super T, Object, ?>) fold;
        this.invertible = fold.invertible();
    }

    @Override
    void reserve(int limit) {
        acc = grow(acc, limit);
        result = grow(result, limit);
        rows = grow(rows, limit);
    }

    @Override
    void startStep() {
        Arrays.fill(changeRow, 0, changes, null);
        changes = 0;
    }

    @Override
    void begin(int ord, int id) {
        if (ord >= head.length) {
            int cap = Math.max(ord + 1, head.length * 2);
            head = Arrays.copyOf(head, cap);
            newAcc = Arrays.copyOf(newAcc, cap);
            newResult = Arrays.copyOf(newResult, cap);
            newRows = Arrays.copyOf(newRows, cap);
        }
        head[ord] = -1;
        newAcc[ord] = invertible ? (acc[id] != null ? fold.copy(acc[id]) : fold.init()) : null;
    }

    @Override
    void add(int ord, T row, long w) {
        if (invertible) {
            newAcc[ord] = fold.step(newAcc[ord], row, w);
            return;
        }
        if (changes == changeRow.length) {
            changeRow = Arrays.copyOf(changeRow, changes * 2);
            changeWeight = Arrays.copyOf(changeWeight, changes * 2);
            changeNext = Arrays.copyOf(changeNext, changes * 2);
        }
        changeRow[changes] = row;
        changeWeight[changes] = w;
        changeNext[changes] = head[ord];
        head[ord] = changes++;
    }

    @Override
    @SuppressWarnings("unchecked")
    boolean prepare(int ord, int id) {
        if (!invertible) {
            ZSet<T> old = (ZSet<T>) rows[id];
            ZSet<T> now = old == null ? new ZSet<>() : old.copy();
            for (int i = head[ord]; i >= 0; i = changeNext[i]) {
                now.add((T) changeRow[i], changeWeight[i]);
            }
            Object a = fold.init();
            for (int s = now.nextSlot(0); s >= 0; s = now.nextSlot(s + 1)) {
                a = fold.step(a, now.elementAt(s), now.weightAt(s));
            }
            newAcc[ord] = a;
            newRows[ord] = now.isEmpty() ? null : now;
        }
        newResult[ord] = fold.result(newAcc[ord]);
        return !Objects.equals(result[id], newResult[ord]);
    }

    @Override
    void commit(int ord, int id) {
        acc[id] = newAcc[ord];
        result[id] = newResult[ord];
        if (!invertible) {
            ZSet<?> before = (ZSet<?>) rows[id];
            ZSet<?> after = (ZSet<?>) newRows[ord];
            rowCount += (after == null ? 0 : after.size()) - (before == null ? 0 : before.size());
            rows[id] = after;
        }
    }

    @Override
    void dropScratch(int ord) {
        newAcc[ord] = null;
        newResult[ord] = null;
        newRows[ord] = null;
    }

    @Override
    boolean isEmpty(int id) {
        return invertible || rows[id] == null;
    }

    @Override
    void drop(int id) {
        if (rows[id] != null) {
            rowCount -= ((ZSet<?>) rows[id]).size();
        }
        acc[id] = null;
        result[id] = null;
        rows[id] = null;
    }

    @Override
    long stateRows() {
        return rowCount;
    }

    @Override
    boolean isNull(int id, int ord) {
        return get(id, ord) == null;
    }

    @Override
    Object get(int id, int ord) {
        return ord < 0 ? result[id] : newResult[ord];
    }

    /** The accumulator and result (through their codecs), and for a fold that cannot be inverted its rows. */
    @Override
    void writeGroup(int id, org.jdbsp.circuit.state.StateWriter out) {
        out.writeValue(acc[id]);
        out.writeValue(result[id]);
        if (!invertible) {
            ZSet<?> r = (ZSet<?>) rows[id];
            out.writeZSet(r == null ? new ZSet<>() : r);
        }
    }

    @Override
    void readGroup(int id, org.jdbsp.circuit.state.StateReader in) {
        acc[id] = in.readValue();
        result[id] = in.readValue();
        if (!invertible) {
            ZSet<?> r = in.readZSet();
            rows[id] = r.isEmpty() ? null : r;
            rowCount += r.size();
        }
    }
}
