package org.jdbsp.operators.spi;

import java.util.Arrays;

/**
 * A {@link KeySpace} of {@code long} keys, or of pairs of {@code long}s ({@link #pairs()}), never boxed: the keys
 * are a {@code long[]} indexed by id (two slots per id for pairs). Cost: as {@link KeySpace}; 8 (or 16) bytes per
 * id for the keys plus 8 bytes per table slot.
 */
public final class LongKeySpace extends KeySpace {
    private final int arity;
    private long[] keys = new long[16];

    private LongKeySpace(int arity) {
        this.arity = arity;
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
        int[] t = slots;
        int m = mask;
        int i = h & m;
        for (int e; (e = t[2 * i + 1]) != 0; i = (i + 1) & m) {
            if (t[2 * i] == h && keys[e - 1] == key) {
                return e - 1;
            }
        }
        int id = add(h, i);
        keys[id] = key;
        return id;
    }

    /** The id of {@code key}, or -1 if absent. */
    public int find(long key) {
        int h = mix(key);
        int[] t = slots;
        int m = mask;
        for (int i = h & m, e; (e = t[2 * i + 1]) != 0; i = (i + 1) & m) {
            if (t[2 * i] == h && keys[e - 1] == key) {
                return e - 1;
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
    void growKeys(int limit) {
        if (limit * arity > keys.length) {
            keys = Arrays.copyOf(keys, limit * arity);
        }
    }

    @Override
    void clearKey(int id) {
    }
}
