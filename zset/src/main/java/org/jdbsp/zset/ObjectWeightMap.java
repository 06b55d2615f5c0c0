package org.jdbsp.zset;

import java.util.Arrays;
import java.util.Objects;

/**
 * Open-addressing hash table from object keys to non-zero {@code long} weights: the storage of {@link ZSet}.
 *
 * <p>Parallel arrays of keys, cached hash codes and weights; a {@code null} key marks an empty slot. The cached
 * hash avoids calling {@code equals} on most mismatches and {@code hashCode} on growth. Linear probing with
 * backward-shift deletion (no tombstones), so entries whose weight returns to 0 leave no trace. The home slot
 * is the low bits of the hash after a full mix ({@link Hashing#mix32}), not the high bits of a multiplicative
 * hash: with high bits, copying a larger table into a new one in slot order (what a map or filter does from
 * its input Z-set) hands the new table its keys sorted by home slot, and they pile up into one cluster, a
 * quadratic copy (see {@code docs/design/zset-maps.md}).
 *
 * <p><b>Growth.</b> A table of fewer than {@value #INCREMENTAL_FROM} slots grows by rehashing all its entries at
 * once. A larger one allocates its doubled table and then moves the old table's entries over a little at a time:
 * each later {@code add} moves the next {@value #MOVES_PER_ADD} old slots, so no single call pays for millions of
 * entries (a stall of a whole step in an operator's state). Until the move is done a lookup that misses the new
 * table also probes the old one, where moved or deleted entries are left as markers so that probes run past them.
 * Reading ({@code get}, iteration) never moves entries, so threads may read a table no one changes; slots from
 * {@link #capacity()} on index the old table. The move is done long before the new table could need to grow.
 *
 * <p>Cost: {@code add}/{@code get} expected O(1), one {@code hashCode} call and usually one {@code equals},
 * no allocation except growth. 16 bytes per slot with compressed references (plus the key objects themselves),
 * at most {@value #LOAD_FACTOR_PERCENT}% of slots used; while a large table grows, its old arrays are kept until
 * their entries are moved. Not thread-safe; concurrent {@code get}s of a table no thread changes are safe.
 */
public final class ObjectWeightMap<K> {
    static final int LOAD_FACTOR_PERCENT = 60;
    private static final float LOAD_FACTOR = LOAD_FACTOR_PERCENT / 100f;

    /** Tables growing to at least this many slots move their entries gradually. */
    static final int INCREMENTAL_FROM = 1 << 17;

    /**
     * Old slots moved by each {@code add} during a gradual growth. The doubled table takes
     * {@code 0.6 * old capacity} new keys before it must grow again; moving all {@code old capacity} slots first
     * needs 1.7 slots per add, so 8 finishes the move when a fifth of that room is used.
     */
    static final int MOVES_PER_ADD = 8;

    /** Marks an old-table slot whose entry was moved or deleted during a gradual growth; probes pass it. */
    private static final Object GONE = new Object() {
        @Override
        public String toString() {
            return "(moved)";
        }
    };

    private Object[] keys;
    private int[] hashes;
    private long[] weights;
    private int mask;
    private int size;
    /** Bumped by every change, so that an iterator can tell it was modified under it. */
    private int modCount;

    /**
     * The table being moved out of during a gradual growth, or null. One field, so that the many small Z-sets
     * an operator creates per step stay 40 bytes (the load limit is computed from the capacity for the same reason).
     */
    private Old old;

    /** The old table of a gradual growth: its arrays, the entries still in it, the next slot to move. */
    private static final class Old {
        final Object[] keys;
        final int[] hashes;
        final long[] weights;
        final int mask;
        int size;
        int cursor;

        Old(Object[] keys, int[] hashes, long[] weights, int mask, int size) {
            this.keys = keys;
            this.hashes = hashes;
            this.weights = weights;
            this.mask = mask;
            this.size = size;
        }

        Old(Old other) {
            this(other.keys.clone(), other.hashes.clone(), other.weights.clone(), other.mask, other.size);
            cursor = other.cursor;
        }
    }

    public ObjectWeightMap() {
        this(0);
    }

    public ObjectWeightMap(int expectedSize) {
        allocate(Hashing.capacityFor(expectedSize, LOAD_FACTOR));
    }

    /** Shallow copy: shares the key objects, copies the table (and the old one during a gradual growth). */
    public ObjectWeightMap(ObjectWeightMap<K> other) {
        copyTable(other);
    }

