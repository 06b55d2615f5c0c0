package org.jdbsp.zset;

import java.util.function.Consumer;

/** A flatMap function that emits its outputs to a consumer instead of allocating a collection per element. */
@FunctionalInterface
public interface FlatMapper<T, U> {
    void apply(T element, Consumer<? super U> out);
}
