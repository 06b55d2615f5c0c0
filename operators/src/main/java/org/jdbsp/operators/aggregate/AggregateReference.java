package org.jdbsp.operators.aggregate;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbsp.operators.window.Windowed;
import org.jdbsp.zset.ZSet;

/**
 * The reference grouped aggregate, for naive circuits: groups the whole snapshot by boxed key in a
 * {@link LinkedHashMap} and computes every aggregate of every group directly from its rows (boxed arithmetic,
 * {@link TreeMap}s for min and max). Shares no code with {@link AggregateNode} and its accumulators.
 * O(|snapshot| log) per step.
 */
final class AggregateReference {
    private AggregateReference() {
    }

    static <T, R> ZSet<R> grouped(ZSet<T> snapshot, Function<? super T, ?> key, List<Agg<? super T>> aggs,
                                  BiFunction<Object, Aggregated, ? extends R> result, boolean oneRow) {
        Map<Object, ZSet<T>> groups = new LinkedHashMap<>();
        snapshot.forEach((row, w) -> groups.computeIfAbsent(nonNullKey(key.apply(row), row), k -> new ZSet<>())
                .add(row, w));
        if (oneRow && groups.isEmpty()) {
            groups.put(0L, new ZSet<>());
        }
        ZSet<R> out = new ZSet<>();
        groups.forEach((k, g) -> {
            if (oneRow || g.totalWeight() > 0) {
                out.add(nonNullRow(result.apply(k, values(g, aggs)), k), 1);
            }
        });
        return out;
    }

    /** A group of a windowed aggregate. */
    private record WindowKey(long start, long end, Object key) {
    }

    static <T, R> ZSet<R> windowed(ZSet<Windowed<T>> snapshot, Function<? super T, ?> key, List<Agg<? super T>> aggs,
                                   Aggregates.WindowRow<Object, ? extends R> result) {
        Map<WindowKey, ZSet<T>> groups = new LinkedHashMap<>();
        snapshot.forEach((w, weight) -> groups.computeIfAbsent(
                new WindowKey(w.start(), w.end(), nonNullKey(key.apply(w.row()), w)), k -> new ZSet<>())
                .add(w.row(), weight));
        ZSet<R> out = new ZSet<>();
        groups.forEach((k, g) -> {
            if (g.totalWeight() > 0) {
                out.add(nonNullRow(result.apply(k.start(), k.end(), k.key(), values(g, aggs)), k), 1);
            }
        });
        return out;
    }

    private static Object nonNullKey(Object k, Object row) {
        if (k == null) {
            throw new NullPointerException("key function returned null for row " + row);
        }
        return k;
    }

    private static <R> R nonNullRow(R r, Object key) {
        if (r == null) {
            throw new NullPointerException("result function returned null for group " + key);
        }
        return r;
    }

