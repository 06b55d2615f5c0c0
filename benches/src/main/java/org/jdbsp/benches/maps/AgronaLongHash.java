package org.jdbsp.benches.maps;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongLongConsumer;
import org.jdbsp.zset.LongWeightConsumer;

/**
 * Agrona {@link Long2LongHashMap} with missing value 0: one probe with {@code merge(key, delta, Math::addExact)};
 * the function throws before the map is touched, and a result equal to the missing value removes the entry.
 */
final class AgronaLongHash implements LongWeights, LongLongConsumer {
    private final Long2LongHashMap map = new Long2LongHashMap(0);
    private LongWeightConsumer sink;

    @Override
    public long add(long key, long delta) {
        if (delta == 0) {
            return map.get(key); // merge rejects the missing value as an argument
        }
        return map.merge(key, delta, Math::addExact);
    }

    @Override
    public long get(long key) {
        return map.get(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public void forEach(LongWeightConsumer consumer) {
        sink = consumer;
        map.forEachLong(this);
        sink = null;
    }

    @Override
    public void accept(long key, long weight) {
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
