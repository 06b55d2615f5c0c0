package org.jdbsp.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZSetTest {

    /** A Z-set from alternating element, weight pairs. */
    @SuppressWarnings("unchecked")
    static <T> ZSet<T> z(Object... pairs) {
        ZSet<T> z = new ZSet<>();
        for (int i = 0; i < pairs.length; i += 2) {
            z.add((T) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return z;
    }

    record Row(String name, int dept) {
    }

    // ---- construction and in-place updates -----------------------------------------------------------------

    @Test
    void emptyZSet() {
        ZSet<String> e = ZSet.empty();
        assertTrue(e.isEmpty());
        assertEquals(0, e.size());
        assertEquals(0, e.weight("a"));
        assertFalse(e.contains("a"));
        assertEquals(0, e.totalWeight());
        assertEquals("{}", e.toString());
        assertEquals(new ZSet<String>(), e);
        assertEquals(new ZSet<String>(100), e);
        assertEquals(-1, e.nextSlot(0));
    }

    @Test
    void ofCountsDuplicates() {
        ZSet<String> z = ZSet.of("b", "a", "b", "c", "b");
        assertEquals(3, z.size());
        assertEquals(1, z.weight("a"));
        assertEquals(3, z.weight("b"));
        assertEquals(1, z.weight("c"));
        assertEquals(5, z.totalWeight());
        assertEquals("{a => 1, b => 3, c => 1}", z.toString());
        assertEquals("{}", ZSet.of().toString());
    }

    @Test
    void addToZeroRemovesTheElement() {
        ZSet<String> z = new ZSet<>();
        assertEquals(1, z.add("x", 1));
        assertEquals(-1, z.add("y", -1));
        assertEquals(3, z.add("x", 2));
        assertEquals(2, z.size());
        assertEquals(0, z.add("x", -3));
        assertEquals(1, z.size());
        assertFalse(z.contains("x"));
        assertTrue(z.contains("y"));
        assertEquals(0, z.add("y", 1));
        assertTrue(z.isEmpty());
        assertEquals(ZSet.empty(), z);
        assertEquals(0, z.add("q", 0));
        assertTrue(z.isEmpty());
    }

    @Test
    void addAllInPlace() {
        ZSet<String> a = z("a", 1, "b", 2);
        a.addAll(z("b", -2, "c", 5));
        assertEquals(z("a", 1, "c", 5), a);
        a.addAll(z("a", 1), 3);
        assertEquals(z("a", 4, "c", 5), a);
        a.addAll(z("c", 7), 0);
        assertEquals(z("a", 4, "c", 5), a);
        a.addAll(ZSet.empty());
        assertEquals(z("a", 4, "c", 5), a);
    }

    @Test
    void selfAddition() {
        ZSet<String> a = z("a", 1, "b", -2);
        a.addAll(a);
        assertEquals(z("a", 2, "b", -4), a);
        a.addAll(a, -1);
        assertTrue(a.isEmpty());
        ZSet<Integer> big = new ZSet<>();
        for (int i = 0; i < 1000; i++) {
            big.add(i, i % 7 - 3);
        }
        ZSet<Integer> expected = big.scale(3);
        big.addAll(big, 2);
        assertEquals(expected, big);
    }

    @Test
    void clearKeepsNothing() {
        ZSet<String> a = z("a", 1, "b", 2);
        a.clear();
        assertTrue(a.isEmpty());
        assertEquals("{}", a.toString());
        a.add("c", 1);
        assertEquals(z("c", 1), a);
    }

    @Test
    void copyIsIndependent() {
        ZSet<String> a = z("a", 1);
        ZSet<String> c = a.copy();
        assertNotSame(a, c);
        c.add("a", 1);
        c.add("b", 1);
        assertEquals(z("a", 1), a);
        assertEquals(z("a", 2, "b", 1), c);
    }

    // ---- group operations ----------------------------------------------------------------------------------

    /**
     * plus and minus whose result needs a larger table than the left operand's (built straight into the larger
     * table) or fits it (a clone), against a map, over sizes that fill every slot of small tables.
     */
    @Test
    void plusMinusIntoLargerTables() {
        for (long seed = 1; seed <= 40; seed++) {
            java.util.Random r = new java.util.Random(seed);
            int na = r.nextInt(seed < 20 ? 40 : 3000);
            int nb = r.nextInt(seed < 20 ? 40 : 3000);
            int range = 1 + r.nextInt(2 * (na + nb) + 1);
            ZSet<Integer> a = new ZSet<>();
            ZSet<Integer> b = new ZSet<>();
            Map<Integer, Long> sum = new HashMap<>();
            Map<Integer, Long> diff = new HashMap<>();
            for (int i = 0; i < na; i++) {
                int k = r.nextInt(range);
                long w = 1 + r.nextInt(3);
                a.add(k, w);
                sum.merge(k, w, Long::sum);
                diff.merge(k, w, Long::sum);
            }
            for (int i = 0; i < nb; i++) {
                int k = r.nextInt(range);
                long w = 1 + r.nextInt(3);
                b.add(k, w);
                sum.merge(k, w, Long::sum);
                diff.merge(k, -w, Long::sum);
            }
            sum.values().removeIf(w -> w == 0);
            diff.values().removeIf(w -> w == 0);
            String m = "seed " + seed;
            assertEquals(sum, asMap(a.plus(b)), m);
            assertEquals(diff, asMap(a.minus(b)), m);
            ZSet<Integer> grown = a.plus(b);
            grown.add(-1, 1); // the result is a working table: it takes further rows
            assertEquals(sum.size() + 1, grown.size(), m);
        }
    }

    private static Map<Integer, Long> asMap(ZSet<Integer> z) {
        Map<Integer, Long> m = new HashMap<>();
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            m.put(z.elementAt(s), z.weightAt(s));
        }
        return m;
    }

    @Test
    void plusMinusNegateScale() {
        ZSet<String> a = z("a", 1, "b", 2, "c", -1);
        ZSet<String> b = z("b", -2, "c", 4, "d", 1);
        assertEquals(z("a", 1, "c", 3, "d", 1), a.plus(b));
        assertEquals(z("a", 1, "b", 4, "c", -5, "d", -1), a.minus(b));
        assertEquals(z("a", -1, "b", -2, "c", 1), a.negate());
        assertEquals(z("a", 3, "b", 6, "c", -3), a.scale(3));
        assertEquals(z("a", -2, "b", -4, "c", 2), a.scale(-2));
        assertEquals(ZSet.empty(), a.scale(0));
        assertEquals(a, a.scale(1));
        assertEquals(ZSet.empty(), a.minus(a));
        assertEquals(ZSet.empty(), a.plus(a.negate()));
        // operands are untouched
        assertEquals(z("a", 1, "b", 2, "c", -1), a);
        assertEquals(z("b", -2, "c", 4, "d", 1), b);
    }

    @Test
    void weightTotalWeightAndContains() {
        ZSet<String> a = z("a", 5, "b", -7);
        assertEquals(5, a.weight("a"));
        assertEquals(-7, a.weight("b"));
        assertEquals(0, a.weight("zz"));
        assertEquals(0, a.weight(42)); // another type is simply absent
        assertEquals(-2, a.totalWeight());
        assertTrue(a.contains("b"));
        assertThrows(ArithmeticException.class, () -> z("a", Long.MAX_VALUE, "b", 1).totalWeight());
    }

    @Test
    void weightHashedLooksUpWithTheGivenHash() {
        ZSet<String> a = z("a", 5, "b", -7);
        assertEquals(5, a.weightHashed("a", "a".hashCode()));
        assertEquals(-7, a.weightHashed("b", "b".hashCode()));
        assertEquals(0, a.weightHashed("zz", "zz".hashCode()));
        // the hash is trusted: a wrong one does not find the element
        assertEquals(0, a.weightHashed("a", "a".hashCode() + 1));
        assertThrows(NullPointerException.class, () -> a.weightHashed(null, 0));
    }

    @Test
    void distinctKeepsPositiveSupport() {
        ZSet<String> a = z("a", 3, "b", -2, "c", 1);
        assertEquals(z("a", 1, "c", 1), a.distinct());
        assertEquals(a.distinct(), a.distinct().distinct());
        assertEquals(ZSet.empty(), z("x", -1).distinct());
        assertEquals("{a => 1, c => 1}", a.distinct().toString());
    }

    // ---- linear operators ----------------------------------------------------------------------------------

    @Test
    void mapAddsWeightsOfCollidingImages() {
        ZSet<String> a = z("apple", 2, "avocado", 3, "banana", -1, "blueberry", 1);
        assertEquals(z('a', 5), a.map(s -> s.charAt(0)).filter(c -> c == 'a'));
        assertEquals(z("a", 5), a.map(s -> s.substring(0, 1)));
        assertEquals(z(5, 2, 7, 3, 6, -1, 9, 1), a.map(String::length));
        // images that cancel disappear
        assertEquals(ZSet.empty(), z("x", 1, "y", -1).map(s -> "same"));
    }

    @Test
    void mapRejectsNullImagesWithoutTouchingTheSource() {
        ZSet<String> a = z("a", 1, "b", 2);
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.map(s -> s.equals("b") ? null : s));
        assertEquals("map function returned null for element b", e.getMessage());
        assertEquals(z("a", 1, "b", 2), a);
    }

    @Test
    void filterKeepsWeights() {
        ZSet<Integer> a = z(1, 1, 2, -2, 3, 3, 4, 4);
        assertEquals(z(2, -2, 4, 4), a.filter(i -> i % 2 == 0));
        assertEquals(ZSet.empty(), a.filter(i -> false));
        assertEquals(a, a.filter(i -> true));
    }

    @Test
    void flatMapCarriesTheInputWeight() {
        ZSet<String> a = z("ab", 2, "b", -1);
        ZSet<Character> chars = a.flatMap((s, out) -> {
            for (char c : s.toCharArray()) {
                out.accept(c);
            }
        });
        assertEquals(z('a', 2, 'b', 1), chars);
        // emitting the same output twice doubles its weight
        assertEquals(z("ab!", 4, "b!", -2), a.flatMap((s, out) -> {
            out.accept(s + "!");
            out.accept(s + "!");
        }));
        assertEquals(ZSet.empty(), a.flatMap((s, out) -> { }));
    }

    @Test
    void flatMapRejectsNullOutputs() {
        ZSet<String> a = z("a", 1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.flatMap((s, out) -> out.accept(null)));
        assertEquals("flatMap function emitted null for element a", e.getMessage());
        assertEquals(z("a", 1), a);
    }

    @Test
    void flatMapIterable() {
        ZSet<String> a = z("a,b", 1, "b,c", -3);
        assertEquals(z("a", 1, "b", -2, "c", -3), a.flatMapIterable(s -> List.of(s.split(","))));
        assertEquals(ZSet.empty(), a.flatMapIterable(s -> List.of()));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.flatMapIterable(s -> withNull));
        assertTrue(e.getMessage().startsWith("flatMap function emitted null for element "), e.getMessage());
    }

    @Test
    void mapToOverflowingWeightThrows() {
        ZSet<String> a = z("a", Long.MAX_VALUE, "b", 1);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.map(s -> "x"));
        assertTrue(e.getMessage().startsWith("weight overflow for element x: "), e.getMessage());
        assertEquals(z("a", Long.MAX_VALUE, "b", 1), a);
    }

    // ---- indexing ------------------------------------------------------------------------------------------

    @Test
    void indexByAndFlatten() {
        Row ann = new Row("ann", 1);
        Row bob = new Row("bob", 1);
        Row cid = new Row("cid", 2);
        ZSet<Row> rows = z(ann, 1, bob, 2, cid, -1);
        IndexedZSet<Integer, Row> byDept = rows.indexBy(Row::dept);
        assertEquals(2, byDept.keyCount());
        assertEquals(3, byDept.entryCount());
        assertEquals(z(ann, 1, bob, 2), byDept.group(1));
        assertEquals(z(cid, -1), byDept.group(2));
        assertEquals(null, byDept.group(3));
        assertEquals(2, byDept.weight(1, bob));
        assertEquals(0, byDept.weight(2, bob));
        assertEquals(rows, byDept.flatten((k, v) -> v));
        assertEquals(z("1/ann", 1, "1/bob", 2, "2/cid", -1), byDept.flatten((k, v) -> k + "/" + v.name()));
        assertEquals("{1 -> {Row[name=ann, dept=1] => 1, Row[name=bob, dept=1] => 2}, 2 -> {Row[name=cid, dept=2] => -1}}",
                byDept.toString());

        LongIndexedZSet<Row> byLong = rows.indexByLong(r -> r.dept() * 10L);
        assertEquals(z(ann, 1, bob, 2), byLong.group(10));
        assertEquals(z(cid, -1), byLong.group(20));
        assertEquals(rows, byLong.flatten((k, v) -> v));
        assertEquals(z(10L, 3, 20L, -1), byLong.flatten((k, v) -> k));
    }

    @Test
    void indexByRejectsNullKeys() {
        ZSet<String> a = z("a", 1, "b", 1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.indexBy(s -> s.equals("b") ? null : s));
        assertEquals("key function returned null for element b", e.getMessage());
        assertEquals(z("a", 1, "b", 1), a);
    }

    // ---- iteration -----------------------------------------------------------------------------------------

    @Test
    void iterationBySlotAndForEachSeeEveryEntryOnce() {
        ZSet<Integer> a = new ZSet<>();
        Map<Integer, Long> expected = new HashMap<>();
        for (int i = -50; i < 50; i++) {
            a.add(i, i * 3L + 1);
            expected.put(i, i * 3L + 1);
        }
        Map<Integer, Long> bySlot = new HashMap<>();
        for (int s = a.nextSlot(0); s >= 0; s = a.nextSlot(s + 1)) {
            assertEquals(null, bySlot.put(a.elementAt(s), a.weightAt(s)));
        }
        assertEquals(expected, bySlot);
        Map<Integer, Long> viaForEach = new HashMap<>();
        a.forEach((e, w) -> assertEquals(null, viaForEach.put(e, w)));
        assertEquals(expected, viaForEach);
    }

    // ---- object methods ------------------------------------------------------------------------------------

    @Test
    void equalsAndHashCode() {
        ZSet<String> a = z("a", 1, "b", -2);
        ZSet<String> b = z("b", -2, "a", 1);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, a);
        assertNotEquals(a, z("a", 1, "b", 2));
        assertNotEquals(a, z("a", 1));
        assertNotEquals(a, z("a", 1, "b", -2, "c", 1));
        assertNotEquals(a, z("a", 1, "c", -2));
        assertNotEquals(a, null);
        assertNotEquals(a, "{a => 1, b => -2}");
        assertNotEquals(z(1L, 1), z(1, 1)); // Long vs Integer elements
        assertEquals(ZSet.empty().hashCode(), new ZSet<Integer>().hashCode());
        // a Z-set built by cancelling is equal to one that never had the element
        ZSet<String> c = z("a", 1, "b", -2, "zz", 4);
        c.add("zz", -4);
        assertEquals(a, c);
        assertEquals(a.hashCode(), c.hashCode());
        // equal to the LongZSet of the same entries only through hashCode, never through equals
        assertEquals(z(3L, 2, -7L, -1).hashCode(), LongZSetTest.lz(3, 2, -7, -1).hashCode());
        assertNotEquals(z(3L, 2), LongZSetTest.lz(3, 2));
    }

    @Test
    void toStringIsSortedAndExact() {
        assertEquals("{a => 1, b => -2, c => 3}", z("c", 3, "a", 1, "b", -2).toString());
        assertEquals("{-3 => 1, 2 => 5, 10 => -1}", z(10, -1, -3, 1, 2, 5).toString());
        assertEquals("{Row[name=a, dept=2] => 1, Row[name=b, dept=1] => 1}",
                z(new Row("b", 1), 1, new Row("a", 2), 1).toString());
        assertEquals("{x => -9223372036854775808}", z("x", Long.MIN_VALUE).toString());
    }

    // ---- builder -------------------------------------------------------------------------------------------

    @Test
    void builder() {
        ZSetBuilder<String> b = ZSet.builder(10);
        ZSet<String> z = b.insert("a").insert("b").insert("a").delete("c").add("d", 5).add("d", -5).build();
        assertEquals(z("a", 2, "b", 1, "c", -1), z);
        assertEquals("{a => 2, b => 1, c => -1}", z.toString());
        assertThrows(IllegalStateException.class, () -> b.insert("x"));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("builder already built", e.getMessage());
        assertEquals(z("a", 2, "b", 1, "c", -1), z); // the built Z-set is not affected
        assertEquals(ZSet.empty(), ZSet.builder(0).build());
        ZSetBuilder<String> nb = ZSet.builder(1);
        assertThrows(NullPointerException.class, () -> nb.insert(null));
        assertEquals(ZSet.empty(), nb.build());
        ZSetBuilder<String> ob = ZSet.<String>builder(1).add("m", Long.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> ob.insert("m"));
        assertEquals(z("m", Long.MAX_VALUE), ob.build());
    }

    // ---- failure guarantees --------------------------------------------------------------------------------

    @Test
    void nullElementIsRejectedAndChangesNothing() {
        ZSet<String> a = z("a", 1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.add(null, 1));
        assertEquals("Z-set element must not be null", e.getMessage());
        assertEquals(z("a", 1), a);
        assertThrows(NullPointerException.class, () -> ZSet.of("a", null, "b"));
        assertThrows(NullPointerException.class, () -> a.weight(null));
    }

    @Test
    void overflowOnAddLeavesTheZSetUnchanged() {
        ZSet<String> a = z("a", Long.MAX_VALUE, "b", 1);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.add("a", 1));
        assertEquals("weight overflow for element a: 9223372036854775807 + 1 does not fit in a long", e.getMessage());
        assertEquals(z("a", Long.MAX_VALUE, "b", 1), a);
        ZSet<String> m = z("m", Long.MIN_VALUE);
        assertThrows(ArithmeticException.class, () -> m.add("m", -1));
        assertEquals(z("m", Long.MIN_VALUE), m);
    }

    @Test
    void overflowMidwayThroughAddAllRollsBack() {
        // many elements, one of which overflows; whichever slot order, some entries are applied before it
        ZSet<Integer> target = new ZSet<>();
        ZSet<Integer> delta = new ZSet<>();
        for (int i = 0; i < 200; i++) {
            target.add(i, i % 3 == 0 ? 1 : -1);
            delta.add(i, i % 5 == 0 ? -1 : 2); // cancels some entries of target, creates others
        }
        delta.add(1000, 1);
        target.add(1000, Long.MAX_VALUE);
        for (int i = 2000; i < 2100; i++) {
            delta.add(i, 1); // new elements, inserted and then removed by the rollback
        }
        ZSet<Integer> before = target.copy();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> target.addAll(delta));
        assertEquals("weight overflow for element 1000: 9223372036854775807 + 1 does not fit in a long", e.getMessage());
        assertEquals(before, target);
        assertEquals(before.toString(), target.toString());
        // plus is atomic too: it throws and neither operand changes
        ZSet<Integer> deltaBefore = delta.copy();
        assertThrows(ArithmeticException.class, () -> target.plus(delta));
        assertThrows(ArithmeticException.class, () -> target.minus(delta.negate()));
        assertEquals(before, target);
        assertEquals(deltaBefore, delta);
    }

    @Test
    void overflowOnScaledAddAllRollsBack() {
        ZSet<Integer> target = new ZSet<>();
        ZSet<Integer> delta = new ZSet<>();
        for (int i = 0; i < 100; i++) {
            target.add(i, 1);
            delta.add(i, 1);
        }
        delta.add(50, Long.MAX_VALUE / 2); // 2 * that fits, 3 * that overflows in scaled()
        ZSet<Integer> before = target.copy();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> target.addAll(delta, 3));
        assertEquals("weight overflow for element 50: 4611686018427387904 * 3 does not fit in a long", e.getMessage());
        assertEquals(before, target);
    }

    @Test
    void selfAdditionOverflowRollsBack() {
        ZSet<Integer> a = new ZSet<>();
        for (int i = 0; i < 100; i++) {
            a.add(i, i);
        }
        a.add(77, Long.MAX_VALUE - 77 - 1); // weight MAX - 1: doubling overflows
        ZSet<Integer> before = a.copy();
        assertThrows(ArithmeticException.class, () -> a.addAll(a));
        assertEquals(before, a);
    }

    @Test
    void overflowOnScale() {
        ZSet<String> a = z("a", 1, "b", Long.MAX_VALUE / 2 + 1);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.scale(2));
        assertEquals("weight overflow for element b: 4611686018427387904 * 2 does not fit in a long", e.getMessage());
        assertEquals(z("a", 1, "b", Long.MAX_VALUE / 2 + 1), a);
        assertThrows(ArithmeticException.class, () -> z("m", Long.MIN_VALUE).negate());
        assertEquals(z("m", Long.MIN_VALUE, "n", 2), z("m", Long.MIN_VALUE, "n", 2).scale(1));
        assertEquals(z("a", -Long.MAX_VALUE), z("a", Long.MAX_VALUE).negate());
        assertEquals(z("a", Long.MIN_VALUE), z("a", Long.MIN_VALUE / 2).scale(2));
        assertEquals(z("a", Long.MIN_VALUE), z("a", Long.MIN_VALUE / -2).scale(-2));
        assertThrows(ArithmeticException.class, () -> z("a", Long.MIN_VALUE / 2).scale(-2));
        assertThrows(ArithmeticException.class, () -> z("a", 3).scale(Long.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> z("a", 1L << 32).scale(1L << 32));
    }

    /**
     * Regression (fixed in 3dab940): the rollback of addAll undid each applied delta d with add(e, -d). For
     * d == Long.MIN_VALUE, -d is Long.MIN_VALUE again, so the undo itself overflowed: the rollback threw from
     * inside the catch block and left the Z-set half-updated.
     */
    @Test
    void addAllRollsBackADeltaOfLongMinValue() {
        // find the slot order of two elements, then give the first one (in iteration order) the MIN_VALUE delta
        ZSet<String> probe = new ZSet<>();
        probe.add("p", 1);
        probe.add("q", 1);
        String first = probe.elementAt(probe.nextSlot(0));
        String second = first.equals("p") ? "q" : "p";
        ZSet<String> delta = new ZSet<>();
        delta.add("p", first.equals("p") ? Long.MIN_VALUE : 1);
        delta.add("q", first.equals("q") ? Long.MIN_VALUE : 1);
        assertEquals(first, delta.elementAt(delta.nextSlot(0)), "same layout as the probe");

        ZSet<String> target = z(second, Long.MAX_VALUE); // first: absent (0 + MIN fits), second: overflows
        ZSet<String> before = target.copy();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> target.addAll(delta));
        assertEquals(before, target, "addAll must roll back; target=" + target);
        assertEquals("weight overflow for element " + second + ": 9223372036854775807 + 1 does not fit in a long",
                e.getMessage(), "the exception must name the element that overflowed, not the rollback");
    }

    /** Rows moved with their cached hash land where a plain add would put them, and still consolidate. */
    @Test
    void addHashedUsesTheCachedHashAndConsolidates() {
        ZSet<String> src = z("a", 2, "b", -1, "c", 5);
        ZSet<String> dst = z("a", -2, "d", 1);
        for (int s = src.nextSlot(0); s >= 0; s = src.nextSlot(s + 1)) {
            assertEquals(src.elementAt(s).hashCode(), src.hashAt(s), "hashAt is the element's hashCode");
            dst.addHashed(src.elementAt(s), src.hashAt(s), src.weightAt(s));
        }
        assertEquals(z("b", -1, "c", 5, "d", 1), dst, "a cancelled; lookups by plain hash find the moved rows");
        assertEquals(5, dst.weight("c"));
        assertThrows(NullPointerException.class, () -> dst.addHashed(null, 0, 1));
        ZSet<String> big = z("x", Long.MAX_VALUE);
        ZSet<String> before = big.copy();
        assertThrows(ArithmeticException.class, () -> big.addHashed("x", "x".hashCode(), 1));
        assertEquals(before, big, "an overflowing addHashed changes nothing");
    }
}
