package org.jdbsp.zset;

import java.util.Objects;

/**
 * One entry of a {@link ZSet}: an element and its weight (for a table, +1 per copy of a row; in a change, +1
 * for an insertion and -1 for a deletion). What iterating over a Z-set yields, for example
 * {@code for (Weighted<Order> w : view) print(w.element(), w.weight())}. Immutable; a Z-set never yields a
 * weight of 0. Cost: one small object per entry, allocated by the iteration that yields it (the allocation-free
 * alternatives are {@link ZSet#forEach(WeightedConsumer)} and iteration by slot).
 *
 * @param element the element, not null
 * @param weight  its weight
 * @param <T>     the element type
 */
public record Weighted<T>(T element, long weight) {
    public Weighted {
        Objects.requireNonNull(element, "Weighted: element must not be null");
    }

    /** {@code element => weight}, as a Z-set prints its entries. */
    @Override
    public String toString() {
        return element + " => " + weight;
    }
}
