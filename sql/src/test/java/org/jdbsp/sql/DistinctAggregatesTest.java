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
 * workers. The distinct aggregates of one argument list (with and without FILTER) share one grouping, which makes
 * its rows of flags itself.
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
        // alone (no other view reads its operators), each of the four groupings makes its flags' rows itself, so
        // that an unchanged flag row is not emitted, and the outer aggregate its rows cast to the view's types
        String alone = Sql.compile(ddl.substring(0, ddl.indexOf("CREATE VIEW mixed_all"))).explain("mixed");
        assertEquals(5, alone.split("each row then projected by calc", -1).length - 1, alone);
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

    /**
     * Over an append-only table, a MIN or MAX beside distinct counts reads only the input's rows, which are never
     * deleted, though the union it reads has deletions: it keeps one value per group instead of a sorted multiset
     * (fewer state rows than the same view over an ordinary table holding the same rows), with the same results as
     * each aggregate computed alone, incrementally, naively and on 2 workers.
     */
    @Test
    void aMinOrMaxBesideDistinctCountsOverAnAppendOnlyTableKeepsOneValue() {
        String tables = "CREATE TABLE a (g INT NOT NULL, x INT, y VARCHAR, p INT NOT NULL)"
                + " WITH ('append_only' = 'true');\n"
                + "CREATE TABLE t (g INT NOT NULL, x INT, y VARCHAR, p INT NOT NULL);\n";
        String[] aggs = {"MAX(y)", "MIN(p) FILTER (WHERE x > 3)", "COUNT(DISTINCT x)", "COUNT(*)"};
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < aggs.length; i++) cols.append(", ").append(aggs[i]).append(" AS a").append(i);
        String mixedA = "CREATE VIEW mixed AS SELECT g" + cols + " FROM a GROUP BY g;\n";
        String mixedT = "CREATE VIEW mixed AS SELECT g" + cols + " FROM t GROUP BY g;\n";
        StringBuilder alone = new StringBuilder();
        for (int i = 0; i < aggs.length; i++) {
            alone.append("CREATE VIEW col").append(i).append(" AS SELECT g, a").append(i).append(" FROM mixed;\n");
            alone.append("CREATE VIEW alone").append(i).append(" AS SELECT g, ").append(aggs[i])
                    .append(" FROM a GROUP BY g;\n");
        }
        long seed = 4471;
        for (SqlOptions options : List.of(SqlOptions.incremental(), SqlOptions.naive(),
                SqlOptions.incremental().withWorkers(2))) {
            SqlProgram p = Sql.compile(tables + mixedA + alone, options);
            SqlProgram onlyA = Sql.compile(tables + mixedA, options);
            SqlProgram onlyT = Sql.compile(tables + mixedT, options);
            Random r = new Random(seed);
            for (int step = 0; step < 12; step++) {
                for (int i = 0; i < 200; i++) {
                    Object[] row = {r.nextInt(3), r.nextInt(5) == 0 ? null : r.nextInt(8),
                            r.nextInt(5) == 0 ? null : "y" + r.nextInt(500), r.nextInt(1000)};
                    p.table("a").insert(row);
                    onlyA.table("a").insert(row);
                    onlyT.table("t").insert(row);
                }
                p.step();
                onlyA.step();
                onlyT.step();
                for (int i = 0; i < aggs.length; i++) {
                    String at = aggs[i] + ", step " + step + ", " + options + " (seed " + seed + ")";
                    assertEquals(sorted(p, "alone" + i), sorted(p, "col" + i), at);
                }
                assertEquals(sorted(onlyT, "mixed"), sorted(onlyA, "mixed"), options + " step " + step);
            }
            if (options.mode() == org.jdbsp.circuit.Mode.INCREMENTAL) {
                // the ordinary table's view keeps every distinct y and p per group besides what both keep
                assertTrue(onlyA.stateRows() + 1000 < onlyT.stateRows(),
                        options + ": " + onlyA.stateRows() + " against " + onlyT.stateRows());
            }
        }
    }

    private static List<String> sorted(SqlProgram p, String view) {
        return AggregateFilterTest.sorted(p, view);
    }
}
