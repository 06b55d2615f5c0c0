package org.jdbsp.benches.maps;

/**
 * Object key shapes (a JMH {@code @Param}). Every call makes a fresh instance, so lookups with a second array
 * exercise {@code equals} rather than the identity shortcut, as deltas arriving from upstream would.
 */
public enum KeyKind {
    /** {@link Pair} record of a pseudo-random long and the element number. */
    PAIR,
    /** Boxed {@link Long} of a pseudo-random long. */
    BOXED;

    /** A new key object for element {@code i}; equal keys for equal {@code i}. */
    public Object key(int i) {
        long k = Keys.key(i);
        return this == PAIR ? new Pair(k, i) : Long.valueOf(k);
    }

    /** Fresh keys of elements {@code from .. from+n-1}. */
    public Object[] keys(int from, int n) {
        Object[] keys = new Object[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(from + i);
        }
        return keys;
    }
}
