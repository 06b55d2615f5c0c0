package org.jdbsp.operators;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/** The reference session windows: recomputed from the snapshot every tick. No state; O(n log n) per tick. */
final class SessionNaiveNode<T, K> extends Node {
    private final Stream<T> in;
    private final Stream<Session<K>> out;
    private final Function<? super T, ? extends K> key;
    private final ToLongFunction<? super T> time;
    private final long gap;

    SessionNaiveNode(Stream<T> in, Stream<Session<K>> out, Function<? super T, ? extends K> key,
                     ToLongFunction<? super T> time, long gap) {
        super("session", List.of(in), out);
        this.in = in;
        this.out = out;
        this.key = key;
        this.time = time;
        this.gap = gap;
    }

    @Override
    protected void eval() {
        ZSet<T> snapshot = in.value();
        ZSet<Session<K>> result = new ZSet<>();
        try {
            Map<K, TreeMap<Long, Long>> byKey = new HashMap<>();
            for (int s = snapshot.nextSlot(0); s >= 0; s = snapshot.nextSlot(s + 1)) {
                T row = snapshot.elementAt(s);
                K k = Objects.requireNonNull(key.apply(row), "session key is null");
                byKey.computeIfAbsent(k, x -> new TreeMap<>())
                        .merge(time.applyAsLong(row), snapshot.weightAt(s), Math::addExact);
            }
            for (Map.Entry<K, TreeMap<Long, Long>> e : byKey.entrySet()) {
                long start = 0;
                long last = 0;
                long count = 0;
                boolean open = false;
                for (Map.Entry<Long, Long> te : e.getValue().entrySet()) {
                    long t = te.getKey();
                    long w = te.getValue();
                    if (w <= 0) {
                        continue;
                    }
                    if (open && SessionTimes.near(last, t, gap)) {
                        last = t;
                        count = Math.addExact(count, w);
                    } else {
                        if (open) {
                            result.add(new Session<>(e.getKey(), start, Math.addExact(last, gap), count), 1);
                        }
                        open = true;
                        start = t;
                        last = t;
                        count = w;
                    }
                }
                if (open) {
                    result.add(new Session<>(e.getKey(), start, Math.addExact(last, gap), count), 1);
                }
            }
        } catch (RuntimeException e) {
            throw failure(e);
        }
        out.publish(result);
    }
}
