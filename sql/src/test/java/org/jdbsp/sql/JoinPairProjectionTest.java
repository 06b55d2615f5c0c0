package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An inner join with a further condition, read by a projection that computes from both sides and filters again,
 * is computed from each pair's two rows (no joined row made): its rows equal a plain-Java nested loop, with NULLs in
 * the compared and computed columns, deletes and duplicates, incrementally and on 2 workers, keyed by one integer
 * column and by two. A join with such a condition read whole (no projection above it) makes its rows from the
 * pairs the condition keeps. A projection that computes over a join with no further condition is made from the
 * pairs too.
 */
class JoinPairProjectionTest {
    private record A(long id, long k, Integer x, String s) {
    }

    private record B(long id, long k, long k2, Integer y) {
    }

    @Test
    void equalsNestedLoops() {
        long seed = 40417L;
        String script = """
                CREATE TABLE a (id BIGINT NOT NULL, k BIGINT NOT NULL, x INT, s VARCHAR);
                CREATE TABLE b (id BIGINT NOT NULL, k BIGINT NOT NULL, k2 BIGINT NOT NULL, y INT);
                CREATE VIEW one_key AS SELECT a.id + 1000 * b.id AS ab, b.y - a.x AS d, UPPER(a.s) AS u
                    FROM a JOIN b ON a.k = b.k AND a.x < b.y WHERE b.y - a.x <> 3;
                CREATE VIEW two_keys AS SELECT b.id AS bid, a.x * 2 AS x2, CHAR_LENGTH(a.s) + b.y AS n
                    FROM a JOIN b ON a.k = b.k AND a.id = b.k2 AND (a.x IS NULL OR a.x <= b.y);
                CREATE VIEW whole AS SELECT * FROM a JOIN b ON a.k = b.k AND a.x + 10 > b.y;
                CREATE VIEW computed AS SELECT b.id AS bid, a.x + b.y AS xy, 7 AS seven
                    FROM a JOIN b ON a.k = b.k AND a.id = b.k2;
                CREATE VIEW computed_long AS SELECT b.id AS bid, a.id AS aid, COALESCE(a.x, 0) * 2 AS x2
                    FROM a JOIN b ON a.k = b.k WHERE a.x < 10;
                """;
        for (SqlOptions o : List.of(SqlOptions.incremental(), SqlOptions.incremental().withWorkers(2))) {
            Random r = new Random(seed);
            try (SqlProgram p = Sql.compile(script, o)) {
                for (String v : List.of("whole", "computed", "computed_long")) {
                    assertTrue(p.explain(v).contains("its pairs filtered and projected"), p.explain(v));
                }
                List<A> as = new ArrayList<>();
                List<B> bs = new ArrayList<>();
                for (int step = 0; step < 6; step++) {
                    for (int i = 0; i < 500; i++) {
                        boolean left = r.nextBoolean();
                        if (left && !as.isEmpty() && r.nextInt(5) == 0) {
                            A row = as.remove(r.nextInt(as.size()));
                            p.table("a").delete(row.id(), row.k(), row.x(), row.s());
                        } else if (!left && !bs.isEmpty() && r.nextInt(5) == 0) {
                            B row = bs.remove(r.nextInt(bs.size()));
                            p.table("b").delete(row.id(), row.k(), row.k2(), row.y());
                        } else if (left) {
                            A row = new A(r.nextInt(8), r.nextInt(20), r.nextInt(7) == 0 ? null : r.nextInt(60),
                                    r.nextInt(9) == 0 ? null : "s" + r.nextInt(300));
                            as.add(row);
                            p.table("a").insert(row.id(), row.k(), row.x(), row.s());
                        } else {
                            B row = new B(r.nextInt(50), r.nextInt(20), r.nextInt(8),
                                    r.nextInt(7) == 0 ? null : r.nextInt(60));
                            bs.add(row);
                            p.table("b").insert(row.id(), row.k(), row.k2(), row.y());
                        }
                    }
                    p.step();
                    String at = o + ", step " + step + " (seed " + seed + ")";
                    List<String> one = new ArrayList<>();
                    List<String> two = new ArrayList<>();
                    List<String> whole = new ArrayList<>();
                    List<String> computed = new ArrayList<>();
                    List<String> computedLong = new ArrayList<>();
                    for (A a : as) {
                        for (B b : bs) {
                            if (a.k() == b.k() && a.x() != null && b.y() != null && a.x() < b.y()
                                    && b.y() - a.x() != 3) {
                                one.add("(" + (a.id() + 1000 * b.id()) + ", " + (b.y() - a.x()) + ", "
                                        + (a.s() == null ? "NULL" : "'" + a.s().toUpperCase() + "'") + ")");
                            }
                            if (a.k() == b.k() && a.id() == b.k2()
                                    && (a.x() == null || b.y() != null && a.x() <= b.y())) {
                                two.add("(" + b.id() + ", " + (a.x() == null ? "NULL" : a.x() * 2) + ", "
                                        + (a.s() == null || b.y() == null ? "NULL" : a.s().length() + b.y()) + ")");
                            }
                            if (a.k() == b.k() && a.x() != null && b.y() != null && a.x() + 10 > b.y()) {
                                whole.add("(" + a.id() + ", " + a.k() + ", " + a.x() + ", "
                                        + (a.s() == null ? "NULL" : "'" + a.s() + "'") + ", " + b.id() + ", " + b.k()
                                        + ", " + b.k2() + ", " + b.y() + ")");
                            }
                            if (a.k() == b.k() && a.id() == b.k2()) {
                                computed.add("(" + b.id() + ", " + (a.x() == null || b.y() == null ? "NULL"
                                        : a.x() + b.y()) + ", 7)");
                            }
                            if (a.k() == b.k() && a.x() != null && a.x() < 10) {
                                computedLong.add("(" + b.id() + ", " + a.id() + ", " + a.x() * 2 + ")");
                            }
                        }
                    }
                    assertTrue(one.size() > 50 && two.size() > 20, at + ": " + one.size() + ", " + two.size());
                    assertEquals(one.stream().sorted().toList(), expanded(p.view("one_key").contents()), at);
                    assertEquals(two.stream().sorted().toList(), expanded(p.view("two_keys").contents()), at);
                    assertTrue(whole.size() > 50, at + ": " + whole.size());
                    assertEquals(whole.stream().sorted().toList(), expanded(p.view("whole").contents()), at);
                    assertTrue(computed.size() > 50 && computedLong.size() > 50, at + ": " + computed.size()
                            + ", " + computedLong.size());
                    assertEquals(computed.stream().sorted().toList(), expanded(p.view("computed").contents()), at);
                    assertEquals(computedLong.stream().sorted().toList(),
                            expanded(p.view("computed_long").contents()), at);
                }
            }
        }
    }

    private static List<String> expanded(Rows rows) {
        return AppendOnlyTableTest.rows(rows).stream().flatMap(NestedLoopJoin::expand).sorted().toList();
    }
}
