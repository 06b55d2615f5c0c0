package org.jdbsp.zset;

/** Receives the entries of a {@link LongZSet}: a {@code long} element and its non-zero weight. */
@FunctionalInterface
public interface LongWeightConsumer {
    void accept(long element, long weight);
}
