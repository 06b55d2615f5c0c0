package org.jdbsp.operators;

import java.util.Arrays;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/** {@link GroupIndex} for {@code long} keys, without boxing. */
final class GroupIndexLong {
    private final LongIntHashMap index = new LongIntHashMap();
    private long[] keys = new long[16];
    private int size;

    int indexOf(long k) {
        int i = index.getIfAbsent(k, -1);
        if (i < 0) {
            i = size;
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
            }
            keys[size++] = k;
            index.put(k, i);
        }
        return i;
    }

    long key(int i) {
        return keys[i];
    }

    int size() {
        return size;
    }

    void clear() {
        if (size > 0) {
            index.clear();
            size = 0;
        }
    }
}
