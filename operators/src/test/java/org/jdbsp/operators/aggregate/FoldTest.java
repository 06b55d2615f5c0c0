package org.jdbsp.operators.aggregate;

import static org.jdbsp.operators.aggregate.AggregateTestSupport.sale;
import static org.jdbsp.operators.aggregate.AggregateTestSupport.zset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.operators.aggregate.AggregateTestSupport.Rig;
import org.jdbsp.operators.aggregate.AggregateTestSupport.Sale;
import org.jdbsp.operators.join.Pair;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class FoldTest {
    /** Sum of squares: invertible. */
    static final Fold<Sale, Long, Long> SUM_SQUARES = Fold.invertible(() -> 0L,
            (acc, row, w) -> acc + row.amount() * row.amount() * w, acc -> acc);

    /** The distinct amounts as a sorted list: not invertible (recomputed from the group's rows). */
    static final Fold<Sale, TreeMap<Long, Long>, List<Long>> DISTINCT_AMOUNTS = Fold.of(TreeMap::new,
            (acc, row, w) -> {
                TreeMap<Long, Long> next = new TreeMap<>(acc);
                next.merge(row.amount(), w, (a, b) -> a + b == 0 ? null : a + b);
                return next;
            },
            acc -> {
                List<Long> r = new java.util.ArrayList<>();
                acc.forEach((v, c) -> {
                    if (c > 0) {
                        r.add(v);
                    }
                });
                return r;
            });

    /**
     * A mutable accumulator: the count, sum and sum of squares of a group's amounts, updated in place
     * ({@link Fold#invertibleInPlace}). Compared by value.
     */
    static final class Moments {
        final long[] v = new long[3];

        Moments copy() {
            Moments m = new Moments();
            System.arraycopy(v, 0, m.v, 0, 3);
            return m;
        }

        void update(Sale s, long w) {
            if (s.id() < 0) {
                v[0] += w; // changed before the failure: the committed accumulator must not see it
                throw new IllegalStateException("bad step");
            }
            v[0] += w;
            v[1] += s.amount() * w;
            v[2] += s.amount() * s.amount() * w;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Moments m && java.util.Arrays.equals(v, m.v);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(v);
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(v);
        }
    }

    static final Fold<Sale, Moments, List<Long>> MOMENTS = Fold.invertibleInPlace(Moments::new, Moments::copy,
            Moments::update, m -> List.of(m.v[0], m.v[1], m.v[2]));

    /** The same fold with the accumulator itself as the result. */
    static final Fold<Sale, Moments, Moments> MOMENTS_ACC = Fold.invertibleInPlace(Moments::new, Moments::copy,
            Moments::update, m -> m);

    @Test
    void inPlaceFoldLiteralBothModes() {
        for (Mode mode : Mode.values()) {
            Rig<Pair<Integer, List<Long>>> f = new Rig<>(mode, s -> Aggregates.fold(s, Sale::region, MOMENTS));
            String m = mode.name();
            f.in.insert(sale(1, 3, 1));
            f.in.push(sale(1, 2, 2), 2);
            f.in.insert(sale(2, 1, 3));
            assertEquals(zset(Pair.of(1, List.of(3L, 7L, 17L)), 1, Pair.of(2, List.of(1L, 1L, 1L)), 1), f.step(), m);
            f.in.delete(sale(1, 3, 1));
            assertEquals(zset(Pair.of(1, List.of(3L, 7L, 17L)), -1, Pair.of(1, List.of(2L, 4L, 8L)), 1), f.step(), m);
            f.in.delete(sale(2, 1, 3));
            f.in.insert(sale(2, 1, 4)); // the same values: the group's row does not change
            assertEquals(ZSet.of(), f.step(), m);
        }
    }

    @Test
    void inPlaceFoldFailingStepLeavesCommittedAccumulator() {
        for (Mode mode : Mode.values()) {
            Rig<Pair<Integer, Moments>> f = new Rig<>(mode, s -> Aggregates.fold(s, Sale::region, MOMENTS_ACC));
            String m = mode.name();
            f.in.insert(sale(1, 10, 1));
            ZSet<Pair<Integer, Moments>> first = f.step();
            Moments committed = first.elementAt(first.nextSlot(0)).right();
            f.in.insert(sale(1, 5, 2));
            f.in.insert(sale(1, 5, -1));
            assertThrows(OperatorFailedException.class, f.circuit::step, m);
            assertEquals(List.of(1L, 10L, 100L), List.of(committed.v[0], committed.v[1], committed.v[2]),
                    m + ": an emitted accumulator changed");
            f.in.clearPending();
            f.in.insert(sale(1, 5, 2));
            ZSet<Pair<Integer, Moments>> next = f.step();
            Moments before = new Moments();
            before.v[0] = 1;
            before.v[1] = 10;
            before.v[2] = 100;
            Moments after = new Moments();
            after.v[0] = 2;
            after.v[1] = 15;
            after.v[2] = 125;
            assertEquals(zset(Pair.of(1, before), -1, Pair.of(1, after), 1), next, m);
            assertEquals(List.of(1L, 10L, 100L), List.of(committed.v[0], committed.v[1], committed.v[2]),
                    m + ": a later step changed an emitted accumulator");
        }
    }

    @Test
    void randomInPlace() {
        AggregateTestSupport.randomIncrementalMatchesNaive("fold in place",
                s -> Aggregates.fold(s, Sale::region, MOMENTS));
    }

    @Test
    void invertibleFoldLiteralBothModes() {
        for (Mode mode : Mode.values()) {
            Rig<Pair<Integer, Long>> f = new Rig<>(mode, s -> Aggregates.fold(s, Sale::region, SUM_SQUARES));
            String m = mode.name();
            f.in.insert(sale(1, 3, 1));
            f.in.push(sale(1, 2, 2), 2);
            f.in.insert(sale(2, 1, 3));
            assertEquals(zset(Pair.of(1, 17L), 1, Pair.of(2, 1L), 1), f.step(), m);
            f.in.delete(sale(1, 3, 1));
            f.in.update(sale(2, 1, 3), sale(2, -1, 4)); // same square: no change
            assertEquals(zset(Pair.of(1, 17L), -1, Pair.of(1, 8L), 1), f.step(), m);
            f.in.push(sale(1, 2, 2), -2);
            assertEquals(zset(Pair.of(1, 8L), -1), f.step(), m);
            assertEquals(ZSet.of(Pair.of(2, 1L)), f.out.view(), m);
        }
    }

    @Test
    void recomputedFoldLiteralBothModes() {
        for (Mode mode : Mode.values()) {
            Rig<String> f = new Rig<>(mode, s -> Aggregates.fold(s, Sale::region, DISTINCT_AMOUNTS,
                    (k, v) -> k + "=" + v));
            String m = mode.name();
            f.in.insert(sale(1, 3, 1));
            f.in.insert(sale(1, 2, 2));
            f.in.insert(sale(1, 3, 3));
            assertEquals(ZSet.of("1=[2, 3]"), f.step(), m);
            f.in.delete(sale(1, 3, 1));
            assertEquals(ZSet.of(), f.step(), m); // 3 still there once: same result, no output
            f.in.delete(sale(1, 3, 3));
            f.in.insert(sale(1, 9, 4));
            assertEquals(zset("1=[2, 3]", -1, "1=[2, 9]", 1), f.step(), m);
            f.in.delete(sale(1, 2, 2));
            f.in.delete(sale(1, 9, 4));
            assertEquals(zset("1=[2, 9]", -1), f.step(), m);
            assertEquals(ZSet.of(), f.out.view(), m);
        }
    }

    @Test
    void failingStepLeavesStateUnchanged() {
        for (Mode mode : Mode.values()) {
            for (boolean invertible : new boolean[] {true, false}) {
                Fold.Step<Sale, Long> step = (acc, row, w) -> {
                    if (row.id() == 99) {
                        throw new IllegalStateException("bad step");
                    }
                    return acc + row.amount() * w;
                };
                Fold<Sale, Long, Long> sum = invertible ? Fold.invertible(() -> 0L, step, a -> a)
                        : Fold.of(() -> 0L, step, a -> a);
                Rig<Pair<Integer, Long>> f = new Rig<>(mode, s -> Aggregates.fold(s, Sale::region, sum));
                String m = mode + " invertible=" + invertible;
                f.in.insert(sale(1, 10, 1));
                f.step();
                f.in.insert(sale(1, 5, 2));
                f.in.insert(sale(1, 5, 99));
                OperatorFailedException e = assertThrows(OperatorFailedException.class, f.circuit::step, m);
                assertTrue(e.operator().startsWith("fold#"), e.getMessage());
                f.in.clearPending();
                f.in.insert(sale(1, 5, 2));
                assertEquals(zset(Pair.of(1, 10L), -1, Pair.of(1, 15L), 1), f.step(), m);
            }
        }
    }

    @Test
    void randomInvertible() {
        AggregateTestSupport.randomIncrementalMatchesNaive("fold invertible",
                s -> Aggregates.fold(s, Sale::region, SUM_SQUARES));
    }

    @Test
    void randomRecomputed() {
        AggregateTestSupport.randomIncrementalMatchesNaive("fold recomputed",
                s -> Aggregates.fold(s, Sale::region, DISTINCT_AMOUNTS, Pair::of));
    }
}
