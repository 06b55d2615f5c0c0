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
 * <p>Cost: {@code add}/{@code get} expected O(1), one {@code hashCode} call and usually one {@code equals},
 * no allocation except growth. 16 bytes per slot with compressed references (plus the key objects themselves),
 * at most {@value #LOAD_FACTOR_PERCENT}% of slots used. Not thread-safe.
 */
public final class ObjectWeightMap<K> {
    static final int LOAD_FACTOR_PERCENT = 60;
    private static final float LOAD_FACTOR = LOAD_FACTOR_PERCENT / 100f;

    private Object[] keys;
    private int[] hashes;
    private long[] weights;
    private int mask;
    private int size;
    private int resizeAt;
    /** Bumped by every change, so that an iterator can tell it was modified under it. */
    private int modCount;

    public ObjectWeightMap() {
        this(0);
    }

    public ObjectWeightMap(int expectedSize) {
        allocate(Hashing.capacityFor(expectedSize, LOAD_FACTOR));
    }

    /** Shallow copy: shares the key objects, copies the table. */
    public ObjectWeightMap(ObjectWeightMap<K> other) {
        keys = other.keys.clone();
        hashes = other.hashes.clone();
        weights = other.weights.clone();
        mask = other.mask;
        size = other.size;
        resizeAt = other.resizeAt;
    }

    private void allocate(int capacity) {
        keys = new Object[capacity];
        hashes = new int[capacity];
        weights = new long[capacity];
        mask = capacity - 1;
        resizeAt = (int) (capacity * LOAD_FACTOR);
    }

    private static int spread(Object key) {
        return key.hashCode();
    }

    private int home(int hash) {
        return Hashing.mix32(hash) & mask;
    }

    /** Mean distance of the entries from their home slots (O(capacity); for tests of the probe lengths). */
    double meanDisplacement() {
        long total = 0;
        for (int i = 0; i <= mask; i++) {
            if (keys[i] != null) {
                total += (i - home(hashes[i])) & mask;
            }
        }
        return size == 0 ? 0 : total / (double) size;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int capacity() {
        return mask + 1;
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
        return slot >= 0 ? weights[slot] : 0;
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
        int slot = find(key, hash);
        if (slot >= 0) {
            long w = weights[slot];
            long nw = w + delta;
            if (((w ^ nw) & (delta ^ nw)) < 0) {
                throw WeightOverflow.adding(key, w, delta);
            }
            modCount++;
            if (nw == 0) {
                removeAt(slot);
            } else {
                weights[slot] = nw;
            }
            return nw;
        }
        if (delta == 0) {
            return 0;
        }
        modCount++;
        if (size >= resizeAt) {
            grow();
            insertAbsent(key, hash, delta);
        } else {
            int i = -1 - slot;
            keys[i] = key;
            hashes[i] = hash;
            weights[i] = delta;
            size++;
        }
        return delta;
    }

    /** Removes {@code key}, returning its weight (0 if absent). */
    public long remove(Object key) {
        Objects.requireNonNull(key, "Z-set element must not be null");
        int slot = find(key, spread(key));
        if (slot < 0) {
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
        rehash((mask + 1) * 2);
    }

    private void rehash(int capacity) {
        modCount++;
        Object[] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldWeights = weights;
        allocate(capacity);
        size = 0;
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != null) {
                insertAbsent(oldKeys[s], oldHashes[s], oldWeights[s]);
            }
        }
    }

    /** Makes room for {@code expectedSize} entries without further growth. */
    public void ensureCapacity(int expectedSize) {
        int cap = Hashing.capacityFor(expectedSize, LOAD_FACTOR);
        if (cap > mask + 1) {
            rehash(cap);
        }
    }

    /** Removes every entry, keeping the capacity (O(capacity)). */
    public void clear() {
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

    /** The first occupied slot at or after {@code slot}, or -1. */
    public int nextSlot(int slot) {
        if (size == 0) {
            return -1;
        }
        final Object[] ks = keys;
        for (int i = slot; i <= mask; i++) {
            if (ks[i] != null) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    public K keyAt(int slot) {
        return (K) keys[slot];
    }

    /** The cached hash code of the key in an occupied slot ({@code keyAt(slot).hashCode()}). */
    public int hashAt(int slot) {
        return hashes[slot];
    }

    public long weightAt(int slot) {
        return weights[slot];
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
    }
}
