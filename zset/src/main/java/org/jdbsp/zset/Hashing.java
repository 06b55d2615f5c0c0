package org.jdbsp.zset;

/** Hash mixing and table sizing shared by the open-addressing tables. */
final class Hashing {
    /** 2^64 / golden ratio: Fibonacci hashing spreads sequential keys over the table. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;
    static final int MIN_CAPACITY = 2;
    static final int MAX_CAPACITY = 1 << 30;

    private Hashing() {
    }

    /** Smallest power of two >= max(MIN_CAPACITY, n / loadFactor). */
    static int capacityFor(int expectedSize, float loadFactor) {
        long needed = (long) Math.ceil(expectedSize / (double) loadFactor) + 1;
        if (needed > MAX_CAPACITY) {
            throw new IllegalStateException("table cannot hold " + expectedSize + " entries");
        }
        int cap = MIN_CAPACITY;
        while (cap < needed) {
            cap <<= 1;
        }
        return cap;
    }

    /**
     * The murmur3 finaliser of a 32-bit hash: every output bit depends on every input bit, so the low bits alone
     * make a good home slot in a power-of-two table.
     */
    static int mix32(int hash) {
        int h = hash ^ (hash >>> 16);
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** Mixes a 64-bit hash for use in order-independent sums (Z-set hashCode). */
    static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
