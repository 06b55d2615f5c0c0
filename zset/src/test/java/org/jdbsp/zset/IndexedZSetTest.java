package org.jdbsp.zset;

import static org.jdbsp.zset.ZSetTest.z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexedZSetTest {

    /** An indexed Z-set from key, value, weight triples. */
    @SuppressWarnings("unchecked")
    static <K, V> IndexedZSet<K, V> iz(Object... triples) {
        IndexedZSet<K, V> r = new IndexedZSet<>();
        for (int i = 0; i < triples.length; i += 3) {
            r.add((K) triples[i], (V) triples[i + 1], ((Number) triples[i + 2]).longValue());
        }
        return r;
    }

    @Test
    void emptyIndexedZSet() {
        IndexedZSet<String, String> e = new IndexedZSet<>();
        assertTrue(e.isEmpty());
        assertEquals(0, e.keyCount());
        assertEquals(0, e.entryCount());
        assertNull(e.group("k"));
        assertEquals(0, e.weight("k", "v"));
        assertEquals("{}", e.toString());
        assertEquals(new IndexedZSet<String, String>(10), e);
        assertEquals(new IndexedZSet<String, String>().hashCode(), e.hashCode());
    }

    @Test
    void addGroupsValuesAndDropsEmptyGroups() {
        IndexedZSet<String, String> x = new IndexedZSet<>();
        assertEquals(1, x.add("k1", "a", 1));
        assertEquals(-2, x.add("k1", "b", -2));
        assertEquals(3, x.add("k2", "a", 3));
        assertEquals(2, x.keyCount());
        assertEquals(3, x.entryCount());
        assertEquals("{k1 -> {a => 1, b => -2}, k2 -> {a => 3}}", x.toString());
        assertEquals(z("a", 1, "b", -2), x.group("k1"));
        assertEquals(-2, x.weight("k1", "b"));
        assertEquals(0, x.weight("k2", "b"));
        assertEquals(0, x.add("k2", "a", -3));
        assertNull(x.group("k2"));
        assertEquals(1, x.keyCount());
        assertEquals(1, x.add("k1", "a", 0));
        assertEquals(0, x.add("k9", "a", 0));
        assertNull(x.group("k9"));
        assertEquals("{k1 -> {a => 1, b => -2}}", x.toString());
        x.clear();
        assertTrue(x.isEmpty());
    }

    @Test
    void groupOperations() {
        IndexedZSet<String, Integer> a = iz("k", 1, 1, "k", 2, 2, "m", 1, -1);
        IndexedZSet<String, Integer> b = iz("k", 2, -2, "m", 1, 1, "n", 5, 5);
        assertEquals(iz("k", 1, 1, "n", 5, 5), a.plus(b));
        assertEquals(iz("k", 1, 1, "k", 2, 4, "m", 1, -2, "n", 5, -5), a.minus(b));
        assertEquals(iz("k", 1, -1, "k", 2, -2, "m", 1, 1), a.negate());
        assertEquals(new IndexedZSet<String, Integer>(), a.minus(a));
        assertEquals(new IndexedZSet<String, Integer>(), a.plus(a.negate()));
        assertEquals(iz("k", 1, 1, "k", 2, 2, "m", 1, -1), a);
        assertEquals(iz("k", 2, -2, "m", 1, 1, "n", 5, 5), b);
        IndexedZSet<String, Integer> c = a.copy();
        c.addAll(b);
        assertEquals(a.plus(b), c);
        c.addAll(b, -1);
        assertEquals(a, c);
        c.addAll(b, 0);
        assertEquals(a, c);
        c.addAll(c);
        assertEquals(iz("k", 1, 2, "k", 2, 4, "m", 1, -2), c);
        c.addAll(c, -1);
        assertTrue(c.isEmpty());
        assertEquals(iz("k", 1, 1, "k", 2, 2, "m", 1, -1), a, "copy is deep");
    }

    @Test
    void forEachAndForEachGroupAndFlatten() {
        IndexedZSet<String, Integer> a = iz("k", 1, 1, "k", 2, 2, "m", 1, -1);
        Map<String, Long> seen = new HashMap<>();
        a.forEach((k, v, w) -> assertNull(seen.put(k + "/" + v, w)));
        assertEquals(Map.of("k/1", 1L, "k/2", 2L, "m/1", -1L), seen);
        Map<String, ZSet<Integer>> groups = new HashMap<>();
        a.forEachGroup((k, g) -> groups.put(k, g.copy()));
        assertEquals(Map.of("k", z(1, 1, 2, 2), "m", z(1, -1)), groups);
        assertEquals(z("k1", 1, "k2", 2, "m1", -1), a.flatten((k, v) -> k + v));
        assertEquals(z(1, 0 + 1 - 1, 2, 2), a.flatten((k, v) -> v).plus(z(1, 0)));
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.flatten((k, v) -> null));
        assertTrue(e.getMessage().startsWith("flatten function returned null for key "), e.getMessage());
    }

    @Test
    void equalsHashCode() {
        IndexedZSet<String, Integer> a = iz("k", 1, 1, "m", 2, 2);
        IndexedZSet<String, Integer> b = iz("m", 2, 2, "k", 1, 1);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, iz("k", 1, 1));
        assertNotEquals(a, iz("k", 1, 1, "m", 2, 3));
        assertNotEquals(a, iz("k", 1, 1, "n", 2, 2));
        assertNotEquals(a, null);
        IndexedZSet<String, Integer> c = iz("k", 1, 1, "m", 2, 2, "x", 9, 9);
        c.add("x", 9, -9);
        assertEquals(a, c);
        assertEquals(a.hashCode(), c.hashCode());
    }

    @Test
    void nullKeyOrValueIsRejectedAndChangesNothing() {
        IndexedZSet<String, String> a = iz("k", "v", 1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.add(null, "v", 1));
        assertEquals("indexed Z-set key must not be null", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> a.add("k", null, 1));
        assertEquals("Z-set element must not be null", e.getMessage());
        assertEquals(iz("k", "v", 1), a);
    }

    @Test
    void overflowOnAddChangesNothing() {
        IndexedZSet<String, String> a = iz("k", "v", Long.MAX_VALUE);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.add("k", "v", 1));
        assertEquals("weight overflow for element v: 9223372036854775807 + 1 does not fit in a long", e.getMessage());
        assertEquals(iz("k", "v", Long.MAX_VALUE), a);
        assertThrows(ArithmeticException.class, () -> iz("k", "v", Long.MIN_VALUE).negate());
    }

    @Test
    void overflowMidwayThroughAddAllRollsBack() {
        IndexedZSet<Integer, Integer> target = new IndexedZSet<>();
        IndexedZSet<Integer, Integer> delta = new IndexedZSet<>();
        for (int k = 0; k < 30; k++) {
            for (int v = 0; v < 10; v++) {
                target.add(k, v, (k + v) % 3 == 0 ? 1 : -1);
                delta.add(k, v, (k * v) % 4 == 0 ? -1 : 2);
            }
        }
        target.add(15, 100, Long.MAX_VALUE);
        delta.add(15, 100, 1);
        for (int k = 100; k < 130; k++) {
            delta.add(k, 0, 1); // new groups, created and then removed by the rollback
        }
        IndexedZSet<Integer, Integer> before = target.copy();
        IndexedZSet<Integer, Integer> deltaBefore = delta.copy();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> target.addAll(delta));
        assertEquals("weight overflow for element 100: 9223372036854775807 + 1 does not fit in a long", e.getMessage());
        assertEquals(before, target);
        assertEquals(before.toString(), target.toString());
        assertThrows(ArithmeticException.class, () -> target.plus(delta));
        assertThrows(ArithmeticException.class, () -> target.minus(delta.negate()));
        assertThrows(ArithmeticException.class, () -> target.addAll(delta, 3));
        assertEquals(before, target);
        assertEquals(deltaBefore, delta);

        IndexedZSet<Integer, Integer> self = iz(1, 1, 1, 2, 2, 2, 3, 3, Long.MAX_VALUE - 1);
        IndexedZSet<Integer, Integer> selfBefore = self.copy();
        assertThrows(ArithmeticException.class, () -> self.addAll(self));
        assertEquals(selfBefore, self);
    }

    /** Regression (as in {@link ZSetTest#addAllRollsBackADeltaOfLongMinValue}): undoing a delta of Long.MIN_VALUE. */
    @Test
    void addAllRollsBackADeltaOfLongMinValue() {
        IndexedZSet<String, String> probe = iz("p", "v", 1, "q", "v", 1);
        String[] order = new String[2];
        int[] n = {0};
        probe.forEach((k, v, w) -> order[n[0]++] = k);
        IndexedZSet<String, String> delta = new IndexedZSet<>();
        delta.add("p", "v", order[0].equals("p") ? Long.MIN_VALUE : 1);
        delta.add("q", "v", order[0].equals("q") ? Long.MIN_VALUE : 1);
        IndexedZSet<String, String> target = iz(order[1], "v", Long.MAX_VALUE);
        IndexedZSet<String, String> before = target.copy();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> target.addAll(delta));
        assertEquals(before, target, "addAll must roll back; target=" + target);
        assertEquals("weight overflow for element v: 9223372036854775807 + 1 does not fit in a long", e.getMessage());
    }
}
