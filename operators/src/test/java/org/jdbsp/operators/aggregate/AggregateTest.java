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

class AggregateTest {

    @Test
    void countSumAverageLiteralBothModes() {
        for (Mode mode : Mode.values()) {
            Rig<Pair<Integer, Long>> count = new Rig<>(mode, s -> Aggregates.count(s, Sale::region, Pair::of));
            Rig<Pair<Integer, Long>> sum = new Rig<>(mode, s -> Aggregates.sum(s, Sale::region, Sale::amount,
                    Pair::of));
            Rig<Pair<Integer, Long>> avg = new Rig<>(mode, s -> Aggregates.average(s, Sale::region, Sale::amount,
                    Pair::of));
            Rig<?>[] all = {count, sum, avg};
            for (Rig<?> r : all) {
                r.in.insert(sale(1, 10, 1));
                r.in.insert(sale(1, 5, 2));
                r.in.push(sale(2, 7, 3), 2); // weight 2 counts twice
            }
            String m = mode.name();
            assertEquals(zset(Pair.of(1, 2L), 1, Pair.of(2, 2L), 1), count.step(), m);
            assertEquals(zset(Pair.of(1, 15L), 1, Pair.of(2, 14L), 1), sum.step(), m);
            assertEquals(zset(Pair.of(1, 7L), 1, Pair.of(2, 7L), 1), avg.step(), m); // 15/2 truncated

            for (Rig<?> r : all) {
                r.in.delete(sale(1, 10, 1));
                r.in.insert(sale(3, -3, 4));
                r.in.insert(sale(3, -2, 5));
            }
            assertEquals(zset(Pair.of(1, 2L), -1, Pair.of(1, 1L), 1, Pair.of(3, 2L), 1), count.step(), m);
            assertEquals(zset(Pair.of(1, 15L), -1, Pair.of(1, 5L), 1, Pair.of(3, -5L), 1), sum.step(), m);
            // -5 / 2 truncates toward zero: -2
            assertEquals(zset(Pair.of(1, 7L), -1, Pair.of(1, 5L), 1, Pair.of(3, -2L), 1), avg.step(), m);

            // an update that keeps count and sum: no output change
            for (Rig<?> r : all) {
                r.in.update(sale(3, -3, 4), sale(3, -3, 6));
            }
            assertEquals(ZSet.of(), count.step(), m);
            assertEquals(ZSet.of(), sum.step(), m);
            assertEquals(ZSet.of(), avg.step(), m);

            // the last row of group 2 goes: the group disappears (no row with count 0)
            for (Rig<?> r : all) {
                r.in.push(sale(2, 7, 3), -2);
            }
            assertEquals(zset(Pair.of(2, 2L), -1), count.step(), m);
            assertEquals(zset(Pair.of(2, 14L), -1), sum.step(), m);
            assertEquals(zset(Pair.of(2, 7L), -1), avg.step(), m);
            assertEquals(zset(Pair.of(1, 1L), 1, Pair.of(3, 2L), 1), count.out.view(), m);
        }
    }

    @Test
    void sumOfZeroIsARowWhileTheGroupHasRows() {
        for (Mode mode : Mode.values()) {
            Rig<Pair<Integer, Long>> sum = new Rig<>(mode, s -> Aggregates.sum(s, Sale::region, Sale::amount,
                    Pair::of));
            sum.in.insert(sale(1, 0, 1));
            assertEquals(zset(Pair.of(1, 0L), 1), sum.step(), mode.name());
            sum.in.delete(sale(1, 0, 1));
            assertEquals(zset(Pair.of(1, 0L), -1), sum.step(), mode.name());
        }
    }

