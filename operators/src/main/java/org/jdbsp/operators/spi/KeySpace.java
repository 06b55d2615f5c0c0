package org.jdbsp.operators.spi;

import java.util.Arrays;

/**
 * The distinct group keys of a keyed operator, numbered densely: a key gets a free id (the smallest never used,
 * or one released earlier) when it is added and keeps it until it is {@linkplain #release released}. Operators
 * keep their per-group state in arrays indexed by id, so the code after the lookup is the same whatever the key
 * type. {@link LongKeySpace} holds {@code long} keys (one or two per key) without boxing, {@link ObjectKeySpace}
 * any objects with {@code equals}/{@code hashCode}.
 *
 * <p>Storage: an open-addressing table, linear probing, backward-shift deletion (no tombstones), at most half full.
 * Each slot is {@code stride} ints: what the subclass keeps of the key there, then the id + 1 (0 marks an empty
 * slot). Object keys (and pairs of {@code long}s) keep their mixed hash in the slot and the keys themselves in
 * arrays indexed by id, so a probe compares hashes and reads a key only on a match; a single {@code long} key is
 * kept whole in its slot, so a lookup reads one cache line. Growing never calls {@code hashCode}. Cost: a lookup is
 * one probe sequence; {@link #release} is O(1) expected and shrinks the table when it is less than 1/8 full;
 * {@link #clear} is O(ids used since the last clear). Nothing is allocated except on growth. Not thread-safe.
 *
 * <p>Growth is incremental from {@value #INCREMENTAL_FROM} slots up: the doubled table is allocated, and the old
 * one is drained into it {@value #DRAIN_PER_ADD} slots per added key (and whole clusters), so no step rehashes
 * millions of keys at once (a 16.8M-key table took 0.66 s to rehash in one go). While draining, a lookup that
 * misses the new table probes the old one too; a released key still in the old table leaves a tombstone there.
 * The old table is gone before the new one is half full.
 */
public abstract class KeySpace {
    private static final int MIN_SLOTS = 8;
    /** Tables of at least this many slots grow incrementally; smaller ones rehash at once. */
    static final int INCREMENTAL_FROM = 1 << 16;
    /** Old slots drained per added key while growing: the old table is empty before the new one fills. */
    static final int DRAIN_PER_ADD = 4;
    /** The id part of an old-table slot whose key was released while draining (0 would cut probe chains). */
    static final int TOMBSTONE = Integer.MIN_VALUE;

    /** Ints per slot: the key's part, then id + 1 (0 marks an empty slot). */
    final int stride;
    int[] slots;
    int mask = MIN_SLOTS - 1;
    /**
     * While growing: the previous table, being drained into {@link #slots}; {@code null} otherwise. Its slots below
     * {@link #drained} are drained (and not read again); the slot at {@code drained} is empty, so every probe of
     * the rest ends.
     */
    int[] oldSlots;
    int oldMask;
    int drained;
    private int resizeAt = MIN_SLOTS / 2;
    private int size;
    /** The mixed hash of each id's key. */
    private int[] hashes = new int[8];
    /** One bit per id: set while the id holds a key. */
    private long[] live = new long[1];
    private int[] free = new int[8];
    private int freeCount;
    private int idLimit;

    KeySpace(int stride) {
        this.stride = stride;
        this.slots = new int[stride * MIN_SLOTS];
    }

    /** The mixed hash of the key held in slot {@code i} of {@code table} (for growth and deletion). */
    abstract int hashAt(int[] table, int i);

    /** Number of keys held. */
    public final int size() {
        return size;
    }

    /** Every id in use is below this bound (size per-id arrays with it). */
    public final int idLimit() {
        return idLimit;
    }

    /** True while {@code id} holds a key. */
    public final boolean isLive(int id) {
        return id >= 0 && id < idLimit && (live[id >>> 6] & (1L << id)) != 0;
    }

    /** The next id at or after {@code id} that holds a key, or -1: {@code for (int i = s.nextLive(0); i >= 0; i = s.nextLive(i + 1))}. */
    public final int nextLive(int id) {
        for (int i = id; i < idLimit; i++) {
            long word = live[i >>> 6] >>> i;
            if (word != 0) {
                int j = i + Long.numberOfTrailingZeros(word);
                return j < idLimit ? j : -1;
            }
            i |= 63;
        }
        return -1;
    }