    /** Makes this map's table a copy of {@code other}'s (and of the old one during a gradual growth). */
    private void copyTable(ObjectWeightMap<K> other) {
        keys = other.keys.clone();
        hashes = other.hashes.clone();
        weights = other.weights.clone();
        mask = other.mask;
        size = other.size;
        if (other.old != null) {
            old = new Old(other.old);
        }
    }

    /**
     * A shallow copy with room for {@code expectedSize} entries: when the copy would have to grow, its entries are
     * inserted into a table of the larger capacity directly (by their stored hashes) instead of cloning the table
     * and then rehashing the clone.
     */
    public ObjectWeightMap(ObjectWeightMap<K> other, int expectedSize) {
        int cap = Hashing.capacityFor(expectedSize, LOAD_FACTOR);
        if (cap <= other.mask + 1 || other.old != null) {
            copyTable(other);
            ensureCapacity(expectedSize);
            return;
        }
        // read other's table in place (rehash only reads the arrays it starts from) into a new one of cap slots
        keys = other.keys;
        hashes = other.hashes;
        weights = other.weights;
        mask = other.mask;
        rehash(cap);
    }

    private void allocate(int capacity) {
        keys = new Object[capacity];
        hashes = new int[capacity];
        weights = new long[capacity];
        mask = capacity - 1;
    }

    /** The number of entries at which the table grows before taking another. */
    private int resizeAt() {
        return (int) ((mask + 1) * LOAD_FACTOR);
    }

    private static int spread(Object key) {
        return key.hashCode();
    }

    private int home(int hash) {
        return Hashing.mix32(hash) & mask;
    }

    /** Mean distance of the entries from their home slots (O(capacity); for tests of the probe lengths). */
    double meanDisplacement() {
        finishMove();
        long total = 0;
        for (int i = 0; i <= mask; i++) {
            if (keys[i] != null) {
                total += (i - home(hashes[i])) & mask;
            }
        }
        return size == 0 ? 0 : total / (double) size;
    }

