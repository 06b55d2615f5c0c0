package org.jdbsp.propertytests.families;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.propertytests.families.JoinFamilyProperties.Ids;
import org.jdbsp.propertytests.families.Twin.Fact;
import org.jdbsp.propertytests.families.Twin.Plan;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoint, restore, continue: for every operator family (joins of every kind, aggregates with every function,
 * folds, the ungrouped aggregate, distinct, top-k of every kind, integrals and delays; and with watermarks, window
 * aggregates, window and interval joins, window top-N and sessions, which drop state; and a recursive circuit's
 * histories), on one and two workers, over long and object keys, multisets, negative weights and append-only
 * inputs, a circuit restored at a seeded step continues exactly as the one never stopped ({@link Restart}).
 * Runs of 24 steps of up to 3,000 changes grow every table before the checkpoint.
 */
class CheckpointProperties {
    @TempDir
    Path dir;

    private static Plan plan(String input, int inputs) {
        Plan p = Plan.of(inputs);
        return switch (input) {
            case "negative" -> p.withNegative();
            case "appendOnly" -> p.withAppendOnly();
            default -> p;
        };
    }

    @ParameterizedTest(name = "{0} join, long keys {1}, input {2}, workers {3}")
    @CsvSource({"inner,true,multiset,1", "inner,false,negative,2", "left,true,negative,1", "left,false,multiset,2",
            "full,true,multiset,2", "full,false,negative,1", "semi,true,multiset,1", "anti,false,multiset,2",
            "lookup,true,appendOnly,1", "right,false,appendOnly,2"})
    void joins(String kind, boolean longKeys, String input, int workers) {
        long bytes = Restart.check(kind + " join", 101, plan(input, 2), workers, dir, (b, in) -> {
            var a = in.get(0);
            var c = in.get(1);
            if (longKeys) {
                return switch (kind) {
                    case "inner" -> Joins.joinOnLong(a, c, Fact::key, Fact::key, Ids::of);
                    case "left" -> Joins.leftJoinOnLong(a, c, Fact::key, Fact::key, Ids::of);
                    case "full" -> Joins.fullJoinOnLong(a, c, Fact::key, Fact::key, Ids::of);
                    case "semi" -> Joins.semijoinOnLong(a, c, Fact::key, Fact::key);
                    case "lookup" -> Joins.lookupJoinOnLong(a, c, Fact::key, Fact::key, Ids::of);
                    default -> Joins.antijoinOnLong(a, c, Fact::key, Fact::key);
                };
            }
            return switch (kind) {
                case "inner" -> Joins.join(a, c, Fact::pair, Fact::pair, Ids::of);
                case "left" -> Joins.leftJoin(a, c, Fact::pair, Fact::pair, Ids::of);
                case "right" -> Joins.rightJoin(a, c, Fact::pair, Fact::pair, Ids::of);
                case "full" -> Joins.fullJoin(a, c, Fact::pair, Fact::pair, Ids::of);
                case "semi" -> Joins.semijoin(a, c, Fact::pair, Fact::pair);
                default -> Joins.antijoin(a, c, Fact::pair, Fact::pair);
            };
        });
        assertTrue(bytes > 10_000, "the checkpoint should hold the grown traces, " + bytes + " bytes");
    }

    @ParameterizedTest(name = "long keys {0}, input {1}, workers {2}")
    @CsvSource({"true,multiset,1", "false,negative,2", "true,appendOnly,2", "false,appendOnly,1"})
    void everyAggregateAtOnce(boolean longKeys, String input, int workers) {
        Restart.check("aggregate", 102, plan(input, 1), workers, dir, (b, in) -> longKeys
                ? Aggregates.aggregateByLong(in.get(0), Fact::key, AggregateFamilyProperties::values,
                        AggregateFamilyProperties.ALL)
                : Aggregates.aggregate(in.get(0), Fact::pair, AggregateFamilyProperties::values,
                        AggregateFamilyProperties.ALL));
    }

    @ParameterizedTest(name = "input {0}, workers {1}")
    @CsvSource({"multiset,1", "negative,2"})
    void foldsUngroupedAndDistinct(String input, int workers) {
        Restart.check("fold", 103, plan(input, 1), workers, dir.resolve("fold"),
                (b, in) -> Aggregates.fold(in.get(0), Fact::pair, AggregateFamilyProperties.NAMES));
        Restart.check("aggregateAll", 104, plan(input, 1), workers, dir.resolve("all"),
                (b, in) -> Aggregates.aggregateAll(Linear.filter(in.get(0), f -> f.val() % 97 == 0),
                        v -> AggregateFamilyProperties.values("all", v), AggregateFamilyProperties.ALL));
        Restart.check("distinct", 105, plan(input, 1), workers, dir.resolve("distinct"),
                (b, in) -> Distinct.distinct(Linear.map(in.get(0), Fact::pair)));
        Restart.check("distinct by codes", 108, plan(input, 1), workers, dir.resolve("distinct by codes"),
                (b, in) -> Distinct.distinctByLongs(Linear.map(in.get(0), f -> new Twin.Pair2(f.id() / 2, f.key())),
                        Twin.Pair2::a, Twin.Pair2::b));
    }

