package org.jdbsp.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ObjectWeightMapTest {

    /** A key whose hash code is chosen by the test, so collisions are under control. */
    record Key(int hash, int id) {
        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "Key(" + hash + "#" + id + ")";
        }
    }

    @Test
    void emptyMap() {
        ObjectWeightMap<String> m = new ObjectWeightMap<>();
        assertEquals(0, m.size());
        assertTrue(m.isEmpty());
        assertEquals(0, m.get("a"));
        assertEquals(0, m.remove("a"));
        assertEquals(-1, m.nextSlot(0));
    }

    @Test
    void addAccumulatesAndRemovesAtZero() {
        ObjectWeightMap<String> m = new ObjectWeightMap<>();
        assertEquals(2, m.add("a", 2));
        assertEquals(-1, m.add("b", -1));
        assertEquals(5, m.add("a", 3));
        assertEquals(0, m.add("a", -5));
        assertEquals(1, m.size());
        assertEquals(0, m.get("a"));
        assertEquals(-1, m.get("b"));
        assertEquals(0, m.add("c", 0));
        assertEquals(-1, m.add("b", 0));
        assertEquals(1, m.size());
        assertEquals(-1, m.remove("b"));
        assertTrue(m.isEmpty());
    }

    @Test
    void nullKeyIsRejectedEverywhere() {
        ObjectWeightMap<String> m = new ObjectWeightMap<>();
        m.add("a", 1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> m.add(null, 1));
        assertEquals("Z-set element must not be null", e.getMessage());
        assertThrows(NullPointerException.class, () -> m.get(null));
        assertThrows(NullPointerException.class, () -> m.remove(null));
        assertEquals(1, m.size());
        assertEquals(1, m.get("a"));
    }

    @Test
    void overflowThrowsNamesTheKeyAndLeavesTheEntry() {
        ObjectWeightMap<String> m = new ObjectWeightMap<>();
        m.add("x", Long.MIN_VALUE);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> m.add("x", -2));
        assertEquals("weight overflow for element x: -9223372036854775808 + -2 does not fit in a long",
                e.getMessage());
        assertEquals(Long.MIN_VALUE, m.get("x"));
        assertEquals(1, m.size());
    }

    @Test
    void equalButNotIdenticalKeysAreTheSameEntry() {
        ObjectWeightMap<String> m = new ObjectWeightMap<>();
        String a1 = new String("abc");
        String a2 = new String("abc");
        m.add(a1, 1);
        assertEquals(2, m.add(a2, 1));
        assertEquals(1, m.size());
        // distinct keys with the same hash code are different entries
        Key k1 = new Key(7, 1);
        Key k2 = new Key(7, 2);
        ObjectWeightMap<Key> km = new ObjectWeightMap<>();
        km.add(k1, 1);
        km.add(k2, 2);
        assertEquals(2, km.size());
        assertEquals(1, km.get(new Key(7, 1)));
        assertEquals(2, km.get(new Key(7, 2)));
        assertEquals(0, km.get(new Key(7, 3)));
    }

    @Test
    void copyIsIndependentAndClearKeepsCapacity() {
        ObjectWeightMap<String> m = new ObjectWeightMap<>();
        for (int i = 0; i < 50; i++) {
            m.add("e" + i, i + 1);
        }
        ObjectWeightMap<String> c = new ObjectWeightMap<>(m);
        c.add("e0", -1);
        c.add("new", 1);
        assertEquals(1, m.get("e0"));
        assertEquals(0, m.get("new"));
        assertEquals(50, m.size());
        assertEquals(50, c.size());
        int cap = m.capacity();
        m.clear();
        assertEquals(cap, m.capacity());
        assertEquals(0, m.size());
        assertEquals(0, m.get("e3"));
        assertEquals(-1, m.nextSlot(0));
        assertEquals(4, c.get("e3"));
    }

    @Test
    void ensureCapacityPreventsGrowth() {
        ObjectWeightMap<Integer> m = new ObjectWeightMap<>(10);
        m.ensureCapacity(500);
        int cap = m.capacity();
        for (int i = 0; i < 500; i++) {
            m.add(i, 1);
        }
        assertEquals(cap, m.capacity());
        assertEquals(500, m.size());
    }

    /**
     * A copy in the source's slot order into a new table that starts small and grows (what a map or filter does
     * from its input Z-set) keeps probes short. The new table is filled with the first keys of a larger source,
     * as it is between two growths of such a copy. With the home slot taken from the high bits of a
     * multiplicative hash, those keys all had homes in the first few slots of the new table and piled up into
     * one cluster: each insert walked it, a quadratic copy.
     */
    @Test
    void slotOrderCopyKeepsProbesShort() {
        for (int n : new int[] {20_000, 100_000}) {
            ObjectWeightMap<Long> source = new ObjectWeightMap<>();
            for (long i = 0; i < n; i++) {
                source.add(i * 0x9E3779B97F4A7C15L, 1); // Long hash codes spread over all 32 bits
            }
            for (int m : new int[] {100, 1_000, 5_000}) {
                ObjectWeightMap<Long> copy = new ObjectWeightMap<>(m);
                int capacity = copy.capacity();
                int copied = 0;
                for (int s = source.nextSlot(0); s >= 0 && copied < m; s = source.nextSlot(s + 1), copied++) {
                    copy.add(source.keyAt(s), source.hashAt(s), source.weightAt(s));
                }
                assertEquals(capacity, copy.capacity(), "no growth");
                double d = copy.meanDisplacement();
                assertTrue(d < 2, "first " + m + " of " + n + " keys: mean displacement " + d);
            }
        }
    }

    // ---- gradual growth of large tables ---------------------------------------------------------------------

    @Test
    void largeTableGrowsGraduallyAndKeepsEveryEntryMeanwhile() {
        long seed = Long.getLong("jdbsp.seed", System.nanoTime());
        String ctx = "[seed " + seed + " (rerun with -Djdbsp.seed=" + seed + ")]";
        SplittableRandom r = new SplittableRandom(seed);
        ObjectWeightMap<Key> m = new ObjectWeightMap<>();
        HashMap<Key, Long> ref = new HashMap<>();
        int id = 0;
        int movesSeen = 0;
        int checksWhileMoving = 0;
        // insert past three gradual growths (to 2^17, 2^18 and 2^19 slots), with 1 hash code per 3 keys
        while (ref.size() < 200_000) {
            boolean wasMoving = m.moving();
            Key k = new Key(id / 3, id);
            id++;
            assertEquals(1, m.add(k, 1), ctx);
            ref.put(k, 1L);
            if (!wasMoving && m.moving()) {
                movesSeen++;
                // the add that started the growth moved nothing yet: every older entry is still in the old table
                assertTrue(m.capacity() >= ObjectWeightMap.INCREMENTAL_FROM, ctx);
            }
            if (m.moving() && r.nextInt(4_000) == 0) {
                checksWhileMoving++;
                churnWhileMoving(m, ref, r, id, ctx);
                checkAll(m, ref, ctx + " while moving, " + ref.size() + " entries");
                ObjectWeightMap<Key> copy = new ObjectWeightMap<>(m);
                checkAll(copy, ref, ctx + " copy while moving");
                copy.add(new Key(-5, -5), 1);
                assertEquals(0, m.get(new Key(-5, -5)), ctx + " copy is independent");
            }
        }
        assertEquals(3, movesSeen, ctx + " gradual growths");
        assertTrue(checksWhileMoving > 5, ctx + " checks while moving: " + checksWhileMoving);
        checkAll(m, ref, ctx + " end");
        // a growth under way is finished by nothing but adds; clear drops it
        while (!m.moving()) {
            Key k = new Key(id / 3, id);
            id++;
            m.add(k, 1);
            ref.put(k, 1L);
        }
        checkAll(m, ref, ctx + " moving before clear");
        m.clear();
        assertEquals(0, m.size(), ctx);
        assertEquals(-1, m.nextSlot(0), ctx);
        assertEquals(0, m.get(new Key(0, 0)), ctx);
        assertEquals(1, m.add(new Key(0, 0), 1), ctx);
    }

    /** Adds to, overflows, removes and reads keys that are likely still in the old table. */
    private static void churnWhileMoving(ObjectWeightMap<Key> m, HashMap<Key, Long> ref, SplittableRandom r,
            int ids, String ctx) {
        for (int i = 0; i < 50; i++) {
            int old = r.nextInt(ids);
            Key k = new Key(old / 3, old); // an equal, not identical, key
            long before = ref.getOrDefault(k, 0L);
            assertEquals(before, m.get(k), ctx + " get " + k);
            switch (r.nextInt(4)) {
                case 0 -> {
                    assertEquals(before + 2, m.add(k, 2), ctx + " add " + k);
                    ref.put(k, before + 2);
                }
                case 1 -> {
                    assertEquals(before, m.remove(k), ctx + " remove " + k);
                    ref.remove(k);
                }
                case 2 -> {
                    if (before > 0) {
                        assertThrows(ArithmeticException.class, () -> m.add(k, Long.MAX_VALUE), ctx + " " + k);
                        assertEquals(before, m.get(k), ctx + " unchanged after overflow " + k);
                    }
                }
                default -> {
                    if (before != 0) {
                        assertEquals(0, m.add(k, -before), ctx + " add to zero " + k);
                        ref.remove(k);
                    }
                }
            }
        }
    }

    // ---- randomized stress against java.util.HashMap ---------------------------------------------------------

    @Test
    void stressAgainstHashMap() {
        long seed = Long.getLong("jdbsp.seed", System.nanoTime());
        SplittableRandom r = new SplittableRandom(seed);
        run("8 hash codes x 64 ids", seed, 250_000, 512, () -> new Key(r.nextInt(8), r.nextInt(64)), r);
        run("one hash code", seed, 80_000, 200, () -> new Key(-1, r.nextInt(200)), r);
        run("hashes differing in high bits", seed, 200_000, 1024,
                () -> new Key(r.nextInt(256) << 24, r.nextInt(4)), r);
        run("hashes multiple of 2^16", seed, 200_000, 4096, () -> new Key(r.nextInt(4096) << 16, 0), r);
        run("small Long range", seed, 300_000, 64, () -> (long) (r.nextInt(64) - 32), r);
        run("Longs with equal hash codes", seed, 250_000, 1024, () -> {
            long hi = r.nextInt(32);
            long lo = r.nextInt(32);
            return (hi << 32) | (lo ^ hi); // Long.hashCode = hi ^ lo: 32 distinct hash codes for 1024 keys
        }, r);
        run("growth to a large table", seed, 250_000, 150_000, () -> r.nextInt(150_000), r);
    }

    private static <K> void run(String name, long seed, int ops, int keyRange, Supplier<K> keys,
            SplittableRandom r) {
        long t0 = System.nanoTime();
        String ctx = "[" + name + ", seed " + seed + " (rerun with -Djdbsp.seed=" + seed + ")]";
        ObjectWeightMap<K> m = r.nextInt(4) == 0 ? new ObjectWeightMap<>(r.nextInt(keyRange)) : new ObjectWeightMap<>();
        HashMap<K, Long> ref = new HashMap<>();
        boolean growing = keyRange > 50_000;
        for (int op = 0; op < ops; op++) {
            K key = keys.get();
            int kind = r.nextInt(100);
            final int o = op;
            Supplier<String> at = () -> ctx + " op " + o + " key " + key;
            long before = ref.getOrDefault(key, 0L);
            if (kind < 60 || (growing && kind < 90) || kind < 70) {
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
                    ObjectWeightMap<K> target = m;
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
            } else if (kind < 98) {
                assertEquals(before, m.get(key), () -> at.get() + " get");
            } else if (r.nextInt(200) == 0) {
                m.clear();
                ref.clear();
            } else if (r.nextInt(50) == 0) {
                m.ensureCapacity(ref.size() + r.nextInt(keyRange));
            } else if (r.nextInt(50) == 0 && (ref.size() < 20_000 || r.nextInt(20) == 0)) {
                ObjectWeightMap<K> copy = new ObjectWeightMap<>(m);
                checkAll(copy, ref, at.get() + " copy");
                assertEquals(before, copy.remove(key), () -> at.get() + " copy remove");
                assertEquals(before, m.get(key), () -> at.get() + " copy is independent");
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
        int drained = 0;
        for (Object k : ref.keySet().toArray()) {
            @SuppressWarnings("unchecked")
            K key = (K) k;
            long w = ref.remove(key);
            assertEquals(w, m.remove(key), () -> ctx + " drain " + key);
            assertEquals(0, m.get(key), () -> ctx + " drain " + key);
            if (++drained % 5_000 == 0 && ref.size() < 20_000) {
                checkAll(m, ref, ctx + " drain");
            }
        }
        assertEquals(0, m.size(), ctx + " drained");
        assertEquals(-1, m.nextSlot(0), ctx + " drained");
        System.out.printf("ObjectWeightMap stress %-30s %,9d ops %6d ms%n", name, ops, (System.nanoTime() - t0) / 1_000_000);
    }

    private static <K> void update(Map<K, Long> ref, K key, long w) {
        if (w == 0) {
            ref.remove(key);
        } else {
            ref.put(key, w);
        }
    }

    static <K> void checkAll(ObjectWeightMap<K> m, Map<K, Long> ref, String at) {
        assertEquals(ref.size(), m.size(), at + " size");
        int cap = m.capacity();
        assertEquals(1, Integer.bitCount(cap), at + " capacity power of two");
        assertTrue(m.size() <= cap * ObjectWeightMap.LOAD_FACTOR_PERCENT / 100 + 1, at + " load factor");
        int n = 0;
        for (int s = m.nextSlot(0); s >= 0; s = m.nextSlot(s + 1)) {
            n++;
            Long expected = ref.get(m.keyAt(s));
            if (expected == null || expected != m.weightAt(s)) {
                fail(at + " slot " + s + " holds " + m.keyAt(s) + " => " + m.weightAt(s) + ", expected " + expected);
            }
        }
        assertEquals(ref.size(), n, at + " slot count");
        for (Map.Entry<K, Long> e : ref.entrySet()) {
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
