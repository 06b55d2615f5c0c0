package org.jdbsp.operators.aggregate;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jdbsp.operators.spi.Checked;
import org.jdbsp.operators.spi.LongTreap;
import org.jdbsp.operators.spi.PairSort;

/**
 * {@code MIN} and {@code MAX} of a {@code long} or {@code double} column, never boxed: values are encoded as
 * {@code long}s ordered as the aggregate wants them (doubles by their IEEE total order, {@code max} by bitwise
 * complement), so "the best value" is always the smallest encoding. The extreme ranges over the values of positive
 * net weight; NULL when there is none.
 *
 * <p>General streams: per group a {@link LongTreap} of its values. A step chains each group's changed values in
 * flat arrays, sorts and consolidates them per group, and finds the new extreme without changing the multiset: the
 * smallest changed value left with positive weight, against a walk up the committed values skipping those the change
 * empties (so deleting the extreme exposes the next one). O(log n) per changed value plus O(log n) per skipped value;
 * state one entry per distinct (group, value). Append-only streams ({@code appendOnly}): an extreme can only
 * improve, so the state is the extreme itself, O(1) per row; a negative weight fails the step.
 */
final class ExtremeAccumulator<T> extends Accumulator<T> {
    private final boolean max;
    private final boolean isDouble;
    private final boolean appendOnly;
    private final ToLongFunction<? super T> longValue;
    private final ToDoubleFunction<? super T> doubleValue;
    private final Function<? super T, ?> nullable;

    private LongTreap[] sets = new LongTreap[16];
    private long[] best = new long[16];
    private boolean[] has = new boolean[16];
    private long rows;

    private long[] rowValue = new long[16];
    private long[] rowWeight = new long[16];
    private int[] rowNext = new int[16];
    private int rowCount;
    private int[] head = new int[16];
    private int[] from = new int[16];
    private int[] to = new int[16];
    private long[] newBest = new long[16];
    private boolean[] newHas = new boolean[16];
    private long[] value = new long[16];
    private long[] weight = new long[16];
    private int used;

    ExtremeAccumulator(boolean max, boolean isDouble, boolean appendOnly, ToLongFunction<? super T> longValue,
                       ToDoubleFunction<? super T> doubleValue, Function<? super T, ?> nullable) {
        super(max ? "max" : "min");
        this.max = max;
        this.isDouble = isDouble;
        this.appendOnly = appendOnly;
        this.longValue = longValue;
        this.doubleValue = doubleValue;
        this.nullable = nullable;
    }

    boolean isDouble() {
        return isDouble;
    }

