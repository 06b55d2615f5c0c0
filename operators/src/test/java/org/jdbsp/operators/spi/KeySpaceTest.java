package org.jdbsp.operators.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Key spaces against a {@link HashMap} model over random adds and releases large enough to grow and shrink the
 * table: ids are dense, stable while the key is held, reused after release; {@link KeySpace#clear} restarts ids
 * at 0; {@link Touched} numbers each step's groups in order of first touch.
 */
class KeySpaceTest {
    record Pair(long a, String b) {
    }

    @Test
    void objectAndLongSpacesAgreeWithAMap() {
        for (long seed = 1; seed <= 10; seed++) {
            Random r = new Random(seed);
            ObjectKeySpace objects = new ObjectKeySpace();
            LongKeySpace longs = new LongKeySpace();
            LongKeySpace pairs = LongKeySpace.pairs();
            Map<Long, Integer> model = new HashMap<>();
            Map<Long, Integer> pairModel = new HashMap<>();
            List<Long> held = new ArrayList<>();
            for (int i = 0; i < 40_000; i++) {
                String at = "seed " + seed + ", op " + i;
                // grow to ~15k keys, then shrink to a few: the table grows and shrinks on the way
                boolean add = held.isEmpty() || (i < 20_000 ? r.nextInt(4) != 0 : r.nextInt(4) == 0);
                if (add) {
                    long k = r.nextLong() % 100_000;
                    int id = longs.id(k);
                    assertEquals(id, objects.id(new Pair(k, "k" + k)), at);
                    assertEquals(id, pairs.id(k, -k), at);
                    Integer known = model.putIfAbsent(k, id);
                    if (known != null) {
                        assertEquals(known.intValue(), id, at + ": a held key keeps its id");
                    } else {
                        held.add(k);
                    }
                    pairModel.put(k, id);
                } else {
                    long k = held.remove(r.nextInt(held.size()));
                    int id = model.remove(k);
                    pairModel.remove(k);
                    longs.release(id);
                    objects.release(id);
                    pairs.release(id);
                    assertFalse(longs.isLive(id), at);
                    assertEquals(-1, longs.find(k), at);
                    assertEquals(-1, objects.find(new Pair(k, "k" + k)), at);
                }
                assertEquals(model.size(), longs.size(), at);
                assertEquals(model.size(), objects.size(), at);
                assertTrue(longs.idLimit() <= Math.max(1, 2 * 15_000), at);
            }
            for (Map.Entry<Long, Integer> e : model.entrySet()) {
                int id = e.getValue();
                assertEquals(id, longs.find(e.getKey()), "seed " + seed);
                assertEquals(e.getKey().longValue(), longs.key(id), "seed " + seed);
                assertEquals(new Pair(e.getKey(), "k" + e.getKey()), objects.key(id), "seed " + seed);
                assertEquals(e.getKey().longValue(), pairs.first(id), "seed " + seed);
                assertEquals(-e.getKey(), pairs.second(id), "seed " + seed);
            }
            int live = 0;
            for (int id = longs.nextLive(0); id >= 0; id = longs.nextLive(id + 1)) {
                assertTrue(model.containsValue(id), "seed " + seed);
                live++;
            }
            assertEquals(model.size(), live, "seed " + seed);
        }
    }

    /** A key whose hash has few distinct values: long clusters, which the draining must keep reachable. */
    record Crowded(long k) {
        @Override
        public int hashCode() {
            return (int) (k % 4_099);
        }
    }

    /**
     * Past {@link KeySpace#INCREMENTAL_FROM} slots the table grows by draining the old one a few slots per add:
     * every key stays findable with its id while it drains, releases during the drain (tombstones) and adds that
     * find a key still in the old table agree with the model, and a clear in the middle of a drain starts over.
     */
    @Test
    void incrementalGrowthKeepsEveryKeyWhileDraining() {
        for (long seed = 1; seed <= 4; seed++) {
            Random r = new Random(seed);
            ObjectKeySpace objects = new ObjectKeySpace();
            ObjectKeySpace crowded = new ObjectKeySpace();
            LongKeySpace longs = new LongKeySpace();
            LongKeySpace pairs = LongKeySpace.pairs();
            Map<Long, Integer> model = new HashMap<>();
            List<Long> held = new ArrayList<>();
            int drainingOps = 0;
            for (int i = 0; i < 400_000; i++) {
                String at = "seed " + seed + ", op " + i;
                if (i == 250_000 && longs.oldSlots == null) {
                    // make the clear land in a drain: add until one starts
                    while (longs.oldSlots == null) {
                        long k = 1_000_000_000L + held.size();
                        int id = longs.id(k);
                        assertEquals(id, objects.id(new Pair(k, "k" + k)), at);
                        assertEquals(id, crowded.id(new Crowded(k)), at);
                        assertEquals(id, pairs.id(k, ~k), at);
                        model.put(k, id);
                        held.add(k);
                    }
                }
                if (i == 250_000) {
                    longs.clear();
                    objects.clear();
                    crowded.clear();
                    pairs.clear();
                    model.clear();
                    held.clear();
                    assertEquals(null, longs.oldSlots, at);
                }
                if (longs.oldSlots != null) {
                    drainingOps++;
                }
                int op = r.nextInt(10);
                if (held.isEmpty() || op < 6) {
                    long k = r.nextLong() % 3_000_000;
                    int id = longs.id(k);
                    assertEquals(id, objects.id(new Pair(k, "k" + k)), at);
                    assertEquals(id, crowded.id(new Crowded(k)), at);
                    assertEquals(id, pairs.id(k, ~k), at);
                    Integer known = model.putIfAbsent(k, id);
                    if (known != null) {
                        assertEquals(known.intValue(), id, at + ": a held key keeps its id");
                    } else {
                        held.add(k);
                    }
                } else if (op < 8) {
                    int x = r.nextInt(held.size());
                    long k = held.get(x);
                    held.set(x, held.get(held.size() - 1));
                    held.remove(held.size() - 1);
                    int id = model.remove(k);
                    longs.release(id);
                    objects.release(id);
                    crowded.release(id);
                    pairs.release(id);
                    assertEquals(-1, longs.find(k), at);
                    assertEquals(-1, objects.find(new Pair(k, "k" + k)), at);
                    assertEquals(-1, crowded.find(new Crowded(k)), at);
                } else {
                    long k = held.get(r.nextInt(held.size()));
                    int id = model.get(k);
                    assertEquals(id, longs.find(k), at);
                    assertEquals(id, objects.find(new Pair(k, "k" + k)), at);
                    assertEquals(id, crowded.find(new Crowded(k)), at);
                    assertEquals(id, pairs.id(k, ~k), at);
                }
                assertEquals(model.size(), longs.size(), at);
                assertEquals(model.size(), crowded.size(), at);
            }
            assertTrue(drainingOps > 10_000, "seed " + seed + ": only " + drainingOps + " ops while draining");
            for (Map.Entry<Long, Integer> e : model.entrySet()) {
                long k = e.getKey();
                assertEquals(e.getValue().intValue(), longs.find(k), "seed " + seed + ", key " + k);
                assertEquals(e.getValue().intValue(), objects.find(new Pair(k, "k" + k)));
                assertEquals(e.getValue().intValue(), crowded.find(new Crowded(k)));
            }
        }
    }

    @Test
    void clearRestartsIdsAndReleaseChecksTheId() {
        LongKeySpace s = new LongKeySpace();
        for (long k = 0; k < 10_000; k++) {
            s.id(k * 7);
        }
        s.clear();
        assertEquals(0, s.size());
        assertEquals(0, s.idLimit());
        assertEquals(-1, s.find(7));
        assertEquals(0, s.id(123));
        assertEquals(1, s.id(7));
        assertThrows(IllegalArgumentException.class, () -> s.release(5));
        s.release(0);
        assertThrows(IllegalArgumentException.class, () -> s.release(0));
    }

    @Test
    void touchedNumbersGroupsInOrderOfFirstTouchAndForgetsThemAtClear() {
        Touched t = new Touched();
        assertEquals(0, t.touch(40));
        assertEquals(1, t.touch(3));
        assertEquals(0, t.touch(40));
        assertEquals(2, t.size());
        assertEquals(3, t.id(1));
        assertEquals(-1, t.orderOf(7));
        t.clear();
        assertEquals(0, t.size());
        assertEquals(-1, t.orderOf(40));
        assertEquals(0, t.touch(3));
    }
}
