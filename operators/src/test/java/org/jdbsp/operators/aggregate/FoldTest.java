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
