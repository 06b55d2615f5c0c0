package org.jdbsp.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading a Z-set as {@link Weighted} entries: for-each, stream, sorted lists, and failing fast on changes. */
class ZSetReadingTest {

    private static ZSet<String> abc() {
        return ZSet.<String>builder(3).add("b", 2).add("a", 1).add("c", -3).build();
    }

    @Test
    void forEachLoopYieldsEveryEntryOnce() {
        Map<String, Long> seen = new HashMap<>();
        for (Weighted<String> e : abc()) {
            assertEquals(null, seen.put(e.element(), e.weight()), "entry seen twice: " + e);
        }
        assertEquals(Map.of("a", 1L, "b", 2L, "c", -3L), seen);
    }

    @Test
    void anEmptyZSetIteratesNothing() {
        Iterator<Weighted<String>> it = new ZSet<String>().iterator();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(0, ZSet.empty().stream().count());
        assertEquals(List.of(), ZSet.<String>empty().toSortedList());
    }

    @Test
    void changingTheZSetDuringALoopFailsFast() {
        List<java.util.function.Consumer<ZSet<String>>> changes = List.of(
                z -> z.add("new", 1),            // a new element
                z -> z.add("a", 5),              // a weight change
                z -> z.add("a", -1),             // an element leaving
                z -> z.addAll(ZSet.of("x", "y")),
                ZSet::clear);
        for (int i = 0; i < changes.size(); i++) {
            ZSet<String> z = abc();
            var change = changes.get(i);
            ConcurrentModificationException e = assertThrows(ConcurrentModificationException.class, () -> {
                for (Weighted<String> ignored : z) {
                    change.accept(z);
                }
            }, "change " + i);
            assertTrue(e.getMessage().contains("modified while iterating"), e.getMessage());
        }
    }

    @Test
    void aChangeAfterTheLastEntryIsSeenByHasNext() {
        ZSet<String> z = ZSet.of("only");
        Iterator<Weighted<String>> it = z.iterator();
        assertEquals(new Weighted<>("only", 1), it.next());
        z.add("other", 1);
        assertThrows(ConcurrentModificationException.class, it::hasNext);
    }

    @Test
    void aFailedAddIsNoChange() {
        ZSet<String> z = ZSet.<String>builder(1).add("a", Long.MAX_VALUE).build();
        Iterator<Weighted<String>> it = z.iterator();
        assertThrows(ArithmeticException.class, () -> z.add("a", 1));
        assertTrue(it.hasNext(), "an overflow leaves the Z-set, and the iteration, as they were");
        assertEquals(new Weighted<>("a", Long.MAX_VALUE), it.next());
    }

    @Test
    void iteratorsDoNotRemove() {
        Iterator<Weighted<String>> it = abc().iterator();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);
    }

    @Test
    void streamGivesTheEntries() {
        ZSet<String> z = abc();
        Map<String, Long> m = z.stream().collect(Collectors.toMap(Weighted::element, Weighted::weight));
        assertEquals(Map.of("a", 1L, "b", 2L, "c", -3L), m);
        assertEquals(0, z.stream().filter(e -> e.weight() > 2).count());
        assertEquals(3, z.stream().count());
    }

    @Test
    void streamIsLateBindingAndFailsFast() {
        ZSet<String> z = abc();
        java.util.stream.Stream<Weighted<String>> s = z.stream();
        z.add("d", 4); // before the terminal operation: seen
        assertEquals(4, s.count());
        assertThrows(ConcurrentModificationException.class, () -> z.stream().forEach(e -> z.add(e.element(), 1)));
    }

    @Test
    void toSortedListSortsByElementAndIsASnapshot() {
        ZSet<String> z = abc();
        List<Weighted<String>> down = z.toSortedList(Comparator.reverseOrder());
        assertEquals(List.of(new Weighted<>("c", -3), new Weighted<>("b", 2), new Weighted<>("a", 1)), down);
        List<Weighted<String>> up = z.toSortedList();
        assertEquals("[a => 1, b => 2, c => -3]", up.toString());
        assertEquals("{a => 1, b => 2, c => -3}", z.toString(), "the same order as toString");
        z.add("0", 1);
        assertEquals(3, up.size(), "a snapshot");
        assertThrows(UnsupportedOperationException.class, () -> up.add(new Weighted<>("z", 1)));
        NullPointerException e = assertThrows(NullPointerException.class, () -> z.toSortedList(null));
        assertTrue(e.getMessage().contains("comparator"), e.getMessage());
    }

    @Test
    void toSortedListByAField() {
        record Row(String name, int dept) {
        }
        ZSet<Row> z = ZSet.of(new Row("x", 3), new Row("y", 1), new Row("z", 2));
        List<Integer> depts = new ArrayList<>();
        for (Weighted<Row> e : z.toSortedList(Comparator.comparingInt(Row::dept))) {
            depts.add(e.element().dept());
        }
        assertEquals(List.of(1, 2, 3), depts);
    }

    @Test
    void weightedRejectsANullElementAndPrintsLikeAZSet() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new Weighted<>(null, 1));
        assertTrue(e.getMessage().contains("element"), e.getMessage());
        assertEquals("a => -2", new Weighted<>("a", -2).toString());
        assertEquals(new Weighted<>("a", 1), new Weighted<>("a", 1));
        assertFalse(new Weighted<>("a", 1).equals(new Weighted<>("a", 2)));
    }

    @Test
    void bothForEachFormsStillCompileAndAgree() {
        ZSet<String> z = abc();
        Map<String, Long> byPair = new HashMap<>();
        z.forEach((e, w) -> byPair.put(e, w)); // WeightedConsumer: no allocation
        Map<String, Long> byEntry = new HashMap<>();
        z.forEach(e -> byEntry.put(e.element(), e.weight())); // Iterable.forEach
        assertEquals(byPair, byEntry);
    }

    /** Random Z-sets (with growth and removals) read three ways: the same entries as slot iteration. */
    @Test
    void randomZSetsReadTheSameEveryWay() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            ZSet<Integer> z = new ZSet<>();
            for (int i = 0, n = random.nextInt(300); i < n; i++) {
                z.add(random.nextInt(100), random.nextInt(5) - 2);
            }
            Map<Integer, Long> bySlot = new HashMap<>();
            for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
                bySlot.put(z.elementAt(s), z.weightAt(s));
            }
            Map<Integer, Long> byLoop = new HashMap<>();
            for (Weighted<Integer> e : z) {
                assertTrue(e.weight() != 0, "seed " + seed);
                byLoop.put(e.element(), e.weight());
            }
            Map<Integer, Long> byStream = z.stream().collect(Collectors.toMap(Weighted::element, Weighted::weight));
            assertEquals(bySlot, byLoop, "seed " + seed);
            assertEquals(bySlot, byStream, "seed " + seed);
            List<Weighted<Integer>> sorted = z.toSortedList(Comparator.naturalOrder());
            assertEquals(z.size(), sorted.size(), "seed " + seed);
            for (int i = 1; i < sorted.size(); i++) {
                assertTrue(sorted.get(i - 1).element() < sorted.get(i).element(), "seed " + seed);
            }
        }
    }
}
