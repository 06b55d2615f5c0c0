package org.jdbsp.zset;

/** Receives the entries of a {@link ZSet}: an element and its non-zero weight. */
@FunctionalInterface
public interface WeightedConsumer<T> {
    void accept(T element, long weight);
}
