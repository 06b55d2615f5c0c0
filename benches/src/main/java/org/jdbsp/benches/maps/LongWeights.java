package org.jdbsp.benches.maps;

import org.jdbsp.zset.LongWeightConsumer;

/**
 * A {@code long}-keyed Z-set table under test, with the semantics of {@code LongWeightMap}: {@link #add} adds a
 * delta, an entry whose weight reaches 0 is removed, and an overflowing add throws {@link ArithmeticException}
 * leaving the table unchanged. One adapter per candidate library so the comparison is like for like.
 */
public interface LongWeights {
    /** Adds {@code delta} to the weight of {@code key} and returns the new weight (0 means removed or absent). */
    long add(long key, long delta);

    /** The weight of {@code key}, 0 if absent. */
    long get(long key);

    int size();

    /** Visits every entry without allocating. */
    void forEach(LongWeightConsumer consumer);

    /** Number of slots of the underlying table (reflection for maps that do not expose it; slow). */
    int capacity();

    /** The underlying map, for footprint measurement. */
    Object unwrap();
}
