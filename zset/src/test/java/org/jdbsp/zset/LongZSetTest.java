package org.jdbsp.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongZSetTest {

    /** A LongZSet from alternating element, weight pairs. */
    static LongZSet lz(long... pairs) {
        LongZSet z = new LongZSet();
        for (int i = 0; i < pairs.length; i += 2) {
            z.add(pairs[i], pairs[i + 1]);
        }
        return z;
    }

    @Test
    void emptyAndOf() {
        LongZSet e = new LongZSet();
        assertTrue(e.isEmpty());
        assertEquals(0, e.size());
        assertEquals("{}", e.toString());
        assertEquals(new LongZSet(64), e);
        assertEquals(0, e.totalWeight());
        LongZSet z = LongZSet.of(3, 1, 3, -5, 3);
        assertEquals("{-5 => 1, 1 => 1, 3 => 3}", z.toString());
        assertEquals(3, z.size());
        assertEquals(5, z.totalWeight());
        assertEquals(lz(-5, 1, 1, 1, 3, 3), z);
    }

    @Test
    void addToZeroAndExtremeElements() {
        LongZSet z = new LongZSet();
        assertEquals(1, z.add(0, 1));
        assertEquals(-1, z.add(Long.MIN_VALUE, -1));
        assertEquals(2, z.add(Long.MAX_VALUE, 2));
        assertEquals(4, z.add(-1, 4));
        assertEquals("{-9223372036854775808 => -1, -1 => 4, 0 => 1, 9223372036854775807 => 2}", z.toString());
        assertEquals(0, z.add(0, -1));
        assertFalse(z.contains(0));
        assertTrue(z.contains(-1));
        assertEquals(3, z.size());
        assertEquals(0, z.add(7, 0));
        assertEquals(3, z.size());
    }

    @Test
    void groupOperations() {
        LongZSet a = lz(1, 1, 2, 2, 3, -1);
        LongZSet b = lz(2, -2, 3, 4, 4, 1);
        assertEquals(lz(1, 1, 3, 3, 4, 1), a.plus(b));
        assertEquals(lz(1, 1, 2, 4, 3, -5, 4, -1), a.minus(b));
        assertEquals(lz(1, -1, 2, -2, 3, 1), a.negate());
        assertEquals(lz(1, 3, 2, 6, 3, -3), a.scale(3));
        assertEquals(new LongZSet(), a.scale(0));
        assertEquals(new LongZSet(), a.minus(a));
        assertEquals(lz(1, 1, 2, 2, 3, -1), a);
        assertEquals(lz(2, -2, 3, 4, 4, 1), b);
        a.addAll(b);
        assertEquals(lz(1, 1, 3, 3, 4, 1), a);
        a.addAll(b, -1);
        assertEquals(lz(1, 1, 2, 2, 3, -1), a);
        a.addAll(b, 0);
        assertEquals(lz(1, 1, 2, 2, 3, -1), a);
        LongZSet c = a.copy();
        c.add(1, -1);
        assertEquals(1, a.weight(1));
        a.clear();
        assertTrue(a.isEmpty());
    }

    @Test
    void selfAddition() {
        LongZSet a = lz(1, 1, 2, -3);
        a.addAll(a);
        assertEquals(lz(1, 2, 2, -6), a);
        a.addAll(a, -1);
        assertTrue(a.isEmpty());
        LongZSet big = new LongZSet();
        for (long i = 0; i < 1000; i++) {
            big.add(i * 7919, i % 5 - 2);
        }
        LongZSet expected = big.scale(4);
        big.addAll(big, 3);
        assertEquals(expected, big);
    }

    @Test
    void distinctMapFilterFlatMap() {
        LongZSet a = lz(1, 2, 2, -1, 3, 1, 4, 5);
        assertEquals(lz(1, 1, 3, 1, 4, 1), a.distinct());
        assertEquals(a.distinct(), a.distinct().distinct());
        assertEquals(lz(1, 3, 0, 4), a.map(x -> x % 2));
        assertEquals(lz(2, -1, 4, 5), a.filter(x -> x % 2 == 0));
        assertEquals(lz(1, 2, -1, 2, 2, -1, -2, -1, 3, 1, -3, 1, 4, 5, -4, 5), a.flatMap((x, out) -> {
            out.accept(x);
            out.accept(-x);
        }));
        assertEquals(lz(0, 7), a.flatMap((x, out) -> out.accept(0)));
        assertEquals(new LongZSet(), lz(1, 1, 2, -1).map(x -> 9));
    }

    @Test
    void mapToObjAndBoxed() {
        LongZSet a = lz(1, 2, -3, -1);
        assertEquals(ZSetTest.z("1", 2, "-3", -1), a.mapToObj(Long::toString));
        assertEquals(ZSetTest.z(1L, 2, -3L, -1), a.boxed());
        assertEquals(a.hashCode(), a.boxed().hashCode());
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.mapToObj(x -> x == -3 ? null : "v"));
        assertEquals("map function returned null for element -3", e.getMessage());
        assertEquals(lz(1, 2, -3, -1), a);
    }

    @Test
    void indexBy() {
        LongZSet a = lz(10, 1, 11, 2, 20, -1);
        LongIndexedZSet<Long> byTens = a.indexBy(x -> x / 10);
        assertEquals(2, byTens.keyCount());
        assertEquals(ZSetTest.z(10L, 1, 11L, 2), byTens.group(1));
        assertEquals(ZSetTest.z(20L, -1), byTens.group(2));
        assertNull(byTens.group(3));
        assertEquals("{1 -> {10 => 1, 11 => 2}, 2 -> {20 => -1}}", byTens.toString());
        assertEquals(a.boxed(), byTens.flatten((k, v) -> v));
    }

    @Test
    void iteration() {
        LongZSet a = new LongZSet();
        Map<Long, Long> expected = new HashMap<>();
        for (long i = -40; i < 40; i++) {
            a.add(i << 40, i - 100);
            expected.put(i << 40, i - 100);
        }
        Map<Long, Long> bySlot = new HashMap<>();
        for (int s = a.nextSlot(0); s >= 0; s = a.nextSlot(s + 1)) {
            assertNull(bySlot.put(a.elementAt(s), a.weightAt(s)));
        }
        assertEquals(expected, bySlot);
        Map<Long, Long> viaForEach = new HashMap<>();
        a.forEach((e, w) -> assertNull(viaForEach.put(e, w)));
        assertEquals(expected, viaForEach);
    }

    @Test
    void equalsHashCodeToString() {
        LongZSet a = lz(5, 1, -2, 3);
        LongZSet b = lz(-2, 3, 5, 1);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, lz(5, 1));
        assertNotEquals(a, lz(5, 1, -2, 4));
        assertNotEquals(a, lz(5, 1, -3, 3));
        assertNotEquals(a, a.boxed());
        assertNotEquals(a, null);
        assertEquals("{-2 => 3, 5 => 1}", a.toString());
        LongZSet c = lz(5, 1, -2, 3, 8, 8);
        c.add(8, -8);
        assertEquals(a, c);
        assertEquals(a.hashCode(), c.hashCode());
        assertEquals(new LongZSet().hashCode(), ZSet.empty().hashCode());
    }

    @Test
    void overflowOnAddAndScale() {
        LongZSet a = lz(1, Long.MAX_VALUE, 2, 1);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.add(1, 1));
        assertEquals("weight overflow for element 1: 9223372036854775807 + 1 does not fit in a long", e.getMessage());
        assertEquals(lz(1, Long.MAX_VALUE, 2, 1), a);
        e = assertThrows(ArithmeticException.class, () -> a.scale(2));
        assertEquals("weight overflow for element 1: 9223372036854775807 * 2 does not fit in a long", e.getMessage());
        assertThrows(ArithmeticException.class, () -> lz(4, Long.MIN_VALUE).negate());
        assertThrows(ArithmeticException.class, () -> a.totalWeight());
        assertEquals(lz(1, Long.MAX_VALUE, 2, 1), a);
    }

    @Test
    void overflowMidwayThroughAddAllRollsBack() {
        LongZSet target = new LongZSet();
        LongZSet delta = new LongZSet();
        for (long i = 0; i < 200; i++) {
            target.add(i, i % 3 == 0 ? 1 : -1);
            delta.add(i, i % 5 == 0 ? -1 : 2);
        }
        target.add(1000, Long.MIN_VALUE);
        delta.add(1000, -1);
        for (long i = 2000; i < 2100; i++) {
            delta.add(i, 1);
        }
        LongZSet before = target.copy();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> target.addAll(delta));
        assertEquals("weight overflow for element 1000: -9223372036854775808 + -1 does not fit in a long",
                e.getMessage());
        assertEquals(before, target);
        assertEquals(before.toString(), target.toString());
        LongZSet deltaBefore = delta.copy();
        assertThrows(ArithmeticException.class, () -> target.plus(delta));
        assertThrows(ArithmeticException.class, () -> target.minus(delta.negate()));
        assertThrows(ArithmeticException.class, () -> target.addAll(delta, 5));
        assertEquals(before, target);
        assertEquals(deltaBefore, delta);

        LongZSet self = lz(1, 1, 2, 2, 3, Long.MAX_VALUE - 1);
        LongZSet selfBefore = self.copy();
        assertThrows(ArithmeticException.class, () -> self.addAll(self));
        assertEquals(selfBefore, self);
    }

    /** Regression (same as {@link ZSetTest#addAllRollsBackADeltaOfLongMinValue}): undoing a delta of Long.MIN_VALUE. */
    @Test
    void addAllRollsBackADeltaOfLongMinValue() {
        LongZSet probe = lz(1, 1, 2, 1);
        long first = probe.elementAt(probe.nextSlot(0));
        long second = first == 1 ? 2 : 1;
        LongZSet delta = new LongZSet();
        delta.add(1, first == 1 ? Long.MIN_VALUE : 1);
        delta.add(2, first == 2 ? Long.MIN_VALUE : 1);
        assertEquals(first, delta.elementAt(delta.nextSlot(0)), "same layout as the probe");
        LongZSet target = lz(second, Long.MAX_VALUE);
        LongZSet before = target.copy();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> target.addAll(delta));
        assertEquals(before, target, "addAll must roll back; target=" + target);
        assertEquals("weight overflow for element " + second + ": 9223372036854775807 + 1 does not fit in a long",
                e.getMessage(), "the exception must name the element that overflowed, not the rollback");
    }
}
