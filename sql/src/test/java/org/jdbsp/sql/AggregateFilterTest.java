package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * {@code agg(x) FILTER (WHERE f)} equals {@code agg(CASE WHEN f THEN x END)}, its definition, for every aggregate
 * and column kind (NOT NULL and nullable integers, doubles, decimals, text), grouped and not, over seeded random
 * inserts and deletes, incrementally and on 2 workers.
 */
class AggregateFilterTest {
    private static final String[] AGGS = {"MIN", "MAX", "SUM", "AVG", "COUNT"};
    private static final String[] COLUMNS = {"b", "n", "d", "m", "s"};

    @Test
    void filterEqualsCaseOnEveryAggregateAndColumnKind() {
        for (int workers : new int[] {1, 2}) {
            long seed = 41207L + workers;
            run(seed, workers);
        }
    }

    private static void run(long seed, int workers) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE t (g INT NOT NULL, b BIGINT NOT NULL, n BIGINT,"
                + " d DOUBLE NOT NULL, m DECIMAL(8, 2), s VARCHAR NOT NULL);\n");
        List<String> views = new ArrayList<>();
        for (String agg : AGGS) {
            for (String c : COLUMNS) {
                if (c.equals("s") && (agg.equals("SUM") || agg.equals("AVG"))) continue;
                String v = agg.toLowerCase() + "_" + c;
                String filtered = agg + "(" + c + ") FILTER (WHERE b > 50)";
                String cased = agg + "(CASE WHEN b > 50 THEN " + c + " END)";
                ddl.append("CREATE VIEW f_").append(v).append(" AS SELECT g, ").append(filtered)
                        .append(" AS a FROM t GROUP BY g;\n");
                ddl.append("CREATE VIEW c_").append(v).append(" AS SELECT g, ").append(cased)
                        .append(" AS a FROM t GROUP BY g;\n");
                ddl.append("CREATE VIEW fa_").append(v).append(" AS SELECT ").append(filtered).append(" AS a FROM t;\n");
                ddl.append("CREATE VIEW ca_").append(v).append(" AS SELECT ").append(cased).append(" AS a FROM t;\n");
                views.add(v);
            }
        }
        SqlProgram p = Sql.compile(ddl.toString(), SqlOptions.incremental().withWorkers(workers));
        Random r = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (int step = 0; step < 30; step++) {
            for (int i = 0; i < 40; i++) {
                if (!rows.isEmpty() && r.nextInt(3) == 0) {
                    Object[] row = rows.remove(r.nextInt(rows.size()));
                    p.table("t").delete(row);
                } else {
                    Object[] row = {r.nextInt(5), (long) r.nextInt(100), r.nextInt(4) == 0 ? null : (long) r.nextInt(1000),
                            r.nextInt(1000) / 8.0, r.nextInt(4) == 0 ? null : new java.math.BigDecimal(r.nextInt(100000)).movePointLeft(2),
                            "s" + r.nextInt(100)};
                    rows.add(row);
                    p.table("t").insert(row);
                }
            }
            p.step();
            for (String v : views) {
                assertEquals(sorted(p, "c_" + v), sorted(p, "f_" + v), v + " grouped, step " + step + ", " + workers
                        + " workers (seed " + seed + ")");
                assertEquals(sorted(p, "ca_" + v), sorted(p, "fa_" + v), v + " alone, step " + step + ", " + workers
                        + " workers (seed " + seed + ")");
            }
        }
    }

    /** The contents of {@code view}, each row with its weight, sorted (shared with other tests of aggregates). */
    static List<String> sorted(SqlProgram p, String view) {
        List<String> out = new ArrayList<>();
        Rows rows = p.view(view).contents();
        for (int i = 0; i < rows.size(); i++) out.add(rows.get(i) + " x" + rows.weight(i));
        Collections.sort(out);
        return out;
    }
}
