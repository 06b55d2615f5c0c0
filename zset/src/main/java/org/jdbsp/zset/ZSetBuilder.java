package org.jdbsp.zset;

/**
 * Accumulates weighted elements for a bulk load into a presized table; {@link #build()} hands the table over
 * without copying. Cost: O(1) expected per {@link #add}, no allocation while under the presized size.
 */
public final class ZSetBuilder<T> {
    private ZSet<T> z;

    ZSetBuilder(int expectedSize) {
        z = new ZSet<>(expectedSize);
    }

    /** Adds {@code weight} to {@code element}; see {@link ZSet#add}. */
    public ZSetBuilder<T> add(T element, long weight) {
        live().add(element, weight);
        return this;
    }

    /** Adds {@code element} with weight +1. */
    public ZSetBuilder<T> insert(T element) {
        return add(element, 1);
    }

    /** Adds {@code element} with weight -1. */
    public ZSetBuilder<T> delete(T element) {
        return add(element, -1);
    }

    /** The built Z-set; the builder cannot be used afterwards. */
    public ZSet<T> build() {
        ZSet<T> r = live();
        z = null;
        return r;
    }

    private ZSet<T> live() {
        if (z == null) {
            throw new IllegalStateException("builder already built");
        }
        return z;
    }
}
