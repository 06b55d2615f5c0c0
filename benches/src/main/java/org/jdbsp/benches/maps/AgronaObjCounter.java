package org.jdbsp.benches.maps;

import java.util.function.ObjLongConsumer;
import org.agrona.collections.Object2LongCounterMap;
import org.jdbsp.zset.WeightedConsumer;

/**
 * Agrona {@link Object2LongCounterMap} with initial value 0: one probe with {@code addAndGet}, which removes the
 * entry at 0 itself; overflow detected afterwards and undone.
 */
final class AgronaObjCounter<K> implements ObjWeights<K>, ObjLongConsumer<K> {
    private final Object2LongCounterMap<K> map = new Object2LongCounterMap<>(0);
    private WeightedConsumer<? super K> sink;

    @Override
    public long add(K key, long delta) {
        if (delta == 0) {
            return map.get(key);
        }
        long sum = map.addAndGet(key, delta);
        if (Overflow.overflowed(sum, delta)) {
            map.addAndGet(key, -delta);
            throw Overflow.exception(key, sum, delta);
        }
        return sum;
    }

    @Override
    public long get(K key) {
        return map.get(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public void forEach(WeightedConsumer<? super K> consumer) {
        sink = consumer;
        map.forEach(this);
        sink = null;
    }

    @Override
    public void accept(K key, long weight) {
        sink.accept(key, weight);
    }

    @Override
    public int capacity() {
        return map.capacity();
    }

    @Override
    public Object unwrap() {
        return map;
    }
}
