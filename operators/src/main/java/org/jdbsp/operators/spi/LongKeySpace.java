package org.jdbsp.operators.spi;

import java.util.Arrays;

/**
 * A {@link KeySpace} of {@code long} keys, or of pairs of {@code long}s ({@link #pairs()}), never boxed: the keys
 * are a {@code long[]} indexed by id (two per id for pairs). A single key is also kept whole in its table slot
 * (slots of three ints: the key's two halves and the id), so a lookup reads one cache line and no key array;
 * pairs keep their hash in the slot. In front of the table, single keys go through a direct-mapped cache of the
 * last {@value #CACHE} keys seen (by hash), which stays in the CPU's cache: a change whose rows repeat keys (a
 * hot auction, a busy window) finds them there instead of in a table too large to stay cached. Cost: as
 * {@link KeySpace}; 8 (or 16) bytes per id for the keys plus 12 (or 8) bytes per table slot, and 12 KB for the
 * cache.
 */
public final class LongKeySpace extends KeySpace {
    static final int CACHE = 1024;

    private final int arity;
    private long[] keys = new long[16];
    /** Single keys: a direct-mapped cache of recent (key, id + 1), by the low bits of the key's hash. */
    private final long[] cacheKey;
    private final int[] cacheId;

    private LongKeySpace(int arity) {
        super(arity == 1 ? 3 : 2);
        this.arity = arity;
        this.cacheKey = arity == 1 ? new long[CACHE] : null;
        this.cacheId = arity == 1 ? new int[CACHE] : null;
    }

    @Override
    int hashAt(int[] table, int i) {
        return arity == 1 ? mix((long) table[3 * i + 1] << 32 | (table[3 * i] & 0xFFFFFFFFL)) : table[2 * i];
    }

    /** A space of single {@code long} keys. */
    public LongKeySpace() {
        this(1);
    }

    /** A space of keys made of two {@code long}s, such as a window's start and end. */
    public static LongKeySpace pairs() {
        return new LongKeySpace(2);
    }

    /** The id of {@code key}, adding it if absent. */
    public int id(long key) {
        int h = mix(key);
        int c = h & (CACHE - 1);
        int cached = cacheId[c];
        if (cached != 0 && cacheKey[c] == key) {
            return cached - 1;
        }
        int lo = (int) key;
        int hi = (int) (key >>> 32);
        int[] t = slots;
        int m = mask;
        int i = h & m;
        int e;
        while ((e = t[3 * i + 2]) != 0) {
            if (t[3 * i] == lo && t[3 * i + 1] == hi) {
                break;
            }
            i = (i + 1) & m;
        }
        int id;
        if (e != 0) {
            id = e - 1;
        } else if (oldSlots != null && (id = findOld(lo, hi, h)) >= 0) {
            // still in the table being drained
        } else {
            t[3 * i] = lo;
            t[3 * i + 1] = hi;
            id = add(h, i);
            keys[id] = key;
        }
        cacheKey[c] = key;
        cacheId[c] = id + 1;
        return id;
    }

    /** The id of {@code key}, or -1 if absent. */
    public int find(long key) {
        int lo = (int) key;
        int hi = (int) (key >>> 32);
        int[] t = slots;
        int m = mask;
        int h = mix(key);
        for (int i = h & m, e; (e = t[3 * i + 2]) != 0; i = (i + 1) & m) {
            if (t[3 * i] == lo && t[3 * i + 1] == hi) {
                return e - 1;
            }
        }
        return oldSlots == null ? -1 : findOld(lo, hi, h);
    }

    /** The id of the single key {@code (hi, lo)} in the table being drained, or -1. */
    private int findOld(int lo, int hi, int h) {
        int[] o = oldSlots;
        for (int i = oldStart(h), e; (e = o[3 * i + 2]) != 0; i = oldNext(i)) {
            if (e > 0 && o[3 * i] == lo && o[3 * i + 1] == hi) {
                return e - 1;
            }
        }
        return -1;
    }

    /** The id of the pair {@code (a, b)} with mixed hash {@code h} in the table being drained, or -1. */
    private int findOld(long a, long b, int h) {
        int[] o = oldSlots;
        for (int i = oldStart(h), e; (e = o[2 * i + 1]) != 0; i = oldNext(i)) {
            if (e > 0 && o[2 * i] == h) {
                int at = 2 * (e - 1);
                if (keys[at] == a && keys[at + 1] == b) {
                    return e - 1;
                }
            }
        }
        return -1;
    }

    /** The id of the pair {@code (a, b)} in a space of {@link #pairs()}, adding it if absent. */
    public int id(long a, long b) {
        int h = mix(a * 0xC2B2AE3D27D4EB4FL + b);
        int[] t = slots;
        int m = mask;
        int i = h & m;
        for (int e; (e = t[2 * i + 1]) != 0; i = (i + 1) & m) {
            int at = 2 * (e - 1);
            if (t[2 * i] == h && keys[at] == a && keys[at + 1] == b) {
                return e - 1;
            }
        }
        if (oldSlots != null) {
            int old = findOld(a, b, h);
            if (old >= 0) {
                return old;
            }
        }
        t[2 * i] = h;
        int id = add(h, i);
        keys[2 * id] = a;
        keys[2 * id + 1] = b;
        return id;
    }

    /** The key of a live id (single keys). */
    public long key(int id) {
        return keys[id];
    }

    /** The first long of a live id's pair. */
    public long first(int id) {
        return keys[2 * id];
    }

    /** The second long of a live id's pair. */
    public long second(int id) {
        return keys[2 * id + 1];
    }

    @Override
    public Object describe(int id) {
        return arity == 1 ? (Object) keys[id] : "(" + keys[2 * id] + ", " + keys[2 * id + 1] + ")";
    }

    @Override
    public int shardHash(int id) {
        if (arity != 1) {
            throw new UnsupportedOperationException("pair keys are not routed by an exchange");
        }
        return routedBy != null ? routedBy.routingHashOfKey(keys[id]) : Long.hashCode(keys[id]);
    }

    @Override
    public void writeKey(int id, org.jdbsp.circuit.state.StateWriter out) {
        if (arity == 1) {
            out.writeSignedVarLong(keys[id]);
        } else {
            out.writeSignedVarLong(keys[2 * id]);
            out.writeSignedVarLong(keys[2 * id + 1]);
        }
    }

    @Override
    public int readKey(org.jdbsp.circuit.state.StateReader in) {
        long a = in.readSignedVarLong();
        return arity == 1 ? id(a) : id(a, in.readSignedVarLong());
    }

    @Override
    void growKeys(int limit) {
        if (limit * arity > keys.length) {
            keys = Arrays.copyOf(keys, limit * arity);
        }
    }

    @Override
    void clearKey(int id) {
        if (arity == 1) { // the released id must not be found through the cache any more
            int c = mix(keys[id]) & (CACHE - 1);
            if (cacheId[c] == id + 1) {
                cacheId[c] = 0;
            }
        }
    }
}
