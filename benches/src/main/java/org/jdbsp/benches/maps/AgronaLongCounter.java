package org.jdbsp.benches.maps;

import org.agrona.collections.Long2LongCounterMap;
import org.agrona.collections.LongLongConsumer;
import org.jdbsp.zset.LongWeightConsumer;

/**
 * Agrona {@link Long2LongCounterMap} with initial value 0: one probe with {@code addAndGet}, which removes the
 * entry at 0 itself; overflow detected afterwards from the wrapped sum and undone.
 */
final class AgronaLongCounter implements LongWeights, LongLongConsumer {
    private final Long2LongCounterMap map = new Long2LongCounterMap(0);
    private LongWeightConsumer sink;

    @Override
    public long add(long key, long delta) {
        if (delta == 0) {
            return map.get(key);
        }
        long sum = map.addAndGet(key, delta);
        if (Overflow.overflowed(sum, delta)) {
            map.addAndGet(key, -delta); // restores the old weight, re-inserting it if the wrap hit 0
            throw Overflow.exception(key, sum, delta);
        }
        return sum;
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
        map.forEach(this);
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
