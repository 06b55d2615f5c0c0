package org.jdbsp.operators.window;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.zset.ZSet;

/**
 * The reference session windows, for naive circuits: per key a {@link TreeMap} of its event times with their net
 * weights, swept in time order to cut sessions wherever consecutive present times are {@code >= gap} apart.
 * Shares no code with {@link SessionNode}. O(n log n) per step.
 */
final class SessionReference {
    private SessionReference() {
    }

    @SuppressWarnings("unchecked")
    static <T, K> ZSet<Session<K>> of(ZSet<T> snapshot, Function<? super T, ? extends K> key,
                                      ToLongFunction<? super T> time, long gap) {
        Map<K, TreeMap<Long, Long>> byKey = new HashMap<>();
        snapshot.forEach((row, w) -> {
            K k = key.apply(row);
            if (k == null) {
                throw new NullPointerException("key function returned null for row " + row);
            }
            byKey.computeIfAbsent(k, x -> new TreeMap<>()).merge(time.applyAsLong(row), w, Math::addExact);
        });
        ZSet<Session<K>> result = new ZSet<>();
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
        return result;
    }
}