    private static <T> Aggregated values(ZSet<T> g, List<Agg<? super T>> aggs) {
        Object[] v = new Object[aggs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(aggs.get(i), g);
        }
        return new Values(v, aggs);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Object value(Agg<? super T> agg, ZSet<T> g) {
        Agg<T> a = (Agg<T>) agg;
        switch (a.kind) {
            case COUNT:
                return g.totalWeight();
            case FOLD: {
                Fold<T, Object, ?> f = (Fold<T, Object, ?>) a.fold;
                Object acc = f.init();
                for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                    acc = f.step(acc, g.elementAt(s), g.weightAt(s));
                }
                return f.result(acc);
            }
            default:
                break;
        }
        long count = 0;
        long longSum = 0;
        double doubleSum = 0;
        BigDecimal decimalSum = BigDecimal.ZERO;
        Comparator<Object> order = a.kind == Agg.Kind.MIN_DOUBLE || a.kind == Agg.Kind.MAX_DOUBLE
                ? (x, y) -> Double.compare((Double) x, (Double) y) : (x, y) -> ((Comparable) x).compareTo(y);
        TreeMap<Object, Long> net = new TreeMap<>(order);
        for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
            T row = g.elementAt(s);
            long w = g.weightAt(s);
            Object v = a.longValue != null ? (Object) a.longValue.applyAsLong(row)
                    : a.doubleValue != null ? (Object) a.doubleValue.applyAsDouble(row) : a.value.apply(row);
            if (v == null) {
                continue;
            }
            count = Math.addExact(count, w);
            switch (a.kind) {
                case SUM_LONG, AVG_LONG -> longSum = Math.addExact(longSum,
                        Math.multiplyExact(((Number) v).longValue(), w));
                case SUM_DOUBLE, AVG_DOUBLE -> doubleSum += ((Number) v).doubleValue() * w;
                case SUM_DECIMAL, AVG_DECIMAL -> decimalSum = decimalSum.add((v instanceof BigDecimal d ? d
                        : BigDecimal.valueOf(((Number) v).longValue())).multiply(BigDecimal.valueOf(w)));
                case MIN_LONG, MAX_LONG -> net.merge(((Number) v).longValue(), w, Long::sum);
                case MIN_DOUBLE, MAX_DOUBLE -> net.merge(((Number) v).doubleValue(), w, Long::sum);
                case MIN, MAX -> net.merge(v, w, Long::sum);
                default -> {
                }
            }
        }
        switch (a.kind) {
            case COUNT_NON_NULL:
                return count;
            case SUM_LONG:
                return count <= 0 ? null : longSum;
            case AVG_LONG:
                return count <= 0 ? null : longSum / count;
            case SUM_DOUBLE:
                return count <= 0 ? null : doubleSum;
            case AVG_DOUBLE:
                return count <= 0 ? null : doubleSum / count;
            case SUM_DECIMAL:
                return count <= 0 ? null : decimalSum;
            case AVG_DECIMAL:
                return count <= 0 ? null : decimalSum.divide(BigDecimal.valueOf(count), a.scale, Agg.AVG_ROUNDING);
            default:
                boolean max = a.kind == Agg.Kind.MAX_LONG || a.kind == Agg.Kind.MAX_DOUBLE || a.kind == Agg.Kind.MAX;
                Map<Object, Long> walk = max ? net.descendingMap() : net;
                for (Map.Entry<Object, Long> e : walk.entrySet()) {
                    if (e.getValue() > 0) {
                        return e.getKey();
                    }
                }
                return null;
        }
    }

    /** Boxed results. */
    private record Values(Object[] v, List<?> aggs) implements Aggregated {
        @Override
        public int size() {
            return v.length;
        }

        private Object at(int i) {
            if (i < 0 || i >= v.length) {
                throw new IndexOutOfBoundsException("aggregate " + i + " of " + v.length);
            }
            return v[i];
        }

        private Object nonNull(int i) {
            Object x = at(i);
            if (x == null) {
                throw new IllegalStateException(aggs.get(i) + " is NULL for this group; check isNull first");
            }
            return x;
        }

        @Override
        public boolean isNull(int i) {
            return at(i) == null;
        }

        @Override
        public long getLong(int i) {
            Object x = nonNull(i);
            if (x instanceof Long || x instanceof Integer) {
                return ((Number) x).longValue();
            }
            throw new IllegalArgumentException(aggs.get(i) + " is not a long aggregate");
        }

        @Override
        public double getDouble(int i) {
            Object x = nonNull(i);
            if (x instanceof Number) {
                return ((Number) x).doubleValue();
            }
            throw new IllegalArgumentException(aggs.get(i) + " is not a double aggregate");
        }

        @Override
        public BigDecimal getDecimal(int i) {
            Object x = nonNull(i);
            if (x instanceof BigDecimal) {
                return (BigDecimal) x;
            }
            throw new IllegalArgumentException(aggs.get(i) + " is not a BigDecimal aggregate");
        }

        @Override
        public Object get(int i) {
            return at(i);
        }
    }
}
