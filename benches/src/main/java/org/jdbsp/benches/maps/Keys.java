package org.jdbsp.benches.maps;

/** Deterministic benchmark keys: element {@code i} maps to a distinct pseudo-random {@code long}. */
final class Keys {
    private Keys() {
    }

    /** SplitMix64 finalizer: a bijection, so distinct {@code i} give distinct keys. */
    static long key(long i) {
        long x = i + 0x632BE59BD9B4E019L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** Keys of elements {@code from .. from+n-1}. */
    static long[] longs(int from, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(from + i);
        }
        return keys;
    }
}