    /** The key of {@code id}, boxed if primitive: for messages and tests, not for hot paths. */
    public abstract Object describe(int id);

    /**
     * The hash an exchange routes key {@code id} by ({@code RowKey.shardHash} of its rows), to re-partition a
     * checkpoint onto another worker count: the key's own hash, or its {@link RoutedKey#routingHashOfKey} when the
     * space's row key routes by one.
     */
    public abstract int shardHash(int id);

    /** The key function whose routing this space's keys follow ({@link RowKey}), or null: the keys' own hash. */
    RoutedKey<?> routedBy;

    /** Writes the key of live id {@code id} for a checkpoint. */
    public abstract void writeKey(int id, org.jdbsp.circuit.state.StateWriter out);

    /** Reads a key written by {@link #writeKey} and returns its id here, adding it if absent. */
    public abstract int readKey(org.jdbsp.circuit.state.StateReader in);

    abstract void growKeys(int limit);

    /** Drops the key of a released id (object references). */
    abstract void clearKey(int id);

    /**
     * Adds a key whose probe for {@code hash} ended at the empty {@code slot}, where the caller wrote the key's part;
     * returns its new id. The caller stores the key at that id.
     */
    final int add(int hash, int slot) {
        int id;
        if (freeCount > 0) {
            id = free[--freeCount];
        } else {
            id = idLimit;
            if (id == hashes.length) {
                int cap = Math.max(8, id * 2);
                hashes = Arrays.copyOf(hashes, cap);
                live = Arrays.copyOf(live, (cap + 63) >>> 6);
                growKeys(cap);
            }
            idLimit++;
        }
        hashes[id] = hash;
        live[id >>> 6] |= 1L << id;
        slots[stride * slot + stride - 1] = id + 1;
        if (oldSlots != null) {
            drain(DRAIN_PER_ADD);
        }
        if (++size > resizeAt) {
            grow();
        }
        return id;
    }

    /** Doubles the table: at once when small, else by draining the old table a few slots per add. */
    private void grow() {
        if (mask + 1 < INCREMENTAL_FROM) {
            rehash(2 * (mask + 1));
            return;
        }
        if (oldSlots != null) { // cannot happen at DRAIN_PER_ADD >= 2; finish it rather than lose keys
            drain(Integer.MAX_VALUE);
        }
        oldSlots = slots;
        oldMask = mask;
        drained = 0;
        allocate(2 * (mask + 1));
        drain(0); // past the cluster at slot 0, so that the slot at drained is empty
    }

    /**
     * Moves at least {@code n} slots of the old table (then on to the end of the cluster there) into the new
     * one; drops the old table when all are moved.
     */
    private void drain(int n) {
        int[] o = oldSlots;
        int[] t = slots;
        int w = stride;
        int last = w - 1;
        int m = mask;
        int cap = oldMask + 1;
        int c = drained;
        int end = (int) Math.min(cap, (long) c + n);
        while (c < cap && (c < end || o[w * c + last] != 0)) {
            if (o[w * c + last] > 0) {
                int i = hashAt(o, c) & m;
                while (t[w * i + last] != 0) {
                    i = (i + 1) & m;
                }
                System.arraycopy(o, w * c, t, w * i, w);
            }
            c++;
        }
        drained = c;
        if (c == cap) {
            oldSlots = null;
        }
    }

    /**
     * Tables of at least this many ints are read ahead of their lookups ({@link RowKey#touch}); smaller ones stay in
     * the cache.
     */
    static final int TOUCH_FROM = 1 << 16;

    /**
     * Reads the slot where a probe for mixed hash {@code h} starts (and, while draining, the old table's) and returns
     * its entry: a caller that touches the slots of several keys before looking them up has their misses overlap.
     */
    final int touchSlot(int h) {
        int s = stride;
        int r = slots[s * (h & mask) + s - 1];
        int[] o = oldSlots;
        if (o != null) {
            r += o[s * oldStart(h) + s - 1];
        }
        return r;
    }