    @Test
    void byLongVariantsLiteralBothModes() {
        for (Mode mode : Mode.values()) {
            Rig<String> count = new Rig<>(mode, s -> Aggregates.countByLong(s, Sale::region, (k, v) -> k + ":" + v));
            Rig<String> sum = new Rig<>(mode, s -> Aggregates.sumByLong(s, Sale::region, Sale::amount,
                    (k, v) -> k + ":" + v));
            Rig<String> avg = new Rig<>(mode, s -> Aggregates.averageByLong(s, Sale::region, Sale::amount,
                    (k, v) -> k + ":" + v));
            Rig<String> min = new Rig<>(mode, s -> Aggregates.minByLong(s, Sale::region, Sale::amount,
                    (k, v) -> k + ":" + v));
            Rig<String> max = new Rig<>(mode, s -> Aggregates.maxByLong(s, Sale::region, Sale::amount,
                    (k, v) -> k + ":" + v));
            Rig<?>[] all = {count, sum, avg, min, max};
            for (Rig<?> r : all) {
                r.in.insert(sale(1, 10, 1));
                r.in.insert(sale(1, -4, 2));
                r.in.insert(sale(2, 3, 3));
            }
            String m = mode.name();
            assertEquals(ZSet.of("1:2", "2:1"), count.step(), m);
            assertEquals(ZSet.of("1:6", "2:3"), sum.step(), m);
            assertEquals(ZSet.of("1:3", "2:3"), avg.step(), m);
            assertEquals(ZSet.of("1:-4", "2:3"), min.step(), m);
            assertEquals(ZSet.of("1:10", "2:3"), max.step(), m);
            for (Rig<?> r : all) {
                r.in.delete(sale(1, -4, 2));
            }
            assertEquals(zset("1:2", -1, "1:1", 1), count.step(), m);
            assertEquals(zset("1:6", -1, "1:10", 1), sum.step(), m);
            assertEquals(zset("1:3", -1, "1:10", 1), avg.step(), m);
            assertEquals(zset("1:-4", -1, "1:10", 1), min.step(), m);
            assertEquals(ZSet.of(), max.step(), m);
        }
    }

    @Test
    void countAllAndSumAllBothModes() {
        for (Mode mode : Mode.values()) {
            Rig<Long> count = new Rig<>(mode, s -> Aggregates.countAll(s, v -> v));
            Rig<Long> sum = new Rig<>(mode, s -> Aggregates.sumAll(s, Sale::amount, v -> v));
            String m = mode.name();
            assertEquals(ZSet.of(), count.step(), m); // empty input: no row (not 0)
            for (Rig<?> r : new Rig<?>[] {count, sum}) {
                r.in.insert(sale(1, 10, 1));
                r.in.insert(sale(2, 5, 2));
            }
            assertEquals(ZSet.of(2L), count.step(), m);
            assertEquals(ZSet.of(15L), sum.step(), m);
            for (Rig<?> r : new Rig<?>[] {count, sum}) {
                r.in.delete(sale(1, 10, 1));
                r.in.delete(sale(2, 5, 2));
            }
            assertEquals(zset(2L, -1), count.step(), m);
            assertEquals(zset(15L, -1), sum.step(), m);
        }
    }

    @Test
    void negativeGroupIsEmptyUntilCorrected() {
        for (Mode mode : Mode.values()) {
            Rig<Pair<Integer, Long>> sum = new Rig<>(mode, s -> Aggregates.sum(s, Sale::region, Sale::amount,
                    Pair::of));
            String m = mode.name();
            sum.in.insert(sale(1, 10, 1));
            sum.step();
            // two deletes of a row inserted once: count -1, the group has no row
            sum.in.push(sale(1, 10, 1), -2);
            assertEquals(zset(Pair.of(1, 10L), -1), sum.step(), m);
            sum.in.insert(sale(1, 4, 2)); // count 0: still no row
            assertEquals(ZSet.of(), sum.step(), m);
            sum.in.insert(sale(1, 10, 1)); // the row of id 1 is back to weight 0; only (4, id 2) remains
            assertEquals(zset(Pair.of(1, 4L), 1), sum.step(), m);
        }
    }

    @Test
    void sumOverflowFailsTheStepAndLeavesStateUnchanged() {
        for (Mode mode : Mode.values()) {
            Rig<Pair<Integer, Long>> sum = new Rig<>(mode, s -> Aggregates.sum(s, Sale::region, Sale::amount,
                    Pair::of));
            sum.in.insert(sale(1, Long.MAX_VALUE, 1));
            sum.step();
            sum.in.insert(sale(1, 1, 2));
            OperatorFailedException e = assertThrows(OperatorFailedException.class, sum.circuit::step);
            assertTrue(e.operator().startsWith("sum#"), e.getMessage());
            sum.in.clearPending();
            sum.in.insert(sale(1, -1, 3));
            assertEquals(zset(Pair.of(1, Long.MAX_VALUE), -1, Pair.of(1, Long.MAX_VALUE - 1), 1), sum.step(),
                    mode.name());
        }
    }

