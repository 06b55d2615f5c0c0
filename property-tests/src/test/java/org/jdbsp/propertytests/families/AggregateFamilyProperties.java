package org.jdbsp.propertytests.families;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregated;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.aggregate.Fold;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.propertytests.families.Twin.Fact;
import org.jdbsp.propertytests.families.Twin.Pair2;
import org.jdbsp.propertytests.families.Twin.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The grouped aggregate with every aggregate function at once (counts, sums and averages over {@code long},
 * {@code double} and {@code DECIMAL} columns, nullable forms, min and max over longs, doubles, strings and decimals,
 * an invertible and a general fold), by {@code long} and by object key, SQL's ungrouped aggregate, and distinct:
 * incremental against naive over runs of about 12,000 rows, with NULLs, on multisets, inputs with negative weights
 * and append-only inputs.
 */
class AggregateFamilyProperties {
    /** Sum of squares, invertible. */
    static final Fold<Fact, Long, Long> SQUARES = Fold.invertible(() -> 0L,
            (acc, f, w) -> acc + f.val() * f.val() * w, a -> a);

    /** The distinct names of a group, not invertible (refolded from the group's rows). */
    static final Fold<Fact, TreeSet<String>, String> NAMES = Fold.of(TreeSet::new, (acc, f, w) -> {
        TreeSet<String> s = new TreeSet<>(acc);
        s.add(f.name());
        return s;
    }, TreeSet::toString);

    static final List<Agg<Fact>> ALL_LIST = List.of(
        Agg.count(), Agg.count(Fact::maybe), Agg.sum(Fact::val), Agg.sumNullable(Fact::maybe),
        Agg.sumDouble((Fact f) -> f.val() / 4.0), Agg.sumDecimal(Fact::dec), Agg.avg(Fact::val),
        Agg.avgNullable(Fact::maybe), Agg.avgDouble((Fact f) -> f.val() / 8.0), Agg.avgDecimal(Fact::dec, 3),
        Agg.min(Fact::val), Agg.max(Fact::val), Agg.minDouble((Fact f) -> f.val() / 2.0),
        Agg.maxDouble((Fact f) -> -f.val() / 2.0), Agg.minOf(Fact::name), Agg.maxOf(Fact::dec), Agg.fold(SQUARES),
        Agg.sumDecimalOfLong(Fact::val), Agg.avgDecimalOfLong(Fact::val, 4),
        Agg.avgDecimalOfLong((Fact f) -> f.val() * 3_000_000_000_000_000L, 2)); // step sums beyond a long

    @SuppressWarnings("unchecked")
    static final Agg<Fact>[] ALL = ALL_LIST.toArray(new Agg[0]);

    /** Every value, boxed, in order (the group's row). */
    static List<Object> values(Object key, Aggregated v) {
        List<Object> row = new ArrayList<>();
        row.add(key);
        for (int i = 0; i < v.size(); i++) {
            row.add(v.get(i));
        }
        return row;
    }

    @ParameterizedTest(name = "long keys {0}, input {1}")
    @CsvSource({"true,multiset", "false,multiset", "true,negative", "false,negative", "true,appendOnly",
            "false,appendOnly"})
    void everyAggregateAtOnce(boolean longKeys, String input) {
        Plan plan = Plan.of(1);
        plan = switch (input) {
            case "negative" -> plan.withNegative();
            case "appendOnly" -> plan.withAppendOnly();
            default -> plan;
        };
        int peak = Twin.check("aggregate", longKeys ? 5 : 6, plan, (b, in) -> longKeys
                ? Aggregates.aggregateByLong(in.get(0), Fact::key, (k, v) -> values(k, v), ALL)
                : Aggregates.aggregate(in.get(0), Fact::pair, (k, v) -> values(k, v), ALL));
        assertTrue(peak >= 250, "most groups should have rows, peak " + peak);
    }

    @ParameterizedTest(name = "input {0}")
    @CsvSource({"multiset", "negative"})
    void foldsRecomputedFromTheirRows(String input) {
        Plan plan = input.equals("negative") ? Plan.of(1).withNegative() : Plan.of(1);
        Twin.check("fold", 9, plan, (b, in) -> Aggregates.fold(in.get(0), Fact::pair, NAMES));
    }

    @ParameterizedTest(name = "input {0}")
    @CsvSource({"multiset", "negative"})
    void ungroupedAggregateHasOneRowAlways(String input) {
        Plan plan = input.equals("negative") ? Plan.of(1).withNegative() : Plan.of(1);
        Twin.check("aggregateAll", 10, plan,
                (b, in) -> Aggregates.aggregateAll(Linear.filter(in.get(0), f -> f.val() % 97 == 0),
                        v -> values("all", v), ALL));
    }

    @ParameterizedTest(name = "input {0}")
    @CsvSource({"multiset", "negative"})
    void distinctOfAProjection(String input) {
        Plan plan = input.equals("negative") ? Plan.of(1).withNegative() : Plan.of(1);
        Twin.check("distinct", 11, plan, (b, in) -> Distinct.distinct(Linear.map(in.get(0), Fact::pair)));
    }

    /**
     * The distinct kept by primitive codes ({@link Distinct#distinctByLong}, {@link Distinct#distinctByLongs}) of a
     * projection with tens of thousands of values (its tables grow gradually), and of one with few.
     */
    @ParameterizedTest(name = "pairs {0}, input {1}")
    @CsvSource({"true,multiset", "false,negative", "true,negative", "false,multiset"})
    void distinctByCodes(boolean pairs, String input) {
        Plan plan = input.equals("negative") ? Plan.of(1).withNegative() : Plan.of(1);
        int peak = Twin.check("distinct by codes", 12, plan, (b, in) -> {
            Stream<Pair2> wide = Linear.flatMap(in.get(0), (Fact f, Consumer<? super Pair2> out) -> {
                for (int i = 0; i < 3; i++) {
                    out.accept(new Pair2(f.id(), f.key() + 1000 * i));
                }
            });
            var narrow = Linear.map(in.get(0), Fact::pair);
            return Linear.union(pairs ? Distinct.distinctByLongs(wide, Pair2::a, Pair2::b)
                            : Distinct.distinctByLong(wide, p -> p.a() << 20 | p.b()),
                    Linear.map(pairs ? Distinct.distinctByLongs(narrow, Pair2::a, Pair2::b)
                            : Distinct.distinctByLong(narrow, p -> p.a() << 20 | p.b()),
                            p -> new Pair2(-1 - p.a(), p.b())));
        });
        assertTrue(peak > 46_000, "the distinct should hold enough values to grow gradually, peak " + peak);
    }
}