    /** Whether the table is large enough for reading ahead to pay ({@link #TOUCH_FROM}). */
    final boolean worthTouching() {
        return slots.length >= TOUCH_FROM;
    }

    /** While draining: the first old slot to probe for a key of mixed hash {@code hash}. */
    final int oldStart(int hash) {
        int i = hash & oldMask;
        return i >= drained ? i : drained;
    }

    /** While draining: the old slot probed after {@code i} (the drained slots are skipped). */
    final int oldNext(int i) {
        return i == oldMask ? drained : i + 1;
    }

    /**
     * Removes the key of {@code id} (which must be live); the id may be handed out again by a later add.
     *
     * @throws IllegalArgumentException if {@code id} holds no key
     */
    public final void release(int id) {
        if (!isLive(id)) {
            throw new IllegalArgumentException("key id " + id + " is not in use");
        }
        int[] t = slots;
        int last = stride - 1;
        int i = hashes[id] & mask;
        for (int e; (e = t[stride * i + last]) != id + 1; i = (i + 1) & mask) {
            if (e == 0) {
                i = -1;
                break;
            }
        }
        if (i >= 0) {
            removeSlot(i);
        } else { // still in the table being drained: a tombstone keeps the probe chains through it
            int[] o = oldSlots;
            int j = oldStart(hashes[id]);
            while (o[stride * j + last] != id + 1) {
                j = oldNext(j);
            }
            o[stride * j + last] = TOMBSTONE;
        }
        live[id >>> 6] &= ~(1L << id);
        clearKey(id);
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = id;
        size--;
        if (size == 0) {
            // nothing left: hand out ids from 0 again, so per-id arrays stay as small as the live keys need
            freeCount = 0;
            idLimit = 0;
        }
        if (mask + 1 > MIN_SLOTS && size < (mask + 1) / 8) {
            rehash(slotsFor(size));
        }
    }

    /** Removes every key; O(ids used since the last clear), and the table shrinks if it is much larger than needed. */
    public final void clear() {
        if (idLimit == 0) {
            return;
        }
        for (int id = 0; id < idLimit; id++) {
            clearKey(id);
        }
        Arrays.fill(live, 0, (idLimit + 63) >>> 6, 0L);
        oldSlots = null;
        int want = slotsFor(size);
        if (mask + 1 > 8 * want) {
            allocate(want);
        } else {
            Arrays.fill(slots, 0);
        }
        size = 0;
        freeCount = 0;
        idLimit = 0;
    }

    private void removeSlot(int slot) {
        int[] t = slots;
        int w = stride;
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            if (t[w * j + w - 1] == 0) {
                break;
            }
            int h = hashAt(t, j) & mask;
            boolean stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (!stays) {
                System.arraycopy(t, w * j, t, w * hole, w);
                hole = j;
            }
        }
        Arrays.fill(t, w * hole, w * hole + w, 0);
    }

    private static int slotsFor(int keys) {
        int cap = MIN_SLOTS;
        while (cap / 2 < keys + 1) {
            cap <<= 1;
            if (cap <= 0) {
                throw new IllegalStateException("key space cannot hold " + keys + " keys");
            }
        }
        return cap;
    }

    private void allocate(int capacity) {
        slots = new int[stride * capacity];
        mask = capacity - 1;
        resizeAt = capacity / 2;
    }

    private void rehash(int capacity) {
        if (oldSlots != null) {
            drain(Integer.MAX_VALUE);
        }
        int[] old = slots;
        allocate(capacity);
        int[] t = slots;
        int w = stride;
        for (int s = 0; s < old.length / w; s++) {
            if (old[w * s + w - 1] != 0) {
                int i = hashAt(old, s) & mask;
                while (t[w * i + w - 1] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, w * s, t, w * i, w);
            }
        }
    }

    /** The murmur3 finaliser: every bit of the result depends on every bit of {@code h}. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /**
     * A 64-bit key mixed down to 32 bits: a Fibonacci product folded onto itself, so that every bit of the key
     * reaches the low bits the table uses (keys differing only in high bits, or only in low bits, spread alike).
     */
    static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 43));
    }
}