    @Test
    void failingUserFunctionNamesOperatorAndLeavesStateUnchanged() {
        for (Mode mode : Mode.values()) {
            for (int which = 0; which < 3; which++) {
                final int w = which;
                Rig<String> sum = new Rig<>(mode, s -> Aggregates.sum(s,
                        row -> {
                            if (w == 0 && row.id() == 99) {
                                throw new IllegalStateException("bad key");
                            }
                            return row.region();
                        },
                        row -> {
                            if (w == 1 && row.id() == 99) {
                                throw new IllegalStateException("bad value");
                            }
                            return row.amount();
                        },
                        (k, v) -> {
                            if (w == 2 && v == 1234) {
                                throw new IllegalStateException("bad result");
                            }
                            return k + ":" + v;
                        }));
                String m = mode + " " + which;
                sum.in.insert(sale(1, 10, 1));
                assertEquals(ZSet.of("1:10"), sum.step(), m);
                sum.in.insert(sale(1, 1224, 99));
                sum.in.insert(sale(2, 5, 98));
                OperatorFailedException e = assertThrows(OperatorFailedException.class, sum.circuit::step, m);
                assertTrue(e.operator().startsWith("sum#"), e.getMessage());
                assertTrue(e.getCause().getMessage().startsWith("bad"), e.getMessage());
                sum.in.clearPending();
                sum.in.insert(sale(2, 5, 98));
                sum.in.insert(sale(1, 1, 3));
                assertEquals(zset("1:10", -1, "1:11", 1, "2:5", 1), sum.step(), m);
                assertEquals(ZSet.of("1:11", "2:5"), sum.out.view(), m);
            }
        }
    }

    @Test
    void stateIsOneEntryPerGroup() {
        Rig<Pair<Integer, Long>> sum = new Rig<>(Mode.INCREMENTAL, s -> Aggregates.sum(s, Sale::region,
                Sale::amount, Pair::of));
        for (int i = 0; i < 10; i++) {
            sum.in.insert(sale(i % 3, i, i));
        }
        sum.step();
        assertEquals(3L, sum.circuit.stateRowsByOperator().entrySet().stream()
                .filter(e -> e.getKey().startsWith("sum#")).mapToLong(java.util.Map.Entry::getValue).sum());
    }

    @Test
    void randomCount() {
        AggregateTestSupport.randomIncrementalMatchesNaive("count",
                s -> Aggregates.count(s, Sale::region, Pair::of));
    }

    @Test
    void randomSum() {
        AggregateTestSupport.randomIncrementalMatchesNaive("sum",
                s -> Aggregates.sum(s, Sale::region, Sale::amount, Pair::of));
    }

    @Test
    void randomAverage() {
        AggregateTestSupport.randomIncrementalMatchesNaive("average",
                s -> Aggregates.average(s, Sale::region, Sale::amount, Pair::of));
    }

    @Test
    void randomByLong() {
        AggregateTestSupport.randomIncrementalMatchesNaive("countByLong",
                s -> Aggregates.countByLong(s, Sale::region, (k, v) -> k + ":" + v));
        AggregateTestSupport.randomIncrementalMatchesNaive("sumByLong",
                s -> Aggregates.sumByLong(s, Sale::region, Sale::amount, (k, v) -> k + ":" + v));
        AggregateTestSupport.randomIncrementalMatchesNaive("averageByLong",
                s -> Aggregates.averageByLong(s, Sale::region, Sale::amount, (k, v) -> k + ":" + v));
        AggregateTestSupport.randomIncrementalMatchesNaive("countAll", s -> Aggregates.countAll(s, v -> v));
        AggregateTestSupport.randomIncrementalMatchesNaive("sumAll", s -> Aggregates.sumAll(s, Sale::amount,
                v -> v));
    }
}
