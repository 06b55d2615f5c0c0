package org.jdbsp.benches.maps;

import org.agrona.collections.ObjLongConsumer;
import org.agrona.collections.Object2LongHashMap;
import org.jdbsp.zset.WeightedConsumer;

/**
 * Agrona {@link Object2LongHashMap} with missing value 0: one probe with {@code merge(key, delta, Math::addExact)},
 * which throws before touching the map and removes the entry when the result is the missing value.
 */
final class AgronaObjHash<K> implements ObjWeights<K>, ObjLongConsumer<K> {
    private final Object2LongHashMap<K> map = new Object2LongHashMap<>(0);
    private WeightedConsumer<? super K> sink;

    @Override
    public long add(K key, long delta) {
        if (delta == 0) {
            return map.getValue(key);
        }
        return map.merge(key, delta, Math::addExact);
    }

    @Override
    public long get(K key) {
        return map.getValue(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public void forEach(WeightedConsumer<? super K> consumer) {
        sink = consumer;
        map.forEachLong(this);
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
