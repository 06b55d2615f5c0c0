package org.jdbsp.operators;

import java.util.ArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;

/**
 * Scratch of an aggregate for one tick: numbers the groups a change touches 0, 1, 2, ... in order of first
 * appearance. Cleared and reused every tick (no allocation once grown).
 */
final class GroupIndex<K> {
    private final ObjectIntHashMap<K> index = new ObjectIntHashMap<>();
    private final ArrayList<K> keys = new ArrayList<>();

    /** The number of {@code k}, registering it if new (then the result equals the previous {@link #size}). */
    int indexOf(K k) {
        int i = index.getIfAbsent(k, -1);
        if (i < 0) {
            i = keys.size();
            keys.add(k);
            index.put(k, i);
        }
        return i;
    }

    K key(int i) {
        return keys.get(i);
    }

    int size() {
        return keys.size();
    }

    void clear() {
        if (!keys.isEmpty()) {
            index.clear();
            keys.clear();
        }
    }
}
