package org.jdbsp.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LongWeightMapTest {

    // ---- literal behaviour ---------------------------------------------------------------------------------

    @Test
    void emptyMap() {
        LongWeightMap m = new LongWeightMap();
        assertEquals(0, m.size());
        assertTrue(m.isEmpty());
        assertEquals(0, m.get(42));
        assertEquals(-1, m.nextSlot(0));
        assertEquals(0, m.remove(42));
    }

    @Test
    void addAccumulatesAndRemovesAtZero() {
        LongWeightMap m = new LongWeightMap();
        assertEquals(3, m.add(7, 3));
        assertEquals(1, m.add(7, -2));
        assertEquals(1, m.size());
        assertEquals(0, m.add(7, -1));
        assertEquals(0, m.size());
        assertEquals(0, m.get(7));
        assertEquals(-1, m.nextSlot(0));
    }

    @Test
    void addZeroDeltaIsAQuery() {
        LongWeightMap m = new LongWeightMap();
        assertEquals(0, m.add(5, 0));
        assertEquals(0, m.size());
        m.add(5, 4);
        assertEquals(4, m.add(5, 0));
        assertEquals(1, m.size());
    }

    @Test
    void putAndRemove() {
        LongWeightMap m = new LongWeightMap();
        assertEquals(0, m.put(1, 10));
        assertEquals(10, m.put(1, -3));
        assertEquals(-3, m.get(1));
        assertEquals(-3, m.put(1, 0));
        assertEquals(0, m.size());
        m.put(2, Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, m.put(2, Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, m.remove(2));
        assertEquals(0, m.remove(2));
        assertTrue(m.isEmpty());
    }

    @Test
    void acceptsEveryKeyValueIncludingZeroAndExtremes() {
        long[] keys = {0, Long.MIN_VALUE, Long.MAX_VALUE, -1, 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};
        LongWeightMap m = new LongWeightMap();
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i + 1, m.add(keys[i], i + 1));
        }
        assertEquals(keys.length, m.size());
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i + 1, m.get(keys[i]), "key " + keys[i]);
        }
        Map<Long, Long> seen = new HashMap<>();
        for (int s = m.nextSlot(0); s >= 0; s = m.nextSlot(s + 1)) {
            seen.put(m.keyAt(s), m.weightAt(s));
        }
        Map<Long, Long> expected = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            expected.put(keys[i], (long) i + 1);
        }
        assertEquals(expected, seen);
        Map<Long, Long> viaForEach = new HashMap<>();
        m.forEach(viaForEach::put);
        assertEquals(expected, viaForEach);
        // key 0 with weight 0 is "absent", never confused with an empty slot
        assertEquals(0, m.add(0, -1));
        assertEquals(0, m.get(0));
        assertEquals(keys.length - 1, m.size());
        for (int i = 1; i < keys.length; i++) {
            assertEquals(i + 1, m.remove(keys[i]));
        }
        assertTrue(m.isEmpty());
    }

    @Test
    void overflowThrowsNamesTheKeyAndLeavesTheEntry() {
        LongWeightMap m = new LongWeightMap();
        m.add(9, Long.MAX_VALUE);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> m.add(9, 1));
        assertEquals("weight overflow for element 9: 9223372036854775807 + 1 does not fit in a long", e.getMessage());
        assertEquals(Long.MAX_VALUE, m.get(9));
        m.put(9, Long.MIN_VALUE);
        assertThrows(ArithmeticException.class, () -> m.add(9, -1));
        assertEquals(Long.MIN_VALUE, m.get(9));
        assertEquals(1, m.size());
        assertEquals(-1, m.add(9, Long.MAX_VALUE));
    }

    @Test
    void copyIsDeep() {
        LongWeightMap m = new LongWeightMap();
        m.add(1, 1);
        m.add(2, 2);
        LongWeightMap c = new LongWeightMap(m);
        c.add(1, -1);
        c.add(3, 3);
        assertEquals(1, m.get(1));
        assertEquals(0, m.get(3));
        assertEquals(2, m.size());
        assertEquals(2, c.size());
    }

    @Test
    void clearKeepsCapacity() {
        LongWeightMap m = new LongWeightMap();
        for (int i = 0; i < 100; i++) {
            m.add(i, 1);
        }
        int cap = m.capacity();
        m.clear();
        assertEquals(0, m.size());
        assertEquals(cap, m.capacity());
        assertEquals(0, m.get(5));
        assertEquals(-1, m.nextSlot(0));
        m.add(5, 2);
        assertEquals(2, m.get(5));
    }

    @Test
    void growingFromEmptyNeverExceeds32BytesPerEntry() {
        LongWeightMap m = new LongWeightMap();
        for (int n = 1; n <= 2_000_000; n++) {
            m.add(n * 7919L, 1);
            if (n >= 64) {
                // 16 bytes per slot: at most 2 slots per entry, at every size
                assertTrue(m.capacity() <= 2L * n, "capacity " + m.capacity() + " for " + n + " entries");
            }
        }
        assertTrue(m.capacity() * 16L <= 32L * 1_000_000 * 2, "sanity");
    }

    @Test
    void ensureCapacityPreventsGrowth() {
        LongWeightMap m = new LongWeightMap();
        m.add(-4, 4);
        m.ensureCapacity(1000);
        int cap = m.capacity();
        assertTrue(cap * (LongWeightMap.LOAD_FACTOR_PERCENT / 100.0) >= 1000, "capacity " + cap);
        for (int i = 0; i < 999; i++) {
            m.add(i * 1_000_003L, 1);
        }
        assertEquals(cap, m.capacity());
        assertEquals(4, m.get(-4));
        assertEquals(1000, m.size());
    }

    @Test
    void presizedConstructor() {
        LongWeightMap m = new LongWeightMap(100);
        int cap = m.capacity();
        assertTrue(cap <= 100 * 2, "presized to the load factor, not rounded up: " + cap);
        for (int i = 0; i < 100; i++) {
            m.add(i, 1);
        }
        assertEquals(cap, m.capacity());
    }

    // ---- randomized stress against java.util.HashMap ---------------------------------------------------------

    /** Multiplicative inverse of an odd number modulo 2^64 (Newton iteration). */
    static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    private static final long GOLDEN_INVERSE = inverse(Hashing.GOLDEN);

    @Test
    void goldenInverse() {
        assertEquals(1L, Hashing.GOLDEN * GOLDEN_INVERSE);
    }

    @Test
    void stressAgainstHashMap() {
        long seed = Long.getLong("jdbsp.seed", System.nanoTime());
        SplittableRandom r = new SplittableRandom(seed);
        long[] extremes = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};
        // every key distribution is chosen so that keys collide in the table
        run("small range", seed, 300_000, 64, () -> r.nextInt(64) - 32, r);
        run("high bits only", seed, 200_000, 256, () -> (long) r.nextInt(256) << 56, r);
        run("multiples of 2^20", seed, 200_000, 4096, () -> (long) r.nextInt(4096) << 20, r);
        run("multiples of 2^32 and 2^40", seed, 200_000, 2048,
                () -> r.nextBoolean() ? (long) r.nextInt(1024) << 32 : (long) (r.nextInt(1024) - 512) << 40, r);
        run("extremes and neighbours", seed, 150_000, 64,
                () -> extremes[r.nextInt(extremes.length)] + r.nextInt(5) - 2, r);
        // keys whose Fibonacci hash has the same top 12 bits all share a home slot in any table of <= 4096 slots;
        // top bits all ones puts the home in the last slot, so the clusters wrap around the end of the table
        run("same home slot, wrapping", seed, 150_000, 512,
                () -> ((0xFFFL << 52) | (r.nextInt(512) * 0x9E37L)) * GOLDEN_INVERSE, r);
        run("two home slots, wrapping", seed, 150_000, 512,
                () -> (((r.nextBoolean() ? 0xFFFL : 0x000L) << 52) | r.nextInt(256)) * GOLDEN_INVERSE, r);
        run("growth to a large table", seed, 200_000, 150_000, () -> r.nextInt(150_000) * 0x10000L, r);
    }

    private static void run(String name, long seed, int ops, int keyRange, LongSupplier keys, SplittableRandom r) {
        long t0 = System.nanoTime();
        String ctx = "[" + name + ", seed " + seed + " (rerun with -Djdbsp.seed=" + seed + ")]";
        LongWeightMap m = r.nextInt(4) == 0 ? new LongWeightMap(r.nextInt(keyRange)) : new LongWeightMap();
        HashMap<Long, Long> ref = new HashMap<>();
        boolean growing = keyRange > 50_000;
        for (int op = 0; op < ops; op++) {
            long key = keys.getAsLong();
            int kind = r.nextInt(100);
            final int o = op;
            Supplier<String> at = () -> ctx + " op " + o + " key " + key;
            long before = ref.getOrDefault(key, 0L);
            if (kind < 60 || (growing && kind < 90) || kind < 75) {
                long delta;
                if (kind < 60 || growing) {
                    delta = growing ? r.nextInt(4) - 1 : r.nextInt(7) - 3;
                } else {
                    delta = r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(3) : Long.MIN_VALUE + r.nextInt(3);
                }
                long expected;
                try {
                    expected = Math.addExact(before, delta);
                } catch (ArithmeticException overflow) {
                    LongWeightMap target = m;
                    ArithmeticException e = assertThrows(ArithmeticException.class, () -> target.add(key, delta), at);
                    assertTrue(e.getMessage().contains("element " + key + ": " + before + " + " + delta),
                            () -> at.get() + " " + e.getMessage());
                    assertEquals(before, m.get(key), () -> at.get() + " unchanged after overflow");
                    continue;
                }
                assertEquals(expected, m.add(key, delta), () -> at.get() + " add " + delta);
                update(ref, key, expected);
            } else if (kind < 85) {
                assertEquals(before, m.remove(key), () -> at.get() + " remove");
                ref.remove(key);
            } else if (kind < 90) {
                long w = r.nextInt(9) - 4;
                assertEquals(before, m.put(key, w), () -> at.get() + " put " + w);
                update(ref, key, w);
            } else if (kind < 99) {
                assertEquals(before, m.get(key), () -> at.get() + " get");
                long other = keys.getAsLong() ^ 1;
                assertEquals(ref.getOrDefault(other, 0L), m.get(other), () -> at.get() + " get " + other);
            } else if (r.nextInt(200) == 0) {
                m.clear();
                ref.clear();
            } else if (r.nextInt(50) == 0) {
                m.ensureCapacity(ref.size() + r.nextInt(keyRange));
            } else if (r.nextInt(50) == 0 && (ref.size() < 20_000 || r.nextInt(20) == 0)) {
                LongWeightMap copy = new LongWeightMap(m);
                checkAll(copy, ref, at.get() + " copy");
                assertEquals(before, copy.remove(key), () -> at.get() + " copy remove");
                assertEquals(0, copy.get(key), () -> at.get() + " copy");
                assertEquals(before, m.get(key), () -> at.get() + " copy is deep");
                if (r.nextBoolean()) {
                    m = copy;
                    ref.remove(key);
                }
            }
            assertEquals(ref.size(), m.size(), () -> at.get() + " size");
            if (op % (ref.size() < 20_000 ? 20_000 : 150_000) == 0) {
                checkAll(m, ref, at.get());
            }
        }
        checkAll(m, ref, ctx + " end");
        // drain to empty through removals of every key: exercises backward shift from every position
        int drained = 0;
        for (Long k : ref.keySet().toArray(new Long[0])) {
            long w = ref.remove(k);
            if (w == Long.MIN_VALUE) {
                assertEquals(w, m.remove(k), () -> ctx + " drain " + k);
            } else {
                assertEquals(0, m.add(k, -w), () -> ctx + " drain " + k);
            }
            assertEquals(0, m.get(k), () -> ctx + " drain " + k);
            if (++drained % 5_000 == 0 && ref.size() < 20_000) {
                checkAll(m, ref, ctx + " drain");
            }
        }
        assertEquals(0, m.size(), ctx + " drained");
        System.out.printf("LongWeightMap stress %-28s %,9d ops %6d ms%n", name, ops, (System.nanoTime() - t0) / 1_000_000);
        assertEquals(-1, m.nextSlot(0), ctx + " drained");
    }

    private static void update(Map<Long, Long> ref, long key, long w) {
        if (w == 0) {
            ref.remove(key);
        } else {
            ref.put(key, w);
        }
    }

    static void checkAll(LongWeightMap m, Map<Long, Long> ref, String at) {
        assertEquals(ref.size(), m.size(), at + " size");
        int cap = m.capacity();
        assertTrue(m.size() < cap, at + " a free slot remains");
        assertTrue(m.size() <= cap * LongWeightMap.LOAD_FACTOR_PERCENT / 100 + 1, at + " load factor");
        int n = 0;
        for (int s = m.nextSlot(0); s >= 0; s = m.nextSlot(s + 1)) {
            n++;
            Long expected = ref.get(m.keyAt(s));
            if (expected == null || expected != m.weightAt(s)) {
                fail(at + " slot " + s + " holds " + m.keyAt(s) + " => " + m.weightAt(s) + ", expected " + expected);
            }
        }
        assertEquals(ref.size(), n, at + " slot count");
        for (Map.Entry<Long, Long> e : ref.entrySet()) {
            assertEquals((long) e.getValue(), m.get(e.getKey()), () -> at + " get " + e.getKey());
        }
        long[] count = {0};
        m.forEach((k, w) -> {
            count[0]++;
            assertEquals(ref.get(k), Long.valueOf(w), () -> at + " forEach " + k);
        });
        assertEquals(ref.size(), count[0], at + " forEach count");
    }
}