    private static final Comparator<Fact> ORDER = Comparator.comparingLong(Fact::val).reversed()
            .thenComparingLong(Fact::id);

    @ParameterizedTest(name = "{0}, k {1}, long keys {2}, input {3}, workers {4}")
    @CsvSource({"rows,7,true,multiset,1", "rows,50,false,appendOnly,2", "rowNumber,1,true,negative,2",
            "rowNumber,7,false,appendOnly,1", "rank,50,true,multiset,2", "ungrouped,50,true,negative,1"})
    void topK(String what, int k, boolean longKeys, String input, int workers) {
        Restart.check(what + " k=" + k, 106 + k, plan(input, 1), workers, dir, (b, in) -> switch (what) {
            case "rows" -> longKeys ? TopK.topKByLong(in.get(0), Fact::key, ORDER, k)
                    : TopK.topK(in.get(0), Fact::pair, ORDER, k);
            case "rowNumber" -> longKeys ? TopK.rowNumberByLong(in.get(0), Fact::key, ORDER, k)
                    : TopK.rowNumber(in.get(0), Fact::pair, ORDER, k);
            case "rank" -> TopK.rankByLong(in.get(0), Fact::key, ORDER, k);
            default -> TopK.topK(in.get(0), ORDER, k);
        });
    }

    @ParameterizedTest(name = "workers {0}")
    @CsvSource({"1", "2"})
    void integralsDelaysAndDifferences(int workers) {
        Restart.check("integrate/delay", 107, plan("negative", 1), workers, dir, (b, in) -> {
            var keys = Linear.map(in.get(0), Fact::key);
            var sum = keys.integrate();
            return sum.delay().plus(sum.differentiate()).plus(keys.delay().integrate());
        });
    }

    @ParameterizedTest(name = "{0} windows, watermark {1}, long keys {2}, workers {3}")
    @CsvSource({"tumbling,true,true,1", "hopping,true,false,2", "tumbling,false,false,2"})
    void windowAggregates(String kind, boolean watermark, boolean longKeys, int workers) {
        Restart.check(kind + " window aggregate", 110, Plan.of(1), workers, dir,
                WindowFamilyProperties.windowAggregate(kind, watermark, longKeys));
    }

    @ParameterizedTest(name = "rows carrying their window, workers {0}, key determines window {1}")
    @CsvSource({"1,false", "2,false", "2,true"})
    void windowAggregatesOfRowsCarryingTheirWindow(int workers, boolean byKey) {
        Restart.check("window aggregate of rows", 111, Plan.of(1), workers, dir,
                WindowFamilyProperties.rowsCarryingTheirWindow(true, byKey));
    }

    @ParameterizedTest(name = "window join, long keys {0}, workers {1}")
    @CsvSource({"true,2", "false,1"})
    void windowJoins(boolean longKeys, int workers) {
        Restart.check("window join", 112, Plan.of(2), workers, dir, WindowFamilyProperties.windowJoin(longKeys));
    }

    @ParameterizedTest(name = "interval join, long keys {0}, workers {1}")
    @CsvSource({"true,1", "false,2"})
    void intervalJoins(boolean longKeys, int workers) {
        Restart.check("interval join", 113, Plan.of(2), workers, dir, WindowFamilyProperties.intervalJoin(longKeys));
    }

    @ParameterizedTest(name = "window top-N, row numbers {0}, workers {1}")
    @CsvSource({"false,2", "true,1"})
    void windowTopN(boolean rowNumbers, int workers) {
        Restart.check("window top-N", 114, Plan.of(1), workers, dir, WindowFamilyProperties.windowTopNOf(rowNumbers));
    }

    @ParameterizedTest(name = "sessions, watermark {0}, long keys {1}, workers {2}")
    @CsvSource({"true,true,1", "true,false,2", "false,true,2"})
    void sessions(boolean watermark, boolean longKeys, int workers) {
        Restart.check("session", 115, Plan.of(1), workers, dir, WindowFamilyProperties.session(watermark, longKeys));
    }

