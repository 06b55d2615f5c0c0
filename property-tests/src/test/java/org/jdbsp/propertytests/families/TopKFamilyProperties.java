package org.jdbsp.propertytests.families;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.propertytests.families.Twin.Fact;
import org.jdbsp.propertytests.families.Twin.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Top-k, row number and rank with k from 1 to 50, {@code long} and object group keys, over multisets, inputs with
 * negative weights (rows of weight at most 0 are absent) and append-only inputs (the kept-rows form): incremental
 * against naive, about 12,000 rows in 300 groups.
 */
class TopKFamilyProperties {
    private static final Comparator<Fact> ORDER = Comparator.comparingLong(Fact::val).reversed()
            .thenComparingLong(Fact::id);

    @ParameterizedTest(name = "{0}, k {1}, long keys {2}, input {3}")
    @CsvSource({"rows,1,true,multiset", "rows,7,false,negative", "rows,50,true,appendOnly", "rows,50,false,multiset",
            "rowNumber,1,false,appendOnly", "rowNumber,7,true,multiset", "rowNumber,50,false,negative",
            "rank,1,true,negative", "rank,7,false,appendOnly", "rank,50,true,multiset"})
    void incrementalEqualsNaive(String what, int k, boolean longKeys, String input) {
        Plan plan = Plan.of(1);
        plan = switch (input) {
            case "negative" -> plan.withNegative();
            case "appendOnly" -> plan.withAppendOnly();
            default -> plan;
        };
        int peak = Twin.check(what + " k=" + k, 31 + k, plan, (b, in) -> {
            if (longKeys) {
                return switch (what) {
                    case "rows" -> TopK.topKByLong(in.get(0), Fact::key, ORDER, k);
                    case "rowNumber" -> TopK.rowNumberByLong(in.get(0), Fact::key, ORDER, k);
                    default -> TopK.rankByLong(in.get(0), Fact::key, ORDER, k);
                };
            }
            return switch (what) {
                case "rows" -> TopK.topK(in.get(0), Fact::pair, ORDER, k);
                case "rowNumber" -> TopK.rowNumber(in.get(0), Fact::pair, ORDER, k);
                default -> TopK.rank(in.get(0), Fact::pair, ORDER, k);
            };
        });
        assertTrue(peak >= Math.min(k, 10) * 100, "the run should fill the groups, peak " + peak);
    }

    /** One group of some 14,000 rows: its sorted rows split into many chunks, and merge back as they go. */
    @ParameterizedTest(name = "ungrouped, k {0}, input {1}")
    @CsvSource({"1,multiset", "50,negative", "7,appendOnly"})
    void ungroupedOverManyRows(int k, String input) {
        Plan plan = switch (input) {
            case "negative" -> Plan.of(1).withNegative();
            case "appendOnly" -> Plan.of(1).withAppendOnly();
            default -> Plan.of(1);
        };
        Twin.check("ungrouped top-k k=" + k, 41 + k, plan, (b, in) -> TopK.topK(in.get(0), ORDER, k));
    }
}
