package org.jdbsp.operators;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/** The reference windowed aggregate: recomputed from the snapshot every tick. No state; O(n) per tick. */
final class WindowAggregateNaiveNode<T, K> extends Node {
    private final Stream<Windowed<T>> in;
    private final Stream<WindowResult<K>> out;
    private final Function<? super T, ? extends K> key;
    private final WindowAggregate<T> agg;

    WindowAggregateNaiveNode(Stream<Windowed<T>> in, Stream<WindowResult<K>> out,
                             Function<? super T, ? extends K> key, WindowAggregate<T> agg) {
        super("window-" + agg, List.of(in), out);
        this.in = in;
        this.out = out;
        this.key = key;
        this.agg = agg;
    }

    @Override
    protected void eval() {
        ZSet<Windowed<T>> snapshot = in.value();
        ZSet<WindowResult<K>> result = new ZSet<>();
        try {
            Map<WindowGroup<K>, long[]> counts = new HashMap<>();
            Map<WindowGroup<K>, Map<Long, Long>> values = new HashMap<>();
            for (int s = snapshot.nextSlot(0); s >= 0; s = snapshot.nextSlot(s + 1)) {
                Windowed<T> r = snapshot.elementAt(s);
                long w = snapshot.weightAt(s);
                K k = Objects.requireNonNull(key.apply(r.row()), "window aggregate key is null");
                long v = agg.valueOf(r.row());
                WindowGroup<K> g = new WindowGroup<>(r.start(), r.end(), k);
                long[] cs = counts.computeIfAbsent(g, x -> new long[2]);
                cs[0] = Math.addExact(cs[0], w);
                cs[1] = Math.addExact(cs[1], Math.multiplyExact(w, v));
                values.computeIfAbsent(g, x -> new HashMap<>()).merge(v, w, Math::addExact);
            }
            for (Map.Entry<WindowGroup<K>, long[]> e : counts.entrySet()) {
                long count = e.getValue()[0];
                if (count <= 0) {
                    continue;
                }
                WindowGroup<K> g = e.getKey();
                long value;
                switch (agg.fn) {
                    case COUNT:
                        value = count;
                        break;
                    case SUM:
                        value = e.getValue()[1];
                        break;
                    default:
                        boolean max = agg.fn == WindowAggregate.Fn.MAX;
                        boolean found = false;
                        long best = 0;
                        for (Map.Entry<Long, Long> ve : values.get(g).entrySet()) {
                            long v = ve.getKey();
                            if (ve.getValue() > 0 && (!found || (max ? v > best : v < best))) {
                                found = true;
                                best = v;
                            }
                        }
                        value = best;
                }
                result.add(new WindowResult<>(g.start(), g.end(), g.key(), value), 1);
            }
        } catch (RuntimeException e) {
            throw failure(e);
        }
        out.publish(result);
    }
}
