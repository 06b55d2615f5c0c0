package org.jdbsp.operators.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link KeySpace} of object keys compared with {@code equals} and {@code hashCode} (records, strings, boxed
 * values, composite SQL keys). The key objects are kept in an array indexed by id with their hashes, so
 * {@code equals} runs only on a hash match and {@code hashCode} once per lookup. Cost: as {@link KeySpace}; 4 bytes
 * per id (compressed references) plus the key objects, plus 8 bytes per table slot.
 */
public final class ObjectKeySpace extends KeySpace {
    private Object[] keys = new Object[8];

    public ObjectKeySpace() {
        super(2);
    }

    @Override
    int hashAt(int[] table, int i) {
        return table[2 * i];
    }

    /** The id of {@code key} (not null), adding it if absent. */
    public int id(Object key) {
        int h = mix(key.hashCode());
        int[] t = slots;
        int m = mask;
        int i = h & m;
        for (int e; (e = t[2 * i + 1]) != 0; i = (i + 1) & m) {
            if (t[2 * i] == h) {
                Object k = keys[e - 1];
                if (k == key || k.equals(key)) {
                    return e - 1;
                }
            }
        }
        if (oldSlots != null) {
            int old = findOld(key, h);
            if (old >= 0) {
                return old;
            }
        }
        t[2 * i] = h;
        int id = add(h, i);
        keys[id] = key;
        return id;
    }

    /**
     * Reads ahead what {@link #id} of a key of mixed hash {@code h} will read: its slot and, when the slot holds a
     * key, that key (through its {@code hashCode}). Returns what it read.
     */
    int touch(int h) {
        int e = touchSlot(h);
        int i = h & mask;
        int id = slots[2 * i + 1];
        if (id != 0) {
            Object k = keys[id - 1];
            if (k != null) {
                e += k.hashCode();
            }
        }
        return e;
    }

    /** The id of {@code key}, or -1 if absent. */
    public int find(Object key) {
        int h = mix(Objects.requireNonNull(key, "key").hashCode());
        int[] t = slots;
        int m = mask;
        for (int i = h & m, e; (e = t[2 * i + 1]) != 0; i = (i + 1) & m) {
            if (t[2 * i] == h) {
                Object k = keys[e - 1];
                if (k == key || k.equals(key)) {
                    return e - 1;
                }
            }
        }
        return oldSlots == null ? -1 : findOld(key, h);
    }

    /** The id of {@code key} in the table being drained, or -1. */
    private int findOld(Object key, int h) {
        int[] o = oldSlots;
        for (int i = oldStart(h), e; (e = o[2 * i + 1]) != 0; i = oldNext(i)) {
            if (e > 0 && o[2 * i] == h) {
                Object k = keys[e - 1];
                if (k == key || k.equals(key)) {
                    return e - 1;
                }
            }
        }
        return -1;
    }

    /** The key of a live id. */
    public Object key(int id) {
        return keys[id];
    }

    @Override
    public Object describe(int id) {
        return keys[id];
    }

    @Override
    public int shardHash(int id) {
        return routedBy != null ? routedBy.routingHashOfKey(keys[id]) : java.util.Objects.hashCode(keys[id]);
    }

    @Override
    public void writeKey(int id, org.jdbsp.circuit.state.StateWriter out) {
        out.writeValue(keys[id]);
    }

    @Override
    public int readKey(org.jdbsp.circuit.state.StateReader in) {
        Object k = in.readValue();
        if (k == null) {
            throw in.corrupt("a null key");
        }
        return id(k);
    }

    @Override
    void growKeys(int limit) {
        if (limit > keys.length) {
            keys = Arrays.copyOf(keys, limit);
        }
    }

    @Override
    void clearKey(int id) {
        keys[id] = null;
    }
}
