package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.OperatorProfile;
import org.junit.jupiter.api.Test;

/**
 * Operators keyed by the column an inner join on one integer column partitioned its output by read that output
 * where it is, with no exchange: a GROUP BY of the key (from either side), of the key and another column, a
 * ROW_NUMBER partitioned by the key or by the key and another column, also through a projection that moves the
 * key. Their results on 2 and 3 workers equal those on 1, with negative and INT keys (whose routing hash must be
 * the join's), deletes and duplicates; a grouping by a column the join did not route by still exchanges.
 */
class RoutedJoinTest {
    private static final String TABLES = """
            CREATE TABLE a (id BIGINT NOT NULL, k INT NOT NULL, cat INT NOT NULL, t BIGINT NOT NULL);
            CREATE TABLE b (aid BIGINT NOT NULL, k INT NOT NULL, price BIGINT NOT NULL, t BIGINT NOT NULL);
            """;

    /** Each view, and whether its operator after the join reads the join's output without an exchange. */
    private record View(String name, String sql, boolean routed) {
    }

    private static final List<View> VIEWS = List.of(
            new View("by_key", "SELECT b.aid, COUNT(*) AS n, SUM(b.price) AS s FROM a JOIN b ON a.id = b.aid "
                    + "GROUP BY b.aid", true),
            new View("by_key_and_cat", "SELECT a.id, a.cat, MAX(b.price) AS mx FROM a JOIN b ON a.id = b.aid "
                    + "WHERE b.t >= a.t GROUP BY a.id, a.cat", true),
            new View("by_cat_and_int_key", "SELECT a.cat, a.k, COUNT(*) AS n FROM a JOIN b ON a.k = b.k "
                    + "GROUP BY a.cat, a.k", true),
            new View("top_per_key", "SELECT id, price, t FROM (SELECT a.id, b.price, b.t, ROW_NUMBER() OVER "
                    + "(PARTITION BY a.id ORDER BY b.price DESC, b.t) AS rn FROM a JOIN b ON a.id = b.aid) "
                    + "WHERE rn <= 1", true),
            new View("top_per_cat_and_key", "SELECT cat, aid, price FROM (SELECT a.cat, b.aid, b.price, "
                    + "ROW_NUMBER() OVER (PARTITION BY a.cat, b.aid ORDER BY b.price, b.t) AS rn "
                    + "FROM a JOIN b ON a.id = b.aid) WHERE rn <= 2", true),
            new View("by_mod_and_key", "SELECT MOD(b.price, 3) AS m, b.aid, COUNT(*) AS n FROM a JOIN b "
                    + "ON a.id = b.aid GROUP BY MOD(b.price, 3), b.aid", true),
            new View("by_cat", "SELECT a.cat, SUM(b.price) AS s FROM a JOIN b ON a.id = b.aid GROUP BY a.cat",
                    false),
            new View("by_mod", "SELECT MOD(b.price, 7) AS m, COUNT(*) AS n FROM a JOIN b ON a.id = b.aid "
                    + "GROUP BY MOD(b.price, 7)", false));

    @Test
    void keyedOperatorsAfterTheJoinEqualOneWorker() {
        long seed = 90211L;
        StringBuilder script = new StringBuilder(TABLES);
        for (View v : VIEWS) {
            script.append("CREATE VIEW ").append(v.name()).append(" AS ").append(v.sql()).append(";\n");
        }
        List<SqlProgram> programs = WorkerCounts.compile(script.toString(), 1, 2, 3);
        try {
            Random r = new Random(seed);
            List<Object[]> as = new ArrayList<>();
            List<Object[]> bs = new ArrayList<>();
            for (int step = 0; step < 8; step++) {
                List<Object[]> changes = new ArrayList<>(); // {is a's, is a delete, the row}, in order
                for (int i = 0; i < 400; i++) {
                    boolean left = r.nextInt(3) == 0;
                    List<Object[]> side = left ? as : bs;
                    if (!side.isEmpty() && r.nextInt(5) == 0) {
                        changes.add(new Object[] {left, true, side.remove(r.nextInt(side.size()))});
                    } else {
                        long id = r.nextInt(200) - 100; // negative keys too: Long.hashCode differs from int's
                        Object[] row = left
                                ? new Object[] {id, (int) id * 3, r.nextInt(5), (long) r.nextInt(100)}
                                : new Object[] {id, (int) id * 3, (long) r.nextInt(1000), (long) r.nextInt(100)};
                        side.add(row);
                        changes.add(new Object[] {left, false, row});
                    }
                }
                for (SqlProgram p : programs) {
                    for (Object[] c : changes) {
                        SqlTable t = p.table((Boolean) c[0] ? "a" : "b");
                        if ((Boolean) c[1]) t.delete((Object[]) c[2]);
                        else t.insert((Object[]) c[2]);
                    }
                    p.step();
                }
                WorkerCounts.assertSameViews(programs, VIEWS.stream().map(View::name).toList(), step == 0 ? 0 : 5,
                        "step " + step + " (seed " + seed + ")");
            }
        } finally {
            programs.forEach(SqlProgram::close);
        }
    }

    @Test
    void theOperatorAfterTheJoinAddsNoExchange() {
        for (View v : VIEWS) {
            try (SqlProgram p = Sql.compile(TABLES + "CREATE VIEW " + v.name() + " AS " + v.sql() + ";",
                    SqlOptions.incremental().withWorkers(2))) {
                p.profile(true);
                p.table("a").insert(1L, 1, 1, 1L);
                p.table("b").insert(1L, 3L, 5L, 2L);
                p.step();
                List<String> exchanges = new ArrayList<>();
                for (OperatorProfile.Operator o : p.profile().operators()) {
                    if (o.name().startsWith("exchange:")) exchanges.add(o.name());
                }
                // the join's two sides are exchanged; a routed operator after it adds none
                assertEquals(v.routed() ? 2 : 3, exchanges.size(), v.name() + ": " + exchanges);
                assertTrue(exchanges.stream().allMatch(e -> e.startsWith("exchange:join")) == v.routed(),
                        v.name() + ": " + exchanges);
            }
        }
    }
}