    @ParameterizedTest(name = "{0} onto another worker count, {1} -> {2}")
    @CsvSource({"inner join,1,2", "inner join,2,1", "left join,2,3", "full join,3,2", "semi join,1,2",
            "broadcast join,1,2", "broadcast join,2,1", "broadcast join,2,3", "aggregate,2,1", "aggregate,1,3",
            "fold,2,1", "aggregateAll,1,2", "distinct,2,3", "distinct by codes,2,3", "distinct by code,3,1",
            "distinct by codes,1,2", "topK,1,2", "rank,2,1", "window aggregate,1,2",
            "window aggregate,2,1", "window aggregate by key,2,3", "window aggregate by key,3,1",
            "window join,2,1", "interval join,1,2", "window top-N,2,1", "session,1,2",
            "session,3,1", "integrate/delay,2,1"})
    void ontoAnotherWorkerCount(String family, int workers, int restoredWorkers) {
        Twin.Wiring wiring = switch (family) {
            case "inner join" -> (b, in) -> Joins.joinOnLong(in.get(0), in.get(1), Fact::key, Fact::key, Ids::of);
            case "left join" -> (b, in) -> Joins.leftJoin(in.get(0), in.get(1), Fact::pair, Fact::pair, Ids::of);
            case "full join" -> (b, in) -> Joins.fullJoinOnLong(in.get(0), in.get(1), Fact::key, Fact::key, Ids::of);
            case "semi join" -> (b, in) -> Joins.semijoin(in.get(0), in.get(1), Fact::pair, Fact::pair);
            case "broadcast join" -> (b, in) -> Joins.joinOnLongBroadcast(in.get(0), in.get(1), Fact::key, Fact::key,
                    Ids::of);
            case "aggregate" -> (b, in) -> Aggregates.aggregate(in.get(0), Fact::pair,
                    AggregateFamilyProperties::values, AggregateFamilyProperties.ALL);
            case "fold" -> (b, in) -> Aggregates.fold(in.get(0), Fact::pair, AggregateFamilyProperties.NAMES);
            case "aggregateAll" -> (b, in) -> Aggregates.aggregateAll(in.get(0),
                    v -> AggregateFamilyProperties.values("all", v), AggregateFamilyProperties.ALL);
            case "distinct" -> (b, in) -> Distinct.distinct(Linear.map(in.get(0), Fact::pair));
            case "distinct by codes" -> (b, in) -> Distinct.distinctByLongs(
                    Linear.map(in.get(0), f -> new Twin.Pair2(f.id() / 2, f.key())), Twin.Pair2::a, Twin.Pair2::b);
            case "distinct by code" -> (b, in) -> Distinct.distinctByLong(
                    Linear.map(in.get(0), f -> new Twin.Pair2(f.id() / 2, f.key())), p -> p.a() << 20 | p.b());
            case "topK" -> (b, in) -> TopK.topKByLong(in.get(0), Fact::key, ORDER, 7);
            case "rank" -> (b, in) -> TopK.rank(in.get(0), Fact::pair, ORDER, 7);
            case "window aggregate" -> WindowFamilyProperties.windowAggregate(workers == 1 ? "tumbling" : "hopping",
                    true, workers == 1);
            case "window aggregate by key" -> WindowFamilyProperties.rowsCarryingTheirWindow(true, true);
            case "window join" -> WindowFamilyProperties.windowJoin(false);
            case "interval join" -> WindowFamilyProperties.intervalJoin(true);
            case "window top-N" -> WindowFamilyProperties.windowTopNOf(true);
            case "session" -> WindowFamilyProperties.session(true, workers == 1);
            default -> (b, in) -> {
                var keys = Linear.map(in.get(0), Fact::key);
                var sum = keys.integrate();
                return sum.delay().plus(sum.differentiate()).plus(keys.delay().integrate());
            };
        };
        int inputs = family.contains("join") ? 2 : 1;
        Restart.check(family, 120 + workers * 10 + restoredWorkers, Plan.of(inputs), workers, restoredWorkers, dir,
                wiring);
    }

    /** An edge of the recursive test's graph. */
    record Edge(long a, long b) {
    }

    @ParameterizedTest(name = "recursive closure, workers {0}")
    @CsvSource({"1", "2"})
    void recursion(int workers) {
        Restart.check("recursive closure", 130 + workers, Plan.of(1), workers, dir, (b, in) -> {
            var edges = Linear.map(in.get(0), f -> new Edge(f.key() % 30, Math.floorMod(f.val(), 30)));
            return b.<Edge>recursive("closure", (inner, self) -> {
                var e = inner.enter(edges);
                var longer = Joins.joinOnLong(self, e, Edge::b, Edge::a, (p, q) -> new Edge(p.a(), q.b()));
                return Distinct.distinct(Linear.union(e, longer));
            });
        });
    }
}
