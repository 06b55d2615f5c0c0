package org.jdbsp.zset;

/** Receives the entries of a {@link LongIndexedZSet}: {@code long} key, value and weight. */
@FunctionalInterface
public interface LongIndexedConsumer<V> {
    void accept(long key, V value, long weight);
}
