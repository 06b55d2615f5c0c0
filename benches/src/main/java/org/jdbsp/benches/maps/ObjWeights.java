package org.jdbsp.benches.maps;

import org.jdbsp.zset.WeightedConsumer;

/**
 * An object-keyed Z-set table under test, with the semantics of {@code ObjectWeightMap}: {@link #add} adds a
 * delta, an entry whose weight reaches 0 is removed, and an overflowing add throws {@link ArithmeticException}
 * leaving the table unchanged.
 */
public interface ObjWeights<K> {
    /** Adds {@code delta} to the weight of {@code key} and returns the new weight (0 means removed or absent). */
    long add(K key, long delta);

    /** The weight of {@code key}, 0 if absent. */
    long get(K key);

    int size();

    /** Visits every entry without allocating. */
    void forEach(WeightedConsumer<? super K> consumer);

    /** Number of slots of the underlying table (reflection for maps that do not expose it; slow). */
    int capacity();

    /** The underlying map, for footprint measurement. */
    Object unwrap();
}
