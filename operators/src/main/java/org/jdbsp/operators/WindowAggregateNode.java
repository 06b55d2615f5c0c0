package org.jdbsp.operators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Incremental windowed aggregate. State: per window end, per (window, key) group an accumulator (count, sum,
 * and for min/max the value multiset). Per tick: per touched group, retract the old result and insert the
 * new one, computed from the committed accumulator plus the group's change; accumulators are updated on
 * commit. With a watermark W (read at eval, applied on commit), the groups of windows with {@code end <= W}
 * are dropped. Cost: O(1) per change for count/sum, O(log n) for min/max, plus O(log windows) to find the
 * window; dropping is O(dropped groups).
 */
final class WindowAggregateNode<T, K> extends Node {
    private final Stream<Windowed<T>> in;
    private final Stream<WindowResult<K>> out;
    private final Function<? super T, ? extends K> key;
    private final WindowAggregate<T> agg;
    private final Watermark watermark;
    private final TreeMap<Long, HashMap<WindowGroup<K>, Acc>> byEnd = new TreeMap<>();
    private long rows;
    /** Windows with end <= this were dropped. */
    private long droppedThrough = Long.MIN_VALUE;
    private final List<Pending<K>> pending = new ArrayList<>();
    private long pendingWatermark = Long.MIN_VALUE;

    static final class Acc {
        long count;
        long sum;
        TreeMap<Long, long[]> values;
    }

    static final class Change {
        long count;
        long sum;
        LongLongHashMap values;
    }

    record Pending<K>(WindowGroup<K> group, Acc acc, Change change, long count, long sum) {
    }

    WindowAggregateNode(Stream<Windowed<T>> in, Stream<WindowResult<K>> out, Function<? super T, ? extends K> key,
                        WindowAggregate<T> agg, Watermark watermark) {
        super("window-" + agg, List.of(in), out);
        this.in = in;
        this.out = out;
        this.key = key;
        this.agg = agg;
        this.watermark = watermark;
    }

