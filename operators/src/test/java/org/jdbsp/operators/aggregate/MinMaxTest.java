package org.jdbsp.operators.aggregate;

import static org.jdbsp.operators.aggregate.AggregateTestSupport.sale;
import static org.jdbsp.operators.aggregate.AggregateTestSupport.zset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.operators.aggregate.AggregateTestSupport.Rig;
import org.jdbsp.operators.aggregate.AggregateTestSupport.Sale;
import org.jdbsp.operators.join.Pair;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class MinMaxTest {

    @Test
    void deletingTheExtremeExposesTheNextBothModes() {
        for (Mode mode : Mode.values()) {
            Rig<Pair<Integer, Long>> min = new Rig<>(mode, s -> Aggregates.min(s, Sale::region, Sale::amount,
                    Pair::of));
            Rig<Pair<Integer, Long>> max = new Rig<>(mode, s -> Aggregates.max(s, Sale::region, Sale::amount,
                    Pair::of));
            String m = mode.name();
            for (Rig<?> r : new Rig<?>[] {min, max}) {
                r.in.insert(sale(1, 5, 1));
                r.in.insert(sale(1, 3, 2));
                r.in.insert(sale(1, 9, 3));
                r.in.insert(sale(1, 3, 4)); // 3 twice
                r.in.insert(sale(2, Long.MIN_VALUE, 5));
                r.in.insert(sale(2, Long.MAX_VALUE, 6));
            }
            assertEquals(zset(Pair.of(1, 3L), 1, Pair.of(2, Long.MIN_VALUE), 1), min.step(), m);
            assertEquals(zset(Pair.of(1, 9L), 1, Pair.of(2, Long.MAX_VALUE), 1), max.step(), m);

            // one copy of the minimum 3 goes: still 3
            for (Rig<?> r : new Rig<?>[] {min, max}) {
                r.in.delete(sale(1, 3, 2));
            }
            assertEquals(ZSet.of(), min.step(), m);
            assertEquals(ZSet.of(), max.step(), m);

            // the other 3 and the 9 go: min 5, max 5
            for (Rig<?> r : new Rig<?>[] {min, max}) {
                r.in.delete(sale(1, 3, 4));
                r.in.delete(sale(1, 9, 3));
                r.in.delete(sale(2, Long.MIN_VALUE, 5));
                r.in.delete(sale(2, Long.MAX_VALUE, 6));
            }
            assertEquals(zset(Pair.of(1, 3L), -1, Pair.of(1, 5L), 1, Pair.of(2, Long.MIN_VALUE), -1), min.step(), m);
            assertEquals(zset(Pair.of(1, 9L), -1, Pair.of(1, 5L), 1, Pair.of(2, Long.MAX_VALUE), -1), max.step(), m);

            // a new extreme and the deletion of the old one in the same change
            for (Rig<?> r : new Rig<?>[] {min, max}) {
                r.in.update(sale(1, 5, 1), sale(1, 7, 7));
                r.in.insert(sale(1, 6, 8));
            }
            assertEquals(zset(Pair.of(1, 5L), -1, Pair.of(1, 6L), 1), min.step(), m);
            assertEquals(zset(Pair.of(1, 5L), -1, Pair.of(1, 7L), 1), max.step(), m);

            for (Rig<?> r : new Rig<?>[] {min, max}) {
                r.in.delete(sale(1, 7, 7));
                r.in.delete(sale(1, 6, 8));
            }
            assertEquals(zset(Pair.of(1, 6L), -1), min.step(), m);
            assertEquals(zset(Pair.of(1, 7L), -1), max.step(), m);
            assertEquals(ZSet.of(), min.out.view(), m);
            assertEquals(ZSet.of(), max.out.view(), m);
        }
    }

    @Test
    void negativeMultiplicitiesAreIgnoredForTheExtreme() {
        for (Mode mode : Mode.values()) {
            Rig<Pair<Integer, Long>> min = new Rig<>(mode, s -> Aggregates.min(s, Sale::region, Sale::amount,
                    Pair::of));
            String m = mode.name();
            min.in.push(sale(1, 1, 1), -1); // user error: deleting a row never inserted
            min.in.push(sale(1, 4, 2), 3);
            assertEquals(zset(Pair.of(1, 4L), 1), min.step(), m); // count 2 > 0; 1 has multiplicity -1
            min.in.push(sale(1, 4, 2), -2);
            assertEquals(zset(Pair.of(1, 4L), -1), min.step(), m); // count 0: no row
            min.in.push(sale(1, 1, 1), 2);
            assertEquals(zset(Pair.of(1, 1L), 1), min.step(), m);
        }
    }

    @Test
    void failingValueFunctionLeavesStateUnchanged() {
        for (Mode mode : Mode.values()) {
            Rig<String> max = new Rig<>(mode, s -> Aggregates.maxByLong(s, Sale::region, row -> {
                if (row.id() == 99) {
                    throw new IllegalArgumentException("bad value");
                }
                return row.amount();
            }, (k, v) -> k + ":" + v));
            String m = mode.name();
            max.in.insert(sale(1, 10, 1));
            max.in.insert(sale(1, 8, 2));
            assertEquals(ZSet.of("1:10"), max.step(), m);
            max.in.delete(sale(1, 10, 1));
            max.in.insert(sale(1, 50, 99));
            OperatorFailedException e = assertThrows(OperatorFailedException.class, max.circuit::step, m);
            assertTrue(e.operator().startsWith("max#"), e.getMessage());
            max.in.clearPending();
            max.in.delete(sale(1, 10, 1));
            assertEquals(zset("1:10", -1, "1:8", 1), max.step(), m);
        }
    }

    @Test
    void randomMin() {
        AggregateTestSupport.randomIncrementalMatchesNaive("min",
                s -> Aggregates.min(s, Sale::region, Sale::amount, Pair::of));
    }

    @Test
    void randomMax() {
        AggregateTestSupport.randomIncrementalMatchesNaive("max",
                s -> Aggregates.max(s, Sale::region, Sale::amount, Pair::of));
    }

    @Test
    void randomByLong() {
        AggregateTestSupport.randomIncrementalMatchesNaive("minByLong",
                s -> Aggregates.minByLong(s, Sale::region, Sale::amount, (k, v) -> k + ":" + v));
        AggregateTestSupport.randomIncrementalMatchesNaive("maxByLong",
                s -> Aggregates.maxByLong(s, Sale::region, Sale::amount, (k, v) -> k + ":" + v));
    }
}
