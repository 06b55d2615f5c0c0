package org.jdbsp.zset;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Iterates over the entries of a {@link ZSet} in slot order, failing fast if the Z-set changes meanwhile (an
 * add, addAll or clear during the loop would move entries between slots, so the loop could skip or repeat some).
 * Cost: O(capacity) over a whole iteration, one {@link Weighted} per entry.
 */
final class WeightedIterator<T> implements Iterator<Weighted<T>> {
    private final ObjectWeightMap<T> map;
    private final int expectedModCount;
    private int slot;

    WeightedIterator(ObjectWeightMap<T> map) {
        this.map = map;
        this.expectedModCount = map.modCount();
        this.slot = map.nextSlot(0);
    }

    @Override
    public boolean hasNext() {
        checkUnchanged();
        return slot >= 0;
    }

    @Override
    public Weighted<T> next() {
        checkUnchanged();
        if (slot < 0) {
            throw new NoSuchElementException("no more entries in this Z-set");
        }
        Weighted<T> w = new Weighted<>(map.keyAt(slot), map.weightAt(slot));
        slot = map.nextSlot(slot + 1);
        return w;
    }

    private void checkUnchanged() {
        if (map.modCount() != expectedModCount) {
            throw new ConcurrentModificationException("Z-set modified while iterating over it (an add, addAll or "
                    + "clear during a for-each loop or a stream over it); collect the changes in another Z-set and "
                    + "add them after the loop");
        }
    }
}
