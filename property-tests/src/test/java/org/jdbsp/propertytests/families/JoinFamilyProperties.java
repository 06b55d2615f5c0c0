package org.jdbsp.propertytests.families;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.join.Pair;
import org.jdbsp.propertytests.families.Twin.Fact;
import org.jdbsp.propertytests.families.Twin.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every join kind, with {@code long} keys and with composite object keys, incremental against naive over runs of
 * about 12,000 rows per side (tables grow, then most rows are deleted), on multisets and on inputs with negative
 * weights.
 */
class JoinFamilyProperties {
    /** The ids of a pair, null where a side is padded. */
    record Ids(Long a, Long b) {
        static Ids of(Fact x, Fact y) {
            return new Ids(x == null ? null : x.id(), y == null ? null : y.id());
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<?> wire(String kind, boolean longKeys, List<Stream<Fact>> in) {
        Stream<Fact> a = in.get(0);
        Stream<Fact> b = in.get(1);
        if (longKeys) {
            return switch (kind) {
                case "inner" -> Joins.joinOnLong(a, b, Fact::key, Fact::key, Ids::of);
                case "left" -> Joins.leftJoinOnLong(a, b, Fact::key, Fact::key, Ids::of);
                case "right" -> Joins.rightJoinOnLong(a, b, Fact::key, Fact::key, Ids::of);
                case "full" -> Joins.fullJoinOnLong(a, b, Fact::key, Fact::key, Ids::of);
                case "semi" -> Joins.semijoinOnLong(a, b, Fact::key, Fact::key);
                case "lookup" -> Joins.lookupJoinOnLong(a, b, Fact::key, Fact::key, Ids::of);
                default -> Joins.antijoinOnLong(a, b, Fact::key, Fact::key);
            };
        }
        return switch (kind) {
            case "inner" -> Joins.join(a, b, Fact::pair, Fact::pair, (x, y) -> Pair.of(x.id(), y.id()));
            case "left" -> Joins.leftJoin(a, b, Fact::pair, Fact::pair, Ids::of);
            case "right" -> Joins.rightJoin(a, b, Fact::pair, Fact::pair, Ids::of);
            case "full" -> Joins.fullJoin(a, b, Fact::pair, Fact::pair, Ids::of);
            case "semi" -> Joins.semijoin(a, b, Fact::pair, Fact::pair);
            case "lookup" -> Joins.lookupJoin(a, b, Fact::pair, Fact::pair, Ids::of);
            default -> Joins.antijoin(a, b, Fact::pair, Fact::pair);
        };
    }

    @ParameterizedTest(name = "{0} join, long keys {1}, negative weights {2}")
    @CsvSource({"inner,true,false", "inner,false,true", "left,true,true", "left,false,false", "right,false,true",
            "full,true,false", "full,false,true", "semi,true,true", "semi,false,false", "anti,true,false",
            "anti,false,true", "lookup,true,false", "lookup,false,true"})
    void incrementalEqualsNaive(String kind, boolean longKeys, boolean negative) {
        Plan plan = Plan.of(2).withKeys(longKeys ? 3000 : 1000);
        int peak = Twin.check(kind + " join", 17 + kind.hashCode(), negative ? plan.withNegative() : plan,
                (b, in) -> wire(kind, longKeys, in));
        assertTrue(peak > 1000, "the run should produce a large view, peak " + peak);
    }
}