    @Override
    protected void eval() {
        pending.clear();
        pendingWatermark = watermark == null ? Long.MIN_VALUE : watermark.current();
        ZSet<Windowed<T>> delta = in.value();
        ZSet<WindowResult<K>> result = new ZSet<>();
        try {
            Map<WindowGroup<K>, Change> changes = new HashMap<>();
            boolean values = agg.keepsValues();
            for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
                Windowed<T> r = delta.elementAt(s);
                long w = delta.weightAt(s);
                if (r.end() <= droppedThrough) {
                    throw new IllegalStateException("window aggregate: a change for window [" + r.start() + ", "
                            + r.end() + ") arrived after windows ending at or before watermark " + droppedThrough
                            + " were dropped; filter the input with the Watermarks.withLateness that produced "
                            + "the watermark");
                }
                K k = Objects.requireNonNull(key.apply(r.row()), "window aggregate key is null");
                long v = agg.valueOf(r.row());
                Change ch = changes.computeIfAbsent(new WindowGroup<>(r.start(), r.end(), k), g -> new Change());
                ch.count = Math.addExact(ch.count, w);
                ch.sum = Math.addExact(ch.sum, Math.multiplyExact(w, v));
                if (values) {
                    if (ch.values == null) {
                        ch.values = new LongLongHashMap();
                    }
                    long nw = Math.addExact(ch.values.get(v), w);
                    if (nw == 0) {
                        ch.values.remove(v);
                    } else {
                        ch.values.put(v, nw);
                    }
                }
            }
            for (Map.Entry<WindowGroup<K>, Change> e : changes.entrySet()) {
                WindowGroup<K> g = e.getKey();
                Change ch = e.getValue();
                HashMap<WindowGroup<K>, Acc> m = byEnd.get(g.end());
                Acc acc = m == null ? null : m.get(g);
                long oldCount = acc == null ? 0 : acc.count;
                long oldSum = acc == null ? 0 : acc.sum;
                long newCount = Math.addExact(oldCount, ch.count);
                long newSum = Math.addExact(oldSum, ch.sum);
                if (oldCount > 0) {
                    result.add(new WindowResult<>(g.start(), g.end(), g.key(), resultOf(acc, null, oldCount, oldSum)),
                            -1);
                }
                if (newCount > 0) {
                    result.add(new WindowResult<>(g.start(), g.end(), g.key(), resultOf(acc, ch, newCount, newSum)),
                            1);
                }
                pending.add(new Pending<>(g, acc, ch, newCount, newSum));
            }
        } catch (RuntimeException e) {
            pending.clear();
            throw failure(e);
        }
        out.publish(result);
    }

    /** The aggregate of {@code acc} (may be null) changed by {@code ch} (may be null); count must be > 0. */
    private long resultOf(Acc acc, Change ch, long count, long sum) {
        switch (agg.fn) {
            case COUNT:
                return count;
            case SUM:
                return sum;
            case MIN:
            case MAX:
                return extreme(acc, ch, agg.fn == WindowAggregate.Fn.MAX);
            default:
                throw new AssertionError(agg.fn);
        }
    }

    private static long extreme(Acc acc, Change ch, boolean max) {
        boolean found = false;
        long best = 0;
        if (acc != null && acc.values != null) {
            Iterator<Map.Entry<Long, long[]>> it = max ? acc.values.descendingMap().entrySet().iterator()
                    : acc.values.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, long[]> v = it.next();
                long w = v.getValue()[0] + (ch == null || ch.values == null ? 0 : ch.values.get(v.getKey()));
                if (w > 0) {
                    found = true;
                    best = v.getKey();
                    break;
                }
            }
        }
        if (ch != null && ch.values != null) {
            var it = ch.values.keyValuesView().iterator();
            while (it.hasNext()) {
                var p = it.next();
                long v = p.getOne();
                long[] old = acc == null || acc.values == null ? null : acc.values.get(v);
                long w = Math.addExact(old == null ? 0 : old[0], p.getTwo());
                if (w > 0 && (!found || (max ? v > best : v < best))) {
                    found = true;
                    best = v;
                }
            }
        }
        if (!found) {
            throw new IllegalStateException("window aggregate: positive count but no value of positive weight");
        }
        return best;
    }

    @Override
    protected void commit() {
        for (int i = 0, n = pending.size(); i < n; i++) {
            Pending<K> p = pending.get(i);
            WindowGroup<K> g = p.group();
            Acc acc = p.acc();
            HashMap<WindowGroup<K>, Acc> m = byEnd.get(g.end());
            if (acc == null) {
                acc = new Acc();
                if (m == null) {
                    m = new HashMap<>();
                    byEnd.put(g.end(), m);
                }
                m.put(g, acc);
                rows++;
            }
            acc.count = p.count();
            acc.sum = p.sum();
            LongLongHashMap cv = p.change().values;
            if (cv != null) {
                if (acc.values == null) {
                    acc.values = new TreeMap<>();
                }
                TreeMap<Long, long[]> vals = acc.values;
                cv.forEachKeyValue((v, w) -> {
                    long[] a = vals.get(v);
                    if (a == null) {
                        vals.put(v, new long[] {w});
                        rows++;
                    } else {
                        a[0] += w; // checked in eval
                        if (a[0] == 0) {
                            vals.remove(v);
                            rows--;
                        }
                    }
                });
            }
            if (acc.count == 0 && acc.sum == 0 && (acc.values == null || acc.values.isEmpty())) {
                m.remove(g);
                rows--;
                if (m.isEmpty()) {
                    byEnd.remove(g.end());
                }
            }
        }
        pending.clear();
        if (watermark != null && pendingWatermark != Long.MIN_VALUE) {
            NavigableMap<Long, HashMap<WindowGroup<K>, Acc>> done = byEnd.headMap(pendingWatermark, true);
            for (HashMap<WindowGroup<K>, Acc> m : done.values()) {
                for (Acc a : m.values()) {
                    rows -= 1 + (a.values == null ? 0 : a.values.size());
                }
            }
            done.clear();
            if (pendingWatermark > droppedThrough) {
                droppedThrough = pendingWatermark;
            }
        }
    }

    @Override
    protected void rollback() {
        pending.clear();
    }

    @Override
    public long stateRows() {
        return rows;
    }
}
