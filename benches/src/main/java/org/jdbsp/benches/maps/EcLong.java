package org.jdbsp.benches.maps;

import org.eclipse.collections.api.block.procedure.primitive.LongLongProcedure;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.jdbsp.zset.LongWeightConsumer;

/**
 * Eclipse Collections {@link LongLongHashMap}: one probe with {@code addToValue}, overflow detected afterwards
 * from the wrapped sum and undone, plus an explicit {@code remove} (second probe) when the weight returns to 0.
 */
final class EcLong implements LongWeights, LongLongProcedure {
    private final LongLongHashMap map = new LongLongHashMap();
    private LongWeightConsumer sink;

    @Override
    public long add(long key, long delta) {
        if (delta == 0) {
            return map.get(key);
        }
        long sum = map.addToValue(key, delta);
        if (Overflow.overflowed(sum, delta)) {
            map.addToValue(key, -delta); // wrapping arithmetic restores the old weight exactly
            throw Overflow.exception(key, sum, delta);
        }
        if (sum == 0) {
            map.remove(key);
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
        map.forEachKeyValue(this);
        sink = null;
    }

    @Override
    public void value(long key, long weight) {
        sink.accept(key, weight);
    }

    @Override
    public int capacity() {
        return Reflect.arrayLength(map, "keysValues") / 2;
    }

    @Override
    public Object unwrap() {
        return map;
    }
}
