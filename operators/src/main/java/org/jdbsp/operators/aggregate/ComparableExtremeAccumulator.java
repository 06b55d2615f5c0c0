package org.jdbsp.operators.aggregate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbsp.operators.spi.ChangeSorter;
import org.jdbsp.operators.spi.Checked;

/**
 * {@code MIN} and {@code MAX} of a nullable column of any {@link Comparable} type ({@code BigDecimal}, strings,
 * dates, boxed numbers), by natural order; values comparing equal count as one value. The same rule as
 * {@link ExtremeAccumulator} with objects: per group a {@link TreeMap} from value to net weight (general streams),
 * or the extreme alone (append-only streams). O(log n) comparisons per changed value.
 */
final class ComparableExtremeAccumulator<T> extends Accumulator<T> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> NATURAL = (a, b) -> ((Comparable) a).compareTo(b);

    private final Comparator<Object> order;
    private final boolean appendOnly;
    private final Function<? super T, ?> value;

    private Object[] sets = new Object[16];
    private Object[] best = new Object[16];
    private long rows;

    private Object[] rowValue = new Object[16];
    private long[] rowWeight = new long[16];
    private int[] rowNext = new int[16];
    private int rowCount;
    private int[] head = new int[16];
    private int[] from = new int[16];
    private int[] to = new int[16];
    private Object[] newBest = new Object[16];
    private Object[] values = new Object[16];
    private long[] weights = new long[16];
    private int used;
    private final ChangeSorter<Object> sorter = new ChangeSorter<>();

    ComparableExtremeAccumulator(boolean max, boolean appendOnly, Function<? super T, ?> value) {
        super(max ? "max" : "min");
        this.order = max ? NATURAL.reversed() : NATURAL;
        this.appendOnly = appendOnly;
        this.value = value;
    }

    @Override
    void reserve(int limit) {
        sets = grow(sets, limit);
        best = grow(best, limit);
    }

    @Override
    void startStep() {
        Arrays.fill(rowValue, 0, rowCount, null);
        Arrays.fill(values, 0, used, null);
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
        }
        head[ord] = -1;
        newBest[ord] = null;
    }

    @Override
    void add(int ord, T row, long w) {
        Object v = value.apply(row);
        if (v == null) {
            return;
        }
        if (appendOnly) {
            Checked.positive(w, row);
            if (newBest[ord] == null || order.compare(v, newBest[ord]) < 0) {
                newBest[ord] = v;
            }
            return;
        }
        if (rowCount == rowValue.length) {
            rowValue = Arrays.copyOf(rowValue, rowCount * 2);
            rowWeight = Arrays.copyOf(rowWeight, rowCount * 2);
            rowNext = Arrays.copyOf(rowNext, rowCount * 2);
        }
        rowValue[rowCount] = v;
        rowWeight[rowCount] = w;
        rowNext[rowCount] = head[ord];
        head[ord] = rowCount++;
    }

    @SuppressWarnings("unchecked")
    private TreeMap<Object, long[]> set(int id) {
        return (TreeMap<Object, long[]>) sets[id];
    }

    @Override
    boolean prepare(int ord, int id) {
        if (appendOnly) {
            if (best[id] != null && (newBest[ord] == null || order.compare(best[id], newBest[ord]) <= 0)) {
                newBest[ord] = best[id];
                return false;
            }
            return newBest[ord] != null;
        }
        consolidate(ord, id);
        TreeMap<Object, long[]> m = set(id);
        Object b = null;
        for (int j = from[ord]; j < to[ord]; j++) {
            long[] c = m == null ? null : m.get(values[j]);
            if (Checked.add(c == null ? 0 : c[0], weights[j], keys, id) > 0) {
                b = values[j];
                break;
            }
        }
        if (m != null) {
            for (Map.Entry<Object, long[]> e : m.entrySet()) {
                if (b != null && order.compare(e.getKey(), b) >= 0) {
                    break;
                }
                if (e.getValue()[0] + change(ord, e.getKey()) > 0) {
                    b = e.getKey();
                    break;
                }
            }
        }
        newBest[ord] = b;
        return b == null ? best[id] != null : best[id] == null || order.compare(b, best[id]) != 0;
    }

    /** Gathers the group's changed values into a sorted run {@code [from, to)} with equal values summed. */
    private void consolidate(int ord, int id) {
        int n = 0;
        for (int i = head[ord]; i >= 0; i = rowNext[i]) {
            n++;
        }
        sorter.reset(n);
        for (int i = head[ord]; i >= 0; i = rowNext[i]) {
            sorter.add(rowValue[i], rowWeight[i], 0);
        }
        sorter.sort(order);
        int start = used;
        for (int i = 0; i < n; ) {
            Object v = sorter.row(i);
            long w = sorter.weight(i++);
            while (i < n && order.compare(sorter.row(i), v) == 0) {
                w = Checked.add(w, sorter.weight(i++), keys, id);
            }
            if (w != 0) {
                if (used == values.length) {
                    values = Arrays.copyOf(values, used * 2);
                    weights = Arrays.copyOf(weights, used * 2);
                }
                values[used] = v;
                weights[used++] = w;
            }
        }
        sorter.reset(0);
        from[ord] = start;
        to[ord] = used;
    }

    private long change(int ord, Object v) {
        int lo = from[ord];
        int hi = to[ord] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = order.compare(values[mid], v);
            if (c == 0) {
                return weights[mid];
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return 0;
    }

    @Override
    void commit(int ord, int id) {
        if (!appendOnly && to[ord] > from[ord]) {
            TreeMap<Object, long[]> m = set(id);
            if (m == null) {
                m = new TreeMap<>(order);
                sets[id] = m;
            }
            for (int j = from[ord]; j < to[ord]; j++) {
                long[] c = m.get(values[j]);
                if (c == null) {
                    m.put(values[j], new long[] {weights[j]});
                    rows++;
                } else if ((c[0] += weights[j]) == 0) {
                    m.remove(values[j]);
                    rows--;
                }
            }
            if (m.isEmpty()) {
                sets[id] = null;
            }
        }
        best[id] = newBest[ord];
    }

    @Override
    void dropScratch(int ord) {
        newBest[ord] = null;
    }

    @Override
    boolean isEmpty(int id) {
        return appendOnly ? best[id] == null : sets[id] == null;
    }

    @Override
    void drop(int id) {
        if (sets[id] != null) {
            rows -= set(id).size();
            sets[id] = null;
        }
        best[id] = null;
    }

    @Override
    long stateRows() {
        return rows;
    }

    @Override
    boolean isNull(int id, int ord) {
        return (ord < 0 ? best[id] : newBest[ord]) == null;
    }

    @Override
    Object get(int id, int ord) {
        return ord < 0 ? best[id] : newBest[ord];
    }

    /** The extreme, and unless the input is append-only, every value with its weight. */
    @Override
    void writeGroup(int id, org.jdbsp.circuit.state.StateWriter out) {
        out.writeValue(best[id]);
        if (!appendOnly) {
            TreeMap<Object, long[]> m = set(id);
            out.writeVarLong(m == null ? 0 : m.size());
            if (m != null) {
                for (java.util.Map.Entry<Object, long[]> e : m.entrySet()) {
                    out.writeValue(e.getKey());
                    out.writeSignedVarLong(e.getValue()[0]);
                }
            }
        }
    }

    @Override
    void readGroup(int id, org.jdbsp.circuit.state.StateReader in) {
        best[id] = in.readValue();
        if (!appendOnly) {
            int n = in.readSize();
            if (n > 0) {
                TreeMap<Object, long[]> m = new TreeMap<>(order);
                for (int i = 0; i < n; i++) {
                    m.put(in.readValue(), new long[] {in.readSignedVarLong()});
                }
                sets[id] = m;
                rows += n;
            }
        }
    }
}
