package org.jdbsp.benches.maps;

import org.jdbsp.zset.ObjectWeightMap;
import org.jdbsp.zset.WeightedConsumer;

/** Our {@link ObjectWeightMap}: single-probe add with built-in removal at 0 and overflow check. */
final class OursObj<K> implements ObjWeights<K> {
    private final ObjectWeightMap<K> map = new ObjectWeightMap<>();

    @Override
    public long add(K key, long delta) {
        return map.add(key, delta);
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
        map.forEach(consumer);
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
