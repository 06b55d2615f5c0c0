package org.jdbsp.operators.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.WorkerCircuit;
import org.jdbsp.circuit.Workers;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * The local phase of a local-global aggregate ({@link Aggregates#localAggregate}): followed by a global aggregate
 * of its rows it equals the one-phase aggregate, on 1, 2 and 3 workers, with keys that repeat within a step and
 * enough keys to grow its tables; right after an input it runs inside the exchange; it refuses an input that is
 * not append-only. The maximum of counts that only grow, from the counts' insertions
 * ({@link Aggregates#insertionsOfGrowing}) in two phases, equals the maximum of the counts.
 */
class LocalAggregateTest {
    record Sale(long shop, long amount) {
    }

    /** Per shop: count * 10^9 + sum, then the maximum amount as another row (shop + 10^6). */
    record Total(long shop, long value) {
    }

    private static Stream<Total> twoPhase(Stream<Sale> in) {
        Stream<Total> partial = Aggregates.localAggregateByLong(in, Sale::shop,
                (k, v) -> new Total(k, v.getLong(0) * 1_000_000_000L + v.getLong(1)), Agg.count(),
                Agg.sum(Sale::amount));
        Stream<Sale> maxima = Aggregates.localAggregate(in, s -> "shop " + s.shop(),
                (k, v) -> new Sale(Long.parseLong(k.substring(5)), v.getLong(0)), Agg.max(Sale::amount));
        return Linear.union(Aggregates.sumByLong(partial, Total::shop, Total::value, Total::new),
                Aggregates.maxByLong(maxima, Sale::shop, Sale::amount, (k, v) -> new Total(k + 1_000_000, v)));
    }

    private static Stream<Total> onePhase(Stream<Sale> in) {
        return Linear.union(Aggregates.aggregateByLong(in, Sale::shop,
                        (k, v) -> new Total(k, v.getLong(0) * 1_000_000_000L + v.getLong(1)), Agg.count(),
                        Agg.sum(Sale::amount)),
                Aggregates.maxByLong(in, Sale::shop, Sale::amount, (k, v) -> new Total(k + 1_000_000, v)));
    }

    /** The circuit {@code wiring} builds, incremental on 1, 2 and 3 workers, then naive on 2. */
    private static List<CircuitRuntime> runtimes(java.util.function.Consumer<CircuitBuilder> wiring) {
        List<CircuitRuntime> runtimes = new java.util.ArrayList<>();
        for (int workers : new int[] {1, 2, 3}) {
            runtimes.add(Workers.build(workers, Mode.INCREMENTAL, wiring));
        }
        runtimes.add(Workers.build(2, Mode.NAIVE, wiring));
        return runtimes;
    }

    @Test
    void equalsTheOnePhaseAggregateOnAnyWorkerCount() {
        long seed = 80423L;
        List<CircuitRuntime> runtimes = runtimes(b -> {
            InputHandle<Sale> in = b.appendOnlyInput("sales");
            b.output("two", twoPhase(in.stream()));
            b.output("one", onePhase(in.stream()));
        });
        try {
            Random r = new Random(seed);
            for (int step = 0; step < 12; step++) {
                // few hot shops and, from step 4 on, thousands of others: the pass tables grow
                int rows = step < 4 ? 50 : 3000;
                for (int i = 0; i < rows; i++) {
                    long shop = r.nextInt(4) == 0 ? r.nextInt(3) : r.nextInt(step < 4 ? 40 : 5000) - 100;
                    Sale s = new Sale(shop, r.nextInt(1000) - 200);
                    for (CircuitRuntime c : runtimes) c.input("sales", Sale.class).insert(s);
                }
                for (CircuitRuntime c : runtimes) c.step();
                ZSet<Total> expected = runtimes.get(0).output("one", Total.class).view();
                assertTrue(expected.size() > (step < 4 ? 10 : 1000), "step " + step + ": " + expected.size());
                for (int i = 0; i < runtimes.size(); i++) {
                    String at = "step " + step + ", runtime " + i + " (seed " + seed + ")";
                    assertEquals(expected, runtimes.get(i).output("one", Total.class).view(), at);
                    assertEquals(expected, runtimes.get(i).output("two", Total.class).view(), at);
                }
            }
            List<String> schedule = ((WorkerCircuit<?>) runtimes.get(1)).schedule();
            assertTrue(schedule.stream().noneMatch(n -> n.startsWith("local aggregate")),
                    "both local phases read the input and run inside its exchanges: " + schedule);
        } finally {
            runtimes.forEach(CircuitRuntime::close);
        }
    }

    /** The largest count per shop group (shop mod 7), from the counts' insertions in two phases, or directly. */
    private static Stream<Total> maxCount(Stream<Sale> in, boolean growing) {
        Stream<Total> counts = Aggregates.countByLong(in, Sale::shop, Total::new);
        if (!growing) {
            return Aggregates.maxByLong(counts, t -> Math.floorMod(t.shop(), 7), Total::value, Total::new);
        }
        Stream<Total> inserted = Aggregates.insertionsOfGrowing(counts);
        assertTrue(inserted.isAppendOnly() || inserted.circuit().isNaive(), "the insertions are append-only");
        Stream<Total> partial = Aggregates.localAggregateByLong(inserted, t -> Math.floorMod(t.shop(), 7),
                (k, v) -> new Total(k, v.getLong(0)), Agg.max(Total::value));
        return Aggregates.maxByLong(partial, Total::shop, Total::value, Total::new);
    }

    @Test
    void theMaximumOfGrowingCountsNeedsOnlyTheirInsertions() {
        long seed = 7741L;
        List<CircuitRuntime> runtimes = runtimes(b -> {
            InputHandle<Sale> in = b.appendOnlyInput("sales");
            b.output("direct", maxCount(in.stream(), false));
            b.output("inserted", maxCount(in.stream(), true));
        });
        try {
            Random r = new Random(seed);
            for (int step = 0; step < 10; step++) {
                for (int i = 0; i < 2000; i++) {
                    // skewed: a few shops collect most sales, so maxima move between shops of a group
                    long shop = r.nextInt(3) == 0 ? r.nextInt(20) : r.nextInt(4000);
                    Sale s = new Sale(shop, 1);
                    for (CircuitRuntime c : runtimes) c.input("sales", Sale.class).insert(s);
                }
                for (CircuitRuntime c : runtimes) c.step();
                ZSet<Total> expected = runtimes.get(0).output("direct", Total.class).view();
                assertEquals(7, expected.size(), "step " + step);
                for (int i = 0; i < runtimes.size(); i++) {
                    String at = "step " + step + ", runtime " + i + " (seed " + seed + ")";
                    assertEquals(expected, runtimes.get(i).output("direct", Total.class).view(), at);
                    assertEquals(expected, runtimes.get(i).output("inserted", Total.class).view(), at);
                }
            }
        } finally {
            runtimes.forEach(CircuitRuntime::close);
        }
    }

    @Test
    void refusesAnInputThatIsNotAppendOnly() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Sale> in = b.input("sales");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Aggregates.localAggregateByLong(in.stream(), Sale::shop, (k, v) -> k, Agg.count()));
        assertTrue(e.getMessage().contains("not append-only"), e.getMessage());
    }
}
