package org.jdbsp.benches.maps;

import org.jdbsp.zset.LongWeightConsumer;

import java.util.Arrays;

/**
 * The previous {@code LongWeightMap} (power-of-two capacity, 60% load factor, doubling), kept as a benchmark
 * candidate so the current table can be compared with it in one run.
 */
final class Pow2LongWeightMap {
    static final int LOAD_FACTOR_PERCENT = 60;
    private static final float LOAD_FACTOR = LOAD_FACTOR_PERCENT / 100f;

    private long[] table;
    private int mask;
    private int shift;
    private int size;
    private int resizeAt;

    Pow2LongWeightMap() {
        this(0);
    }

    Pow2LongWeightMap(int expectedSize) {
        allocate(capacityFor(expectedSize));
    }

    /** Deep copy. */
    Pow2LongWeightMap(Pow2LongWeightMap other) {
        table = other.table.clone();
        mask = other.mask;
        shift = other.shift;
        size = other.size;
        resizeAt = other.resizeAt;
    }

    private static int capacityFor(int expectedSize) {
        long needed = (long) Math.ceil(expectedSize / (double) LOAD_FACTOR) + 1;
        int cap = 2;
        while (cap < needed) {
            cap <<= 1;
        }
        return cap;
    }

    private void allocate(int capacity) {
        table = new long[capacity * 2];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = (int) (capacity * LOAD_FACTOR);
    }

    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Number of slots (capacity of the table). */
    public int capacity() {
        return mask + 1;
    }

    /** The weight of {@code key}, 0 if absent. */
    public long get(long key) {
        final long[] t = table;
        int i = home(key);
        while (true) {
            long w = t[2 * i + 1];
            if (w == 0) {
                return 0;
            }
            if (t[2 * i] == key) {
                return w;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Adds {@code delta} to the weight of {@code key} and returns the new weight; an entry reaching 0 is removed.
     *
     * @throws ArithmeticException if the new weight overflows a {@code long}; the table is unchanged
     */
    public long add(long key, long delta) {
        if (delta == 0) {
            return get(key);
        }
        final long[] t = table;
        int i = home(key);
        while (true) {
            long w = t[2 * i + 1];
            if (w == 0) {
                break;
            }
            if (t[2 * i] == key) {
                long nw = w + delta;
                if (((w ^ nw) & (delta ^ nw)) < 0) {
                    throw new ArithmeticException("overflow " + key);
                }
                if (nw == 0) {
                    removeAt(i);
                } else {
                    t[2 * i + 1] = nw;
                }
                return nw;
            }
            i = (i + 1) & mask;
        }
        if (size >= resizeAt) {
            grow();
            insertAbsent(key, delta);
        } else {
            t[2 * i] = key;
            t[2 * i + 1] = delta;
            size++;
        }
        return delta;
    }

    /** Sets the weight of {@code key}; 0 removes it. Returns the previous weight. */
    public long put(long key, long weight) {
        long old = get(key);
        if (old != weight) {
            // cannot overflow: weight - old computed exactly via add semantics would, so do remove + add
            if (old != 0) {
                remove(key);
            }
            if (weight != 0) {
                add(key, weight);
            }
        }
        return old;
    }

    /** Removes {@code key}, returning its weight (0 if it was absent). */
    public long remove(long key) {
        final long[] t = table;
        int i = home(key);
        while (true) {
            long w = t[2 * i + 1];
            if (w == 0) {
                return 0;
            }
            if (t[2 * i] == key) {
                removeAt(i);
                return w;
            }
            i = (i + 1) & mask;
        }
    }

    private void insertAbsent(long key, long weight) {
        final long[] t = table;
        int i = home(key);
        while (t[2 * i + 1] != 0) {
            i = (i + 1) & mask;
        }
        t[2 * i] = key;
        t[2 * i + 1] = weight;
        size++;
    }

    /** Backward-shift deletion: pulls later entries of the cluster into the hole so no tombstone is needed. */
    private void removeAt(int slot) {
        final long[] t = table;
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            long w = t[2 * j + 1];
            if (w == 0) {
                break;
            }
            int h = home(t[2 * j]);
            // the entry at j may move into the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (!stays) {
                t[2 * hole] = t[2 * j];
                t[2 * hole + 1] = w;
                hole = j;
            }
        }
        t[2 * hole] = 0;
        t[2 * hole + 1] = 0;
        size--;
    }

    private void grow() {
        long[] old = table;
        allocate((mask + 1) * 2);
        size = 0;
        for (int s = 0; s < old.length; s += 2) {
            if (old[s + 1] != 0) {
                insertAbsent(old[s], old[s + 1]);
            }
        }
    }

    /** Makes room for {@code expectedSize} entries without further growth. */
    public void ensureCapacity(int expectedSize) {
        int cap = capacityFor(expectedSize);
        if (cap > mask + 1) {
            long[] old = table;
            allocate(cap);
            size = 0;
            for (int s = 0; s < old.length; s += 2) {
                if (old[s + 1] != 0) {
                    insertAbsent(old[s], old[s + 1]);
                }
            }
        }
    }

    /** Removes every entry, keeping the table's capacity (O(capacity)). */
    public void clear() {
        if (size != 0) {
            Arrays.fill(table, 0);
            size = 0;
        }
    }

    /**
     * The first occupied slot at or after {@code slot}, or -1. Iterate with
     * {@code for (int s = m.nextSlot(0); s >= 0; s = m.nextSlot(s + 1))}.
     */
    public int nextSlot(int slot) {
        final long[] t = table;
        for (int i = slot; i <= mask; i++) {
            if (t[2 * i + 1] != 0) {
                return i;
            }
        }
        return -1;
    }

    public long keyAt(int slot) {
        return table[2 * slot];
    }

    public long weightAt(int slot) {
        return table[2 * slot + 1];
    }

    /** Calls {@code consumer} for every entry; allocates nothing. */
    public void forEach(LongWeightConsumer consumer) {
        final long[] t = table;
        for (int s = 0; s < t.length; s += 2) {
            long w = t[s + 1];
            if (w != 0) {
                consumer.accept(t[s], w);
            }
        }
    }
}