    public int size() {
        return size + (old == null ? 0 : old.size);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Whether a gradual growth is still moving entries (for tests). */
    boolean moving() {
        return old != null;
    }

    public int capacity() {
        return mask + 1;
    }

    /** The old-table slot of {@code key} during a gradual growth, or -1. */
    private int findOld(Object key, int hash) {
        final Old o = old;
        final Object[] ks = o.keys;
        int i = Hashing.mix32(hash) & o.mask;
        while (true) {
            Object k = ks[i];
            if (k == null) {
                return -1;
            }
            if (k != GONE && o.hashes[i] == hash && (k == key || k.equals(key))) {
                return i;
            }
            i = (i + 1) & o.mask;
        }
    }

    private int find(Object key, int hash) {
        final Object[] ks = keys;
        int i = home(hash);
        while (true) {
            Object k = ks[i];
            if (k == null) {
                return -1 - i;
            }
            if (hashes[i] == hash && (k == key || k.equals(key))) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** The weight of {@code key}, 0 if absent. */
    public long get(Object key) {
        Objects.requireNonNull(key, "Z-set element must not be null");
        return get(key, spread(key));
    }

    /**
     * {@link #get(Object)} with the key's hash code already known, as {@link #hashAt} returns it. {@code hash}
     * must equal {@code key.hashCode()}, or the key is not found.
     */
    public long get(Object key, int hash) {
        Objects.requireNonNull(key, "Z-set element must not be null");
        int slot = find(key, hash);
        if (slot >= 0) {
            return weights[slot];
        }
        return old == null ? 0 : getOld(key, hash);
    }

    /** The weight of {@code key} in the old table during a gradual growth, 0 if absent. */
    private long getOld(Object key, int hash) {
        int slot = findOld(key, hash);
        return slot >= 0 ? old.weights[slot] : 0;
    }

    /**
     * Adds {@code delta} to the weight of {@code key}, returning the new weight; an entry reaching 0 is removed.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws ArithmeticException if the weight overflows; the table is unchanged
     */
    public long add(K key, long delta) {
        Objects.requireNonNull(key, "Z-set element must not be null");
        return add(key, spread(key), delta);
    }

    /**
     * {@link #add(Object, long)} with the key's hash code already known, as {@link #hashAt} returns it: saves
     * the {@code hashCode} call (records hash every field). {@code hash} must equal {@code key.hashCode()}, or
     * the table loses track of the key.
     */
    public long add(K key, int hash, long delta) {
        Objects.requireNonNull(key, "Z-set element must not be null");
        if (old != null) {
            return addWhileMoving(key, hash, delta);
        }
        int slot = find(key, hash);
        if (slot >= 0) {
            return addAt(slot, key, delta);
        }
        return insertNew(key, hash, delta, -1 - slot, size);
    }

    /**
     * {@link #add(Object, int, long)} during a gradual growth, kept apart so that the common path stays small
     * enough to inline: moves the next old slots first, then finds the key in the new table or the old one.
     */
    private long addWhileMoving(K key, int hash, long delta) {
        moveSome();
        if (old == null) { // that was the last of the old table
            return add(key, hash, delta);
        }
        int slot = find(key, hash);
        if (slot >= 0) {
            return addAt(slot, key, delta);
        }
        int oldSlot = findOld(key, hash);
        if (oldSlot >= 0) {
            return addToOld(key, hash, delta, oldSlot, -1 - slot);
        }
        return insertNew(key, hash, delta, -1 - slot, size + old.size);
    }

    /** {@code w + delta}, or the overflow naming {@code key} (thrown before anything changes). */
    private static long checkedSum(Object key, long w, long delta) {
        long nw = w + delta;
        if (((w ^ nw) & (delta ^ nw)) < 0) {
            throw WeightOverflow.adding(key, w, delta);
        }
        return nw;
    }

    /** Adds {@code delta} to the entry in (new-table) slot {@code slot}; removes it at 0. */
    private long addAt(int slot, K key, long delta) {
        long nw = checkedSum(key, weights[slot], delta);
        modCount++;
        if (nw == 0) {
            removeAt(slot);
        } else {
            weights[slot] = nw;
        }
        return nw;
    }

    /**
     * Enters an absent key at {@code free}, the empty slot its probe ended at, unless the table holding
     * {@code entries} entries must grow first.
     */
    private long insertNew(K key, int hash, long delta, int free, int entries) {
        if (delta == 0) {
            return 0;
        }
        modCount++;
        if (entries >= resizeAt()) {
            grow();
            insertAbsent(key, hash, delta);
        } else {
            keys[free] = key;
            hashes[free] = hash;
            weights[free] = delta;
            size++;
        }
        return delta;
    }

    /**
     * Adds {@code delta} to a key found in the old table during a gradual growth: the key moves to the new table
     * ({@code free}, the empty slot its probe there ended at) unless its weight reaches 0.
     */
    private long addToOld(K key, int hash, long delta, int oldSlot, int free) {
        long nw = checkedSum(key, old.weights[oldSlot], delta);
        if (delta == 0) {
            return nw;
        }
        modCount++;
        Object stored = old.keys[oldSlot];
        dropOld(oldSlot);
        if (nw != 0) { // the table's size is unchanged: the free slot is within its load
            keys[free] = stored;
            hashes[free] = hash;
            weights[free] = nw;
            size++;
        }
        return nw;
    }

    /** Marks old-table slot {@code slot} as gone; the old table is released when it holds no more entries. */
    private void dropOld(int slot) {
        old.keys[slot] = GONE;
        if (--old.size == 0) {
            old = null;
        }
    }

    /** Moves the next {@link #MOVES_PER_ADD} old slots' entries to the new table. */
    private void moveSome() {
        moveUpTo(Math.min(old.cursor + MOVES_PER_ADD, old.mask + 1));
    }

    /** Finishes a gradual growth, if one is under way (the contents stay the same; no modification). */
    private void finishMove() {
        if (old != null) {
            moveUpTo(old.mask + 1);
        }
    }

    private void moveUpTo(int end) {
        final Old o = old;
        final Object[] ks = o.keys;
        for (int i = o.cursor; i < end; i++) {
            Object k = ks[i];
            if (k != null && k != GONE) {
                insertAbsent(k, o.hashes[i], o.weights[i]);
                ks[i] = GONE;
                if (--o.size == 0) {
                    old = null;
                    return;
                }
            }
        }
        o.cursor = end;
        if (end > o.mask) {
            old = null;
        }
    }

    /** Removes {@code key}, returning its weight (0 if absent). */
    public long remove(Object key) {
        Objects.requireNonNull(key, "Z-set element must not be null");
        int hash = spread(key);
        int slot = find(key, hash);
        if (slot < 0) {
            if (old != null) {
                int oldSlot = findOld(key, hash);
                if (oldSlot >= 0) {
                    long w = old.weights[oldSlot];
                    modCount++;
                    dropOld(oldSlot);
                    return w;
                }
            }
            return 0;
        }
        long w = weights[slot];
        modCount++;
        removeAt(slot);
        return w;
    }

    private void insertAbsent(Object key, int hash, long weight) {
        int i = home(hash);
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = hash;
        weights[i] = weight;
        size++;
    }

    private void removeAt(int slot) {
        final Object[] ks = keys;
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            Object k = ks[j];
            if (k == null) {
                break;
            }
            int h = home(hashes[j]);
            boolean stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (!stays) {
                ks[hole] = k;
                hashes[hole] = hashes[j];
                weights[hole] = weights[j];
                hole = j;
            }
        }
        ks[hole] = null;
        hashes[hole] = 0;
        weights[hole] = 0;
        size--;
    }

    private void grow() {
        growTo((mask + 1) * 2);
    }

    /** Grows to {@code capacity} slots: all at once when small or empty, else gradually. */
    private void growTo(int capacity) {
        finishMove();
        if (capacity < INCREMENTAL_FROM || size == 0) {
            rehash(capacity);
            return;
        }
        modCount++;
        old = new Old(keys, hashes, weights, mask, size);
        allocate(capacity);
        size = 0;
    }

    /** Rehashes every entry into a table of {@code capacity} slots at once (no gradual growth under way). */
    private void rehash(int capacity) {
        modCount++;
        Object[] fromKeys = keys;
        int[] fromHashes = hashes;
        long[] fromWeights = weights;
        allocate(capacity);
        size = 0;
        for (int s = 0; s < fromKeys.length; s++) {
            if (fromKeys[s] != null) {
                insertAbsent(fromKeys[s], fromHashes[s], fromWeights[s]);
            }
        }
    }

    /**
     * Makes room for {@code expectedSize} entries without further growth (a large table that must grow for
     * them does so gradually, as the adds come).
     */
    public void ensureCapacity(int expectedSize) {
        int cap = Hashing.capacityFor(expectedSize, LOAD_FACTOR);
        if (cap > mask + 1) {
            growTo(cap);
        }
    }

    /** Removes every entry, keeping the capacity (O(capacity)). */
    public void clear() {
        if (old != null) {
            modCount++;
            old = null;
        }
        if (size != 0) {
            modCount++;
            Arrays.fill(keys, null);
            Arrays.fill(weights, 0);
            size = 0;
        }
    }

    /**
     * A count that changes whenever the table does (an add, remove, clear or growth); equal counts before and
     * after a loop mean the loop saw a stable table. For fail-fast iterators.
     */
    int modCount() {
        return modCount;
    }

    /**
     * The first occupied slot at or after {@code slot}, or -1. During a gradual growth the slots from {@link
     * #capacity()} on are the old table's.
     */
    public int nextSlot(int slot) {
        if (size() == 0) {
            return -1;
        }
        final Object[] ks = keys;
        for (int i = slot; i <= mask; i++) {
            if (ks[i] != null) {
                return i;
            }
        }
        return old == null ? -1 : nextOldSlot(slot);
    }

    /** {@link #nextSlot} in the old table during a gradual growth: its slots follow the new table's. */
    private int nextOldSlot(int slot) {
        final Object[] oks = old.keys;
        int base = mask + 1;
        for (int i = Math.max(slot - base, 0); i <= old.mask; i++) {
            Object k = oks[i];
            if (k != null && k != GONE) {
                return base + i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    public K keyAt(int slot) {
        return (K) (slot <= mask ? keys[slot] : old.keys[slot - mask - 1]);
    }

    /** The cached hash code of the key in an occupied slot ({@code keyAt(slot).hashCode()}). */
    public int hashAt(int slot) {
        return slot <= mask ? hashes[slot] : old.hashes[slot - mask - 1];
    }

    public long weightAt(int slot) {
        return slot <= mask ? weights[slot] : old.weights[slot - mask - 1];
    }

    /** Calls {@code consumer} for every entry; allocates nothing. */
    @SuppressWarnings("unchecked")
    public void forEach(WeightedConsumer<? super K> consumer) {
        final Object[] ks = keys;
        final long[] ws = weights;
        for (int s = 0; s < ks.length; s++) {
            Object k = ks[s];
            if (k != null) {
                consumer.accept((K) k, ws[s]);
            }
        }
        if (old != null) {
            final Object[] oks = old.keys;
            final long[] ows = old.weights;
            for (int s = 0; s < oks.length; s++) {
                Object k = oks[s];
                if (k != null && k != GONE) {
                    consumer.accept((K) k, ows[s]);
                }
            }
        }
    }
}