    /** A double as a long with the same order (IEEE total order: -0.0 before 0.0, NaN last); an involution. */
    static long sortable(long bits) {
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    @Override
    void reserve(int limit) {
        best = grow(best, limit);
        has = grow(has, limit);
        if (!appendOnly) {
            sets = (LongTreap[]) grow(sets, limit);
        }
    }

    @Override
    void startStep() {
        rowCount = 0;
        used = 0;
    }

    @Override
    void begin(int ord, int id) {
        if (ord >= head.length) {
            int cap = Math.max(ord + 1, head.length * 2);
            head = Arrays.copyOf(head, cap);
            from = Arrays.copyOf(from, cap);
            to = Arrays.copyOf(to, cap);
            newBest = Arrays.copyOf(newBest, cap);
            newHas = Arrays.copyOf(newHas, cap);
        }
        head[ord] = -1;
        newHas[ord] = false;
    }

    @Override
    void add(int ord, T row, long w) {
        long raw;
        if (longValue != null) {
            raw = longValue.applyAsLong(row);
        } else if (doubleValue != null) {
            raw = sortable(Double.doubleToLongBits(doubleValue.applyAsDouble(row)));
        } else {
            Object o = nullable.apply(row);
            if (o == null) {
                return;
            }
            raw = isDouble ? sortable(Double.doubleToLongBits(((Number) o).doubleValue())) : ((Number) o).longValue();
        }
        long e = max ? ~raw : raw;
        if (appendOnly) {
            Checked.positive(w, row);
            if (!newHas[ord] || e < newBest[ord]) {
                newBest[ord] = e;
                newHas[ord] = true;
            }
            return;
        }
        if (rowCount == rowValue.length) {
            rowValue = Arrays.copyOf(rowValue, rowCount * 2);
            rowWeight = Arrays.copyOf(rowWeight, rowCount * 2);
            rowNext = Arrays.copyOf(rowNext, rowCount * 2);
        }
        rowValue[rowCount] = e;
        rowWeight[rowCount] = w;
        rowNext[rowCount] = head[ord];
        head[ord] = rowCount++;
    }

    @Override
    boolean prepare(int ord, int id) {
        if (appendOnly) {
            if (has[id] && (!newHas[ord] || best[id] <= newBest[ord])) {
                newBest[ord] = best[id];
                newHas[ord] = true;
                return false;
            }
            return newHas[ord];
        }
        consolidate(ord, id);
        LongTreap m = sets[id];
        boolean found = false;
        long b = 0;
        for (int j = from[ord]; j < to[ord]; j++) { // ascending: the first value left present is the best change
            if (Checked.add(m == null ? 0 : m.weight(value[j]), weight[j], keys, id) > 0) {
                b = value[j];
                found = true;
                break;
            }
        }
        if (m != null) {
            for (int t = m.minNode(); t >= 0; t = m.nodeAfter(m.keyAt(t))) {
                long v = m.keyAt(t);
                if (found && v >= b) {
                    break;
                }
                if (m.weightAt(t) + change(ord, v) > 0) {
                    b = v;
                    found = true;
                    break;
                }
            }
        }
        newBest[ord] = b;
        newHas[ord] = found;
        return found != has[id] || (found && b != best[id]);
    }

    /** Gathers the group's changed values into a sorted, consolidated run {@code [from, to)} of the flat arrays. */
    private void consolidate(int ord, int id) {
        from[ord] = used;
        for (int i = head[ord]; i >= 0; i = rowNext[i]) {
            if (used == value.length) {
                value = Arrays.copyOf(value, used * 2);
                weight = Arrays.copyOf(weight, used * 2);
            }
            value[used] = rowValue[i];
            weight[used] = rowWeight[i];
            used++;
        }
        try {
            used = PairSort.consolidate(value, weight, from[ord], used);
        } catch (ArithmeticException e) {
            throw new ArithmeticException(e.getMessage() + " summing the weights of a value at group " + keys.describe(id));
        }
        to[ord] = used;
    }

    /** The net change of encoded value {@code v} in the group at {@code ord} (binary search of its run). */
    private long change(int ord, long v) {
        int i = Arrays.binarySearch(value, from[ord], to[ord], v);
        return i >= 0 ? weight[i] : 0;
    }

    @Override
    void commit(int ord, int id) {
        if (!appendOnly && to[ord] > from[ord]) {
            LongTreap m = sets[id];
            if (m == null) {
                m = new LongTreap(false);
                sets[id] = m;
            }
            long before = m.size();
            for (int j = from[ord]; j < to[ord]; j++) {
                m.add(value[j], weight[j]);
            }
            rows += m.size() - before;
            if (m.isEmpty()) {
                sets[id] = null;
            }
        }
        best[id] = newBest[ord];
        has[id] = newHas[ord];
    }

    @Override
    boolean isEmpty(int id) {
        return appendOnly ? !has[id] : sets[id] == null;
    }

    @Override
    void drop(int id) {
        if (!appendOnly && sets[id] != null) {
            rows -= sets[id].size();
            sets[id] = null;
        }
        has[id] = false;
    }

    @Override
    long stateRows() {
        return rows;
    }

    @Override
    boolean isNull(int id, int ord) {
        return ord < 0 ? !has[id] : !newHas[ord];
    }

    private long raw(int id, int ord) {
        if (isNull(id, ord)) {
            throw nullValue();
        }
        long e = ord < 0 ? best[id] : newBest[ord];
        return max ? ~e : e;
    }

    @Override
    long getLong(int id, int ord) {
        if (isDouble) {
            throw wrongType("long");
        }
        return raw(id, ord);
    }

    @Override
    double getDouble(int id, int ord) {
        long r = raw(id, ord);
        return isDouble ? Double.longBitsToDouble(sortable(r)) : r;
    }

    @Override
    Object get(int id, int ord) {
        if (isNull(id, ord)) {
            return null;
        }
        return isDouble ? (Object) getDouble(id, ord) : (Object) getLong(id, ord);
    }

    /** The extreme, and unless the input is append-only, every value with its weight. */
    @Override
    void writeGroup(int id, org.jdbsp.circuit.state.StateWriter out) {
        out.writeBoolean(has[id]);
        out.writeLong(best[id]);
        if (!appendOnly) {
            LongTreap m = sets[id];
            (m == null ? new LongTreap(false) : m).writeEntries(out);
        }
    }

    @Override
    void readGroup(int id, org.jdbsp.circuit.state.StateReader in) {
        has[id] = in.readBoolean();
        best[id] = in.readLong();
        if (!appendOnly) {
            LongTreap m = new LongTreap(false);
            if (m.readEntries(in) > 0) {
                sets[id] = m;
                rows += m.size();
            }
        }
    }
}
