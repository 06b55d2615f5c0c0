package org.jdbsp.zset;

import java.util.function.LongConsumer;

/** A flatMap function over {@code long} elements that emits its outputs to a consumer. */
@FunctionalInterface
public interface LongFlatMapper {
    void apply(long element, LongConsumer out);
}
