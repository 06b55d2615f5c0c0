package org.jdbsp.zset;

/** Receives the entries of an {@link IndexedZSet}: key, value and the value's non-zero weight. */
@FunctionalInterface
public interface IndexedConsumer<K, V> {
    void accept(K key, V value, long weight);
}
