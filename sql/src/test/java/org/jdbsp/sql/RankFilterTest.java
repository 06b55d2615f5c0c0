package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * ROW_NUMBER, RANK and DENSE_RANK filtered on the rank, with the rank projected, reordered, computed on and
 * dropped, and with a condition that also reads other columns, equal a reference that numbers each partition
 * in plain Java, over inserts and deletes, incrementally and on 2 workers. The partition and a passed-on
 * column hold NULLs: a column that may be NULL is never read as a primitive below the rank.
 */
class RankFilterTest {
    /** A row of t: id (unique), p (NULL in some rows), v, s (NULL in some rows). */
    private record T(int id, Integer p, int v, String s) {
    }

    /** A view and its rows from the rows of t with their rank. */
    private record View(String name, String sql, String kind, Function<Ranked, String> row) {
    }

    private record Ranked(T t, long rank) {
    }

    private static final String RN = "ROW_NUMBER() OVER (PARTITION BY p ORDER BY v, id)";
    private static final String RK = "RANK() OVER (PARTITION BY p ORDER BY v)";
    private static final String DR = "DENSE_RANK() OVER (PARTITION BY p ORDER BY v DESC)";

    private static final List<View> VIEWS = List.of(
            new View("all_columns", "SELECT id, p, v, s, rn FROM (SELECT *, " + RN + " AS rn FROM t) x WHERE rn <= 3",
                    "rn", r -> r.rank() <= 3 ? "(" + r.t().id() + ", " + nul(r.t().p()) + ", " + r.t().v() + ", "
                    + str(r.t().s()) + ", " + r.rank() + ")" : null),
            new View("reordered", "SELECT rn, s, id FROM (SELECT *, " + RN + " AS rn FROM t) x WHERE rn < 3",
                    "rn", r -> r.rank() < 3 ? "(" + r.rank() + ", " + str(r.t().s()) + ", " + r.t().id() + ")" : null),
            new View("partition_first", "SELECT p, id FROM (SELECT *, " + RN + " AS rn FROM t) x WHERE rn <= 3",
                    "rn", r -> r.rank() <= 3 ? "(" + nul(r.t().p()) + ", " + r.t().id() + ")" : null),
            new View("rank_times_ten", "SELECT id, rk * 10 AS r10 FROM (SELECT *, " + RK + " AS rk FROM t) x"
                    + " WHERE rk = 1", "rk", r -> r.rank() == 1 ? "(" + r.t().id() + ", 10)" : null),
            new View("dense_and_value", "SELECT id, s FROM (SELECT *, " + DR + " AS dr FROM t) x"
                    + " WHERE dr <= 2 AND v > 20", "dr",
                    r -> r.rank() <= 2 && r.t().v() > 20 ? "(" + r.t().id() + ", " + str(r.t().s()) + ")" : null),
            new View("rows_only", "SELECT id, p, v, s FROM (SELECT *, " + RN + " AS rn FROM t) x"
                    + " WHERE rn <= 2 AND rn <= 4", "rn", r -> r.rank() <= 2 ? "(" + r.t().id() + ", "
                    + nul(r.t().p()) + ", " + r.t().v() + ", " + str(r.t().s()) + ")" : null));

    @Test
    void equalsNumberingInJava() {
        long seed = 120712L;
        StringBuilder script = new StringBuilder("CREATE TABLE t (id INT NOT NULL, p INT, v INT NOT NULL, s VARCHAR);\n");
        for (View v : VIEWS) script.append("CREATE VIEW ").append(v.name()).append(" AS ").append(v.sql()).append(";\n");
        for (SqlOptions o : List.of(SqlOptions.incremental(), SqlOptions.incremental().withWorkers(2))) {
            Random r = new Random(seed);
            try (SqlProgram p = Sql.compile(script.toString(), o)) {
                List<T> rows = new ArrayList<>();
                int id = 0;
                for (int step = 0; step < 6; step++) {
                    for (int i = 0; i < 300; i++) {
                        if (!rows.isEmpty() && r.nextInt(3) == 0) {
                            T t = rows.remove(r.nextInt(rows.size()));
                            p.table("t").delete(t.id(), t.p(), t.v(), t.s());
                        } else {
                            T t = new T(id++, r.nextInt(8) == 0 ? null : r.nextInt(12), r.nextInt(40),
                                    r.nextInt(5) == 0 ? null : "s" + r.nextInt(4));
                            rows.add(t);
                            p.table("t").insert(t.id(), t.p(), t.v(), t.s());
                        }
                    }
                    p.step();
                    for (View v : VIEWS) {
                        String at = v.name() + ", " + o + ", step " + step + " (seed " + seed + ")";
                        List<String> expected = expected(rows, v);
                        assertTrue(expected.size() > 10, at + ": " + expected.size() + " rows");
                        assertEquals(expected, AppendOnlyTableTest.rows(p.view(v.name()).contents()), at);
                    }
                }
            }
        }
    }

    /** The view's rows, each "row x1" (every row is distinct: it holds the id), sorted. */
    private static List<String> expected(List<T> rows, View view) {
        Map<Integer, List<T>> partitions = new HashMap<>();
        for (T t : rows) partitions.computeIfAbsent(t.p() == null ? Integer.MIN_VALUE : t.p(), k -> new ArrayList<>()).add(t);
        List<String> out = new ArrayList<>();
        for (List<T> part : partitions.values()) {
            for (T t : part) {
                long rank;
                switch (view.kind()) {
                    case "rn": // by v, then id: a total order
                        rank = 1 + part.stream().filter(o -> o.v() < t.v() || (o.v() == t.v() && o.id() < t.id())).count();
                        break;
                    case "rk": // by v: ties share a rank, the next rank skips
                        rank = 1 + part.stream().filter(o -> o.v() < t.v()).count();
                        break;
                    default: // dense, by v descending
                        rank = 1 + part.stream().filter(o -> o.v() > t.v()).map(T::v).distinct().count();
                }
                String row = view.row().apply(new Ranked(t, rank));
                if (row != null) out.add(row + " x1");
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static String nul(Object v) {
        return Objects.toString(v, "NULL");
    }

    private static String str(String s) {
        return s == null ? "NULL" : "'" + s + "'";
    }
}
