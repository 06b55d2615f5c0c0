package org.jdbsp.operators;

import java.util.Arrays;
import java.util.function.ToLongFunction;
import org.jdbsp.zset.LongWeightMap;
import org.jdbsp.zset.ZSet;

/**
 * One tick's change indexed by a {@code long} key, in arrays reused across ticks: per entry its key and its
 * slot in the change, and per key a chain of entries (a head table from key to first entry, and a next
 * array). Lets the join probe, pair and later commit the change without building a Z-set per key, and
 * without calling the key function again in {@code commit}.
 *
 * <p>Cost: O(|change|) to index and to clear; no allocation once the arrays have grown to the largest change.
 */
final class JoinKeyedDelta<V> {
    private ZSet<V> change;
    private int n;
    private long[] keys = new long[16];
    private int[] slots = new int[16];
    private int[] next = new int[16];
    private final LongWeightMap head = new LongWeightMap();

    /** Indexes {@code z} by {@code key}; the previous contents are dropped. User exceptions propagate. */
    void index(ZSet<V> z, ToLongFunction<? super V> key) {
        clear();
        int size = z.size();
        if (keys.length < size) {
            int cap = Math.max(size, keys.length * 2);
            keys = Arrays.copyOf(keys, cap);
            slots = Arrays.copyOf(slots, cap);
            next = Arrays.copyOf(next, cap);
        }
        change = z;
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            long k = key.applyAsLong(z.elementAt(s));
            keys[n] = k;
            slots[n] = s;
            next[n] = (int) head.put(k, n + 1) - 1;
            n++;
        }
    }

    int size() {
        return n;
    }

    long key(int i) {
        return keys[i];
    }

    V value(int i) {
        return change.elementAt(slots[i]);
    }

    long weight(int i) {
        return change.weightAt(slots[i]);
    }

    /** The first entry with key {@code k}, or -1; follow with {@link #next(int)}. */
    int first(long k) {
        return (int) head.get(k) - 1;
    }

    int next(int i) {
        return next[i];
    }

    /** Empties the index in O(entries), keeping the arrays. */
    void clear() {
        for (int i = 0; i < n; i++) {
            head.remove(keys[i]);
        }
        n = 0;
        change = null;
    }
}
