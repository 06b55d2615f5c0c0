package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ROW_NUMBER partitioned by one NOT NULL integer column numbers its groups by the primitive value; partitioned by
 * the same values in a nullable column, by boxed keys; by two columns, by a generated row of the two. All give the
 * same rows, read back with and without the
 * rank, incrementally, naively and on 2 workers, as rows are inserted and deleted.
 */
class RankPartitionKeyTest {
    private static final String SCRIPT = """
            CREATE TABLE t (id BIGINT NOT NULL, g BIGINT NOT NULL, gi INT NOT NULL, gn BIGINT, v INT NOT NULL);
            CREATE VIEW by_long AS SELECT id, g, v, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY g ORDER BY v
                DESC, id) AS rn FROM t) WHERE rn <= 3;
            CREATE VIEW by_int AS SELECT id, g, v, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY gi ORDER BY v
                DESC, id) AS rn FROM t) WHERE rn <= 3;
            CREATE VIEW by_object AS SELECT id, g, v, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY gn ORDER BY
                v DESC, id) AS rn FROM t) WHERE rn <= 3;
            CREATE VIEW by_pair AS SELECT id, g, v, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY gi, g ORDER
                BY v DESC, id) AS rn FROM t) WHERE rn <= 3;
            CREATE VIEW top_long AS SELECT id, g, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY g ORDER BY v DESC,
                id) AS rn FROM t) WHERE rn = 1;
            CREATE VIEW top_object AS SELECT id, g, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY gn ORDER BY v
                DESC, id) AS rn FROM t) WHERE rn = 1;
            """;

    @Test
    void longAndObjectPartitionKeysRankAlike() {
        long seed = 71208L;
        for (SqlOptions o : List.of(SqlOptions.incremental(), SqlOptions.naive(),
                SqlOptions.incremental().withWorkers(2))) {
            Random r = new Random(seed);
            try (SqlProgram p = Sql.compile(SCRIPT, o)) {
                List<long[]> live = new java.util.ArrayList<>();
                long id = 0;
                for (int step = 0; step < 8; step++) {
                    for (int i = 0; i < 1_500; i++) {
                        if (!live.isEmpty() && r.nextInt(4) == 0) {
                            long[] row = live.remove(r.nextInt(live.size()));
                            p.table("t").delete(row[0], row[1], (int) row[1], row[1], (int) row[2]);
                        } else {
                            long g = r.nextInt(300) - 150; // negative keys too
                            long[] row = {id++, g, r.nextInt(1_000)};
                            live.add(row);
                            p.table("t").insert(row[0], g, (int) g, g, (int) row[2]);
                        }
                    }
                    p.step();
                    String at = o + ", step " + step + " (seed " + seed + ")";
                    List<String> expected = AppendOnlyTableTest.rows(p.view("by_object").contents());
                    assertTrue(expected.size() > 300, at);
                    assertEquals(expected, AppendOnlyTableTest.rows(p.view("by_long").contents()), at);
                    assertEquals(expected, AppendOnlyTableTest.rows(p.view("by_int").contents()), at);
                    assertEquals(expected, AppendOnlyTableTest.rows(p.view("by_pair").contents()), at);
                    assertEquals(AppendOnlyTableTest.rows(p.view("top_object").changes()),
                            AppendOnlyTableTest.rows(p.view("top_long").changes()), at);
                }
            }
        }
    }
}
