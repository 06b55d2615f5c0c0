package org.jdbsp.zset;

import java.util.Arrays;

/**
 * Open-addressing hash table from {@code long} keys to non-zero {@code long} weights: the storage of
 * {@link LongZSet}.
 *
 * <p>Keys and weights are interleaved in one {@code long[]} (key at {@code 2i}, weight at {@code 2i+1}) so a
 * probe touches one cache line. A weight of 0 marks an empty slot, so every key value is usable and an entry
 * whose weight reaches 0 is removed on the spot. Linear probing with backward-shift deletion: no tombstones, so
 * +1/-1 churn never degrades the table. The capacity need not be a power of two: the home slot is the high
 * 32 bits of a Fibonacci hash scaled to the capacity (multiply and shift, no division), and the table grows by
 * {@value #GROWTH_PERCENT}% when {@value #LOAD_FACTOR_PERCENT}% full. Growth over load factor is 2, so the table
 * never exceeds 32 bytes per entry at any size (a power-of-two table at 1,000,000 entries needs 2^21 slots:
 * 33.6 bytes per entry); see {@code docs/design/zset-maps.md}.
 *
 * <p>The home slot is monotone in the key's Fibonacci hash, so adding another table's entries one by one in its
 * slot order to a table made without a size piles them into one cluster while it grows: quadratic. Presize the
 * target ({@link #LongWeightMap(int)}, {@link #ensureCapacity}), as {@link LongZSet#addAll} does; see
 * {@code docs/design/zset-maps.md}.
 *
 * <p>Cost: {@code add}/{@code get} expected O(1) with no allocation (except when the table grows);
 * 16 bytes per slot, between 16 / 0.7 = 22.9 and 32 bytes per entry once grown.
 * Iteration with {@link #nextSlot(int)} allocates nothing. Not thread-safe.
 */
public final class LongWeightMap {
    static final int LOAD_FACTOR_PERCENT = 70;
    static final int GROWTH_PERCENT = 40;
    private static final float LOAD_FACTOR = LOAD_FACTOR_PERCENT / 100f;

    private long[] table;
    private int capacity;
    private int size;
    private int resizeAt;

    public LongWeightMap() {
        this(0);
    }

    public LongWeightMap(int expectedSize) {
        allocate(capacityFor(expectedSize));
    }

    /** Deep copy. */
    public LongWeightMap(LongWeightMap other) {
        table = other.table.clone();
        capacity = other.capacity;
        size = other.size;
        resizeAt = other.resizeAt;
    }

    /** Slots for {@code expectedSize} entries at the load factor (at least 2, so one slot is always free). */
    private static int capacityFor(int expectedSize) {
        long needed = (long) Math.ceil(expectedSize / (double) LOAD_FACTOR) + 1;
        if (needed > Hashing.MAX_CAPACITY) {
            throw new IllegalStateException("table cannot hold " + expectedSize + " entries");
        }
        return (int) Math.max(Hashing.MIN_CAPACITY, needed);
    }

    private void allocate(int slots) {
        table = new long[slots * 2];
        capacity = slots;
        resizeAt = Math.min(slots - 1, (int) (slots * LOAD_FACTOR));
    }

    /** The high 32 bits of a Fibonacci hash, scaled to [0, capacity). */
    private int home(long key) {
        return (int) ((((key * Hashing.GOLDEN) >>> 32) * capacity) >>> 32);
    }

    private int next(int i) {
        return i + 1 == capacity ? 0 : i + 1;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Number of slots (capacity of the table). */
    public int capacity() {
        return capacity;
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
            i = next(i);
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
                    throw WeightOverflow.adding(key, w, delta);
                }
                if (nw == 0) {
                    removeAt(i);
                } else {
                    t[2 * i + 1] = nw;
                }
                return nw;
            }
            i = next(i);
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

    /** Sets the weight of {@code key} in one probe; 0 removes it. Returns the previous weight (0 if absent). */
    public long put(long key, long weight) {
        final long[] t = table;
        int i = home(key);
        while (true) {
            long w = t[2 * i + 1];
            if (w == 0) {
                break;
            }
            if (t[2 * i] == key) {
                if (weight == 0) {
                    removeAt(i);
                } else {
                    t[2 * i + 1] = weight;
                }
                return w;
            }
            i = next(i);
        }
        if (weight != 0) {
            if (size >= resizeAt) {
                grow();
                insertAbsent(key, weight);
            } else {
                t[2 * i] = key;
                t[2 * i + 1] = weight;
                size++;
            }
        }
        return 0;
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
            i = next(i);
        }
    }

    private void insertAbsent(long key, long weight) {
        final long[] t = table;
        int i = home(key);
        while (t[2 * i + 1] != 0) {
            i = next(i);
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
            j = next(j);
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
        long grown = Math.max((long) capacity + 2, (long) capacity * (100 + GROWTH_PERCENT) / 100);
        if (grown > Hashing.MAX_CAPACITY) {
            throw new IllegalStateException("table cannot grow past " + capacity + " slots");
        }
        allocate((int) grown);
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
        if (cap > capacity) {
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
        if (size == 0) {
            return -1;
        }
        final long[] t = table;
        for (int i = slot; i < capacity; i++) {
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
