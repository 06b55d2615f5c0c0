package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A GROUP BY mixing {@code DISTINCT} aggregates (with and without FILTER) and plain ones is compiled into one
 * aggregate over a union (no joins); each of its columns equals the same aggregate computed alone, which Calcite
 * plans its own way, over seeded random inserts and deletes, grouped and not, incrementally, naively and on 2
 * workers. The distinct aggregates of one argument list (with and without FILTER) share one grouping.
 */
class DistinctAggregatesTest {
    private static final String[] AGGS = {
        "COUNT(*)", "COUNT(DISTINCT x)", "COUNT(DISTINCT x) FILTER (WHERE p < 5)", "SUM(DISTINCT x)",
        "AVG(DISTINCT p)", "COUNT(DISTINCT y)", "COUNT(DISTINCT y) FILTER (WHERE p >= 5)", "MAX(y)",
        "SUM(p) FILTER (WHERE p > 2)", "MIN(DISTINCT x)", "COUNT(DISTINCT x, y)"};

    @Test
    void everyColumnEqualsItsAggregateComputedAlone() {
        StringBuilder ddl = new StringBuilder("CREATE TABLE t (g INT NOT NULL, x INT, y VARCHAR, p INT NOT NULL);\n");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < AGGS.length; i++) all.append(", ").append(AGGS[i]).append(" AS a").append(i);
        ddl.append("CREATE VIEW mixed AS SELECT g").append(all).append(" FROM t GROUP BY g;\n");
        ddl.append("CREATE VIEW mixed_all AS SELECT").append(all.substring(1)).append(" FROM t;\n");
        for (int i = 0; i < AGGS.length; i++) {
            ddl.append("CREATE VIEW col").append(i).append(" AS SELECT g, a").append(i).append(" FROM mixed;\n");
            ddl.append("CREATE VIEW alone").append(i).append(" AS SELECT g, ").append(AGGS[i])
                    .append(" FROM t GROUP BY g;\n");
            ddl.append("CREATE VIEW col_all").append(i).append(" AS SELECT a").append(i).append(" FROM mixed_all;\n");
            ddl.append("CREATE VIEW alone_all").append(i).append(" AS SELECT ").append(AGGS[i]).append(" FROM t;\n");
        }
        for (SqlOptions options : List.of(SqlOptions.incremental(), SqlOptions.naive(),
                SqlOptions.incremental().withWorkers(2))) {
            long seed = 90210;
            SqlProgram p = Sql.compile(ddl.toString(), options);
            String plan = p.explain("mixed");
            assertTrue(plan.contains("union all"), plan);
            assertFalse(plan.contains("join"), plan);
            // the outer aggregate and one grouping per list of distinct arguments: (x), (p), (y), (x, y)
            assertEquals(5, plan.split("aggregate group \\{", -1).length - 1, plan);
            Random r = new Random(seed);
            List<Object[]> rows = new ArrayList<>();
            for (int step = 0; step < 25; step++) {
                for (int i = 0; i < 30; i++) {
                    if (!rows.isEmpty() && r.nextInt(3) == 0) {
                        p.table("t").delete(rows.remove(r.nextInt(rows.size())));
                    } else {
                        Object[] row = {r.nextInt(4), r.nextInt(5) == 0 ? null : r.nextInt(8),
                                r.nextInt(5) == 0 ? null : "y" + r.nextInt(6), r.nextInt(10)};
                        rows.add(row);
                        p.table("t").insert(row);
                    }
                }
                if (step == 20) { // every row gone: groups disappear, the global row stays
                    for (Object[] row : rows) p.table("t").delete(row);
                    rows.clear();
                }
                p.step();
                for (int i = 0; i < AGGS.length; i++) {
                    String at = AGGS[i] + ", step " + step + ", " + options + " (seed " + seed + ")";
                    assertEquals(sorted(p, "alone" + i), sorted(p, "col" + i), at);
                    assertEquals(sorted(p, "alone_all" + i), sorted(p, "col_all" + i), at + ", no GROUP BY");
                }
            }
        }
    }

    private static List<String> sorted(SqlProgram p, String view) {
        return AggregateFilterTest.sorted(p, view);
    }
}
