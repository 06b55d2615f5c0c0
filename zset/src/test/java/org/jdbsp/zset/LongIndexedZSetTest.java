package org.jdbsp.zset;

import static org.jdbsp.zset.ZSetTest.z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongIndexedZSetTest {

    /** A long-keyed indexed Z-set from key, value, weight triples. */
    @SuppressWarnings("unchecked")
    static <V> LongIndexedZSet<V> liz(Object... triples) {
        LongIndexedZSet<V> r = new LongIndexedZSet<>();
        for (int i = 0; i < triples.length; i += 3) {
            r.add(((Number) triples[i]).longValue(), (V) triples[i + 1], ((Number) triples[i + 2]).longValue());
        }
        return r;
    }

    @Test
    void emptyLongIndexedZSet() {
        LongIndexedZSet<String> e = new LongIndexedZSet<>();
        assertTrue(e.isEmpty());
        assertEquals(0, e.keyCount());
        assertEquals(0, e.entryCount());
        assertNull(e.group(0));
        assertEquals(0, e.weight(0, "v"));
        assertEquals("{}", e.toString());
        assertEquals(new LongIndexedZSet<String>(16), e);
    }

    @Test
    void addGroupsValuesAndDropsEmptyGroups() {
        LongIndexedZSet<String> x = new LongIndexedZSet<>();
        assertEquals(1, x.add(2, "a", 1));
        assertEquals(-2, x.add(2, "b", -2));
        assertEquals(3, x.add(-7, "a", 3));
        assertEquals(5, x.add(Long.MIN_VALUE, "z", 5));
        assertEquals(1, x.add(0, "zero", 1));
        assertEquals(4, x.keyCount());
        assertEquals(5, x.entryCount());
        assertEquals("{-9223372036854775808 -> {z => 5}, -7 -> {a => 3}, 0 -> {zero => 1}, 2 -> {a => 1, b => -2}}",
                x.toString());
        assertEquals(z("a", 1, "b", -2), x.group(2));
        assertEquals(0, x.add(-7, "a", -3));
        assertNull(x.group(-7));
        assertEquals(0, x.add(0, "zero", -1));
        assertEquals(2, x.keyCount());
        assertEquals(-2, x.add(2, "b", 0));
        assertEquals(0, x.add(99, "b", 0));
        assertNull(x.group(99));
        x.clear();
        assertTrue(x.isEmpty());
    }

    @Test
    void groupOperations() {
        LongIndexedZSet<String> a = liz(1, "x", 1, 1, "y", 2, 2, "x", -1);
        LongIndexedZSet<String> b = liz(1, "y", -2, 2, "x", 1, 3, "w", 5);
        assertEquals(liz(1, "x", 1, 3, "w", 5), a.plus(b));
        assertEquals(liz(1, "x", 1, 1, "y", 4, 2, "x", -2, 3, "w", -5), a.minus(b));
        assertEquals(liz(1, "x", -1, 1, "y", -2, 2, "x", 1), a.negate());
        assertEquals(new LongIndexedZSet<String>(), a.minus(a));
        LongIndexedZSet<String> c = a.copy();
        c.addAll(b);
        assertEquals(a.plus(b), c);
        c.addAll(b, -1);
        assertEquals(a, c);
        c.addAll(c);
        assertEquals(liz(1, "x", 2, 1, "y", 4, 2, "x", -2), c);
        c.addAll(c, -1);
        assertTrue(c.isEmpty());
        assertEquals(liz(1, "x", 1, 1, "y", 2, 2, "x", -1), a);
    }

    @Test
    void forEachAndFlatten() {
        LongIndexedZSet<String> a = liz(1, "x", 1, 1, "y", 2, 2, "x", -1);
        Map<String, Long> seen = new HashMap<>();
        a.forEach((k, v, w) -> assertNull(seen.put(k + "/" + v, w)));
        assertEquals(Map.of("1/x", 1L, "1/y", 2L, "2/x", -1L), seen);
        Map<Long, ZSet<String>> groups = new HashMap<>();
        a.forEachGroup((k, g) -> groups.put(k, g.copy()));
        assertEquals(Map.of(1L, z("x", 1, "y", 2), 2L, z("x", -1)), groups);
        assertEquals(z("1x", 1, "1y", 2, "2x", -1), a.flatten((k, v) -> k + v));
        assertEquals(z("y", 2), a.flatten((k, v) -> v));
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.flatten((k, v) -> null));
        assertTrue(e.getMessage().startsWith("flatten function returned null for key "), e.getMessage());
    }

    @Test
    void equalsHashCode() {
        LongIndexedZSet<String> a = liz(1, "x", 1, 2, "y", 2);
        LongIndexedZSet<String> b = liz(2, "y", 2, 1, "x", 1);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, liz(1, "x", 1));
        assertNotEquals(a, liz(1, "x", 1, 2, "y", 3));
        assertNotEquals(a, liz(1, "x", 1, 3, "y", 2));
        assertNotEquals(a, IndexedZSetTest.iz(1L, "x", 1, 2L, "y", 2));
        assertNotEquals(a, null);
    }

    @Test
    void failureGuarantees() {
        LongIndexedZSet<String> a = liz(1, "v", Long.MAX_VALUE);
        NullPointerException npe = assertThrows(NullPointerException.class, () -> a.add(1, null, 1));
        assertEquals("Z-set element must not be null", npe.getMessage());
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.add(1, "v", 1));
        assertEquals("weight overflow for element v: 9223372036854775807 + 1 does not fit in a long", e.getMessage());
        assertEquals(liz(1, "v", Long.MAX_VALUE), a);
    }

    @Test
    void overflowMidwayThroughAddAllRollsBack() {
        LongIndexedZSet<Integer> target = new LongIndexedZSet<>();
        LongIndexedZSet<Integer> delta = new LongIndexedZSet<>();
        for (int k = 0; k < 30; k++) {
            for (int v = 0; v < 10; v++) {
                target.add(k, v, (k + v) % 3 == 0 ? 1 : -1);
                delta.add(k, v, (k * v) % 4 == 0 ? -1 : 2);
            }
        }
        target.add(15, 100, Long.MIN_VALUE);
        delta.add(15, 100, -1);
        for (int k = 100; k < 130; k++) {
            delta.add(k, 0, 1);
        }
        LongIndexedZSet<Integer> before = target.copy();
        LongIndexedZSet<Integer> deltaBefore = delta.copy();
        assertThrows(ArithmeticException.class, () -> target.addAll(delta));
        assertEquals(before, target);
        assertEquals(before.toString(), target.toString());
        assertThrows(ArithmeticException.class, () -> target.plus(delta));
        assertThrows(ArithmeticException.class, () -> target.addAll(delta, 2));
        assertEquals(before, target);
        assertEquals(deltaBefore, delta);
        LongIndexedZSet<Integer> self = liz(1, 1, 1, 2, 2, Long.MIN_VALUE + 1);
        LongIndexedZSet<Integer> selfBefore = self.copy();
        assertThrows(ArithmeticException.class, () -> self.addAll(self));
        assertEquals(selfBefore, self);
    }

    /** Regression (as in {@link ZSetTest#addAllRollsBackADeltaOfLongMinValue}): undoing a delta of Long.MIN_VALUE. */
    @Test
    void addAllRollsBackADeltaOfLongMinValue() {
        LongIndexedZSet<String> probe = liz(1, "v", 1, 2, "v", 1);
        long[] order = new long[2];
        int[] n = {0};
        probe.forEach((k, v, w) -> order[n[0]++] = k);
        LongIndexedZSet<String> delta = new LongIndexedZSet<>();
        delta.add(1, "v", order[0] == 1 ? Long.MIN_VALUE : 1);
        delta.add(2, "v", order[0] == 2 ? Long.MIN_VALUE : 1);
        LongIndexedZSet<String> target = liz(order[1], "v", Long.MAX_VALUE);
        LongIndexedZSet<String> before = target.copy();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> target.addAll(delta));
        assertEquals(before, target, "addAll must roll back; target=" + target);
        assertEquals("weight overflow for element v: 9223372036854775807 + 1 does not fit in a long", e.getMessage());
    }
}
