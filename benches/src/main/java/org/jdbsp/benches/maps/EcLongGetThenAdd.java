package org.jdbsp.benches.maps;

import org.eclipse.collections.api.block.procedure.primitive.LongLongProcedure;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.jdbsp.zset.LongWeightConsumer;

/**
 * Eclipse Collections {@link LongLongHashMap} used the naive way: {@code get}, {@link Math#addExact}, then
 * {@code put} or {@code remove}. Always two probes; measures what a map without a single-probe update costs.
 */
final class EcLongGetThenAdd implements LongWeights, LongLongProcedure {
    private final LongLongHashMap map = new LongLongHashMap();
    private LongWeightConsumer sink;

    @Override
    public long add(long key, long delta) {
        long sum = Math.addExact(map.get(key), delta);
        if (sum == 0) {
            map.remove(key);
        } else {
            map.put(key, sum);
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
