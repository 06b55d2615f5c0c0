package org.jdbsp.benches.maps;

import org.eclipse.collections.api.block.procedure.primitive.ObjectLongProcedure;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.jdbsp.zset.WeightedConsumer;

/**
 * Eclipse Collections {@link ObjectLongHashMap}: one probe with {@code addToValue}, overflow detected afterwards
 * and undone, plus an explicit {@code removeKey} (second probe, leaves a tombstone) when the weight returns to 0.
 */
final class EcObj<K> implements ObjWeights<K>, ObjectLongProcedure<K> {
    private final ObjectLongHashMap<K> map = new ObjectLongHashMap<>();
    private WeightedConsumer<? super K> sink;

    @Override
    public long add(K key, long delta) {
        if (delta == 0) {
            return map.get(key);
        }
        long sum = map.addToValue(key, delta);
        if (Overflow.overflowed(sum, delta)) {
            map.addToValue(key, -delta);
            throw Overflow.exception(key, sum, delta);
        }
        if (sum == 0) {
            map.removeKey(key);
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
        map.forEachKeyValue(this);
        sink = null;
    }

    @Override
    public void value(K key, long weight) {
        sink.accept(key, weight);
    }

    @Override
    public int capacity() {
        return Reflect.arrayLength(map, "keys");
    }

    @Override
    public Object unwrap() {
        return map;
    }
}
