package org.jdbsp.benches.maps;

import org.jdbsp.zset.LongWeightConsumer;

/** The previous power-of-two {@link Pow2LongWeightMap}: single-probe add with built-in removal at 0 and overflow check. */
final class OursPow2Long implements LongWeights {
    private final Pow2LongWeightMap map = new Pow2LongWeightMap();

    @Override
    public long add(long key, long delta) {
        return map.add(key, delta);
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
