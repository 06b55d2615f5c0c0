package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A {@code BROADCAST} hint sends one input of an inner join to every worker and leaves the other's rows where they
 * are: on 1, 2 and 3 workers every view equals the same view without the hint on one worker (which the other join
 * tests check against nested loops), with the hinted table on the left and on the right, keys of one integer
 * column and of text, a residual condition, a GROUP BY and a ROW_NUMBER above the join (which must move its rows,
 * the join's output being routed by no column), a second join, deletes and duplicates; over append-only tables with
 * watermarks, the joins whose state the watermark bounds (an interval join, a join on a time) too. A hint that
 * names no table of its FROM, another hint, a hint on an outer join, on both inputs of a join or on no join is an
 * error naming it.
 */
class BroadcastHintTest {
    private static final String TABLES = """
            CREATE TABLE a (id BIGINT NOT NULL, k BIGINT NOT NULL, x INT, s VARCHAR);
            CREATE TABLE b (id BIGINT NOT NULL, k BIGINT NOT NULL, y INT, s VARCHAR);
            CREATE TABLE c (k BIGINT NOT NULL, z INT);
            CREATE VIEW long_right AS SELECT /*+ BROADCAST(a) */ b.id, a.x, b.y FROM b JOIN a ON b.k = a.k
                WHERE a.x < b.y;
            CREATE VIEW long_left AS SELECT /*+ BROADCAST(a) */ * FROM a JOIN b ON a.k = b.k;
            CREATE VIEW text_key AS SELECT /*+ BROADCAST(small) */ b.id, small.id AS aid
                FROM b JOIN a AS small ON b.s = small.s AND b.k = small.k;
            CREATE VIEW grouped AS SELECT /*+ BROADCAST(a) */ a.k, COUNT(*) AS n, SUM(b.y) AS sy
                FROM a JOIN b ON a.k = b.k GROUP BY a.k;
            CREATE VIEW top1 AS SELECT id, k, y FROM (SELECT /*+ BROADCAST(a) */ b.id, a.k, b.y,
                ROW_NUMBER() OVER (PARTITION BY a.k ORDER BY b.y DESC, b.id) AS rn
                FROM a JOIN b ON a.k = b.k AND b.y IS NOT NULL) WHERE rn <= 1;
            CREATE VIEW three AS SELECT /*+ BROADCAST(c) */ a.id, b.id AS bid, c.z
                FROM a JOIN b ON a.k = b.k JOIN c ON b.k = c.k;
            """;
    private static final List<String> VIEWS = List.of("long_right", "long_left", "text_key", "grouped", "top1",
            "three");

    private static final String TIMED_TABLES = """
            CREATE TABLE au (id BIGINT NOT NULL, cat BIGINT NOT NULL, t TIMESTAMP(3) NOT NULL,
                expires TIMESTAMP(3) NOT NULL, WATERMARK FOR t AS t - INTERVAL '1' SECOND)
                WITH ('append_only' = 'true');
            CREATE TABLE bi (auction BIGINT NOT NULL, price BIGINT NOT NULL, t TIMESTAMP(3) NOT NULL,
                WATERMARK FOR t AS t - INTERVAL '1' SECOND) WITH ('append_only' = 'true');
            """;
    private static final String NEAR = """
            CREATE VIEW near_left AS SELECT /*+ BROADCAST(A) */ A.id, B.price, B.t FROM au A JOIN bi B
                ON A.cat = B.auction WHERE B.t >= A.t - INTERVAL '2' SECOND AND B.t < A.t + INTERVAL '1' SECOND;
            CREATE VIEW near_right AS SELECT /*+ BROADCAST(B) */ A.id, B.price, B.t FROM au A JOIN bi B
                ON A.cat = B.auction WHERE B.t >= A.t - INTERVAL '2' SECOND AND B.t < A.t + INTERVAL '1' SECOND;
            """;
    private static final String TIMED = TIMED_TABLES + NEAR + """
            CREATE VIEW winning AS SELECT id, price FROM (SELECT /*+ BROADCAST(A) */ A.id, B.price,
                ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.t) AS rn
                FROM au A, bi B WHERE A.id = B.auction AND B.t BETWEEN A.t AND A.expires) WHERE rn <= 1;
            CREATE VIEW avg_max AS SELECT cat, SUM(p) AS s, COUNT(*) AS n FROM (SELECT /*+ BROADCAST(au) */
                A.cat, A.id, MAX(B.price) AS p FROM au A JOIN bi B ON A.id = B.auction
                WHERE B.t BETWEEN A.t AND A.expires GROUP BY A.id, A.cat) GROUP BY cat;
            CREATE VIEW same_time AS SELECT /*+ BROADCAST(A) */ A.id, B.price FROM au A JOIN bi B ON A.t = B.t;
            """;
    private static final List<String> TIMED_VIEWS = List.of("winning", "avg_max", "near_left", "near_right",
            "same_time");

    /** The programs: {@code script} without its hints on 1 worker, then with them on 1, 2 and 3. */
    private static List<SqlProgram> programs(String script) {
        List<SqlProgram> programs = new ArrayList<>();
        programs.add(Sql.compile(script.replaceAll("/\\*\\+ BROADCAST\\(\\w+\\) \\*/", ""),
                SqlOptions.incremental()));
        programs.addAll(WorkerCounts.compile(script, 1, 2, 3));
        return programs;
    }

    @Test
    void broadcastJoinsEqualShardedOnes() {
        long seed = 20261207L;
        List<SqlProgram> programs = programs(TABLES);
        try {
            SqlProgram plain = programs.get(0), hinted = programs.get(2);
            assertTrue(hinted.explain("long_right").contains("broadcasting its right input to every worker"),
                    hinted.explain("long_right"));
            assertTrue(hinted.explain("long_left").contains("broadcasting its left input to every worker"),
                    hinted.explain("long_left"));
            assertTrue(hinted.explain("three").contains("broadcasting its right input"), hinted.explain("three"));
            for (String v : VIEWS) {
                assertFalse(plain.explain(v).contains("broadcasting"), plain.explain(v));
                assertEquals(1, count(hinted.explain(v), "broadcasting"), hinted.explain(v));
            }
            Random r = new Random(seed);
            List<Object[]> as = new ArrayList<>();
            List<Object[]> bs = new ArrayList<>();
            for (int step = 0; step < 8; step++) {
                for (int i = 0; i < 400; i++) {
                    int which = r.nextInt(10);
                    List<Object[]> rows = which < 3 ? as : bs;
                    String table = which < 3 ? "a" : which < 9 ? "b" : "c";
                    Object[] row;
                    if (table.equals("c")) {
                        row = new Object[] {(long) r.nextInt(25), r.nextInt(9) == 0 ? null : r.nextInt(100)};
                    } else if (!rows.isEmpty() && r.nextInt(6) == 0) {
                        row = rows.remove(r.nextInt(rows.size()));
                        for (SqlProgram p : programs) p.table(table).delete(row);
                        continue;
                    } else {
                        row = new Object[] {(long) r.nextInt(300), (long) r.nextInt(25),
                            r.nextInt(8) == 0 ? null : r.nextInt(100), r.nextInt(10) == 0 ? null : "s" + r.nextInt(4)};
                        rows.add(row);
                    }
                    for (SqlProgram p : programs) p.table(table).insert(row);
                }
                for (SqlProgram p : programs) p.step();
                WorkerCounts.assertSameViews(programs, VIEWS, 10, "step " + step + " (seed " + seed + ")");
            }
        } finally {
            programs.forEach(SqlProgram::close);
        }
    }

    @Test
    void broadcastJoinsWithWatermarksEqualShardedOnes() {
        long seed = 71207L;
        List<SqlProgram> programs = programs(TIMED);
        // the interval joins alone, broadcast, their views keeping no contents: their state is what the
        // watermarks leave of the rows
        SqlProgram near = Sql.compile(TIMED_TABLES + NEAR,
                SqlOptions.incremental().withWorkers(2).withViewContents(false));
        programs.add(near);
        try {
            SqlProgram hinted = programs.get(2);
            assertTrue(hinted.explain("near_left").contains("broadcasting its left input"), hinted.explain("near_left"));
            assertTrue(hinted.explain("near_right").contains("broadcasting its right input"),
                    hinted.explain("near_right"));
            for (String v : List.of("near_left", "near_right")) {
                assertTrue(hinted.explain(v).contains("dropping the rows no later row can match"), hinted.explain(v));
            }
            assertTrue(hinted.explain("same_time").contains("dropping the keys"), hinted.explain("same_time"));
            Random r = new Random(seed);
            long auctions = 0;
            long time = 1_000_000;
            for (int step = 0; step < 10; step++) {
                for (int i = 0; i < 500; i++) {
                    time += 10 * r.nextInt(3);
                    long t = time - 10 * r.nextInt(40); // up to 390 ms out of order: never late
                    if (r.nextInt(8) == 0) {
                        Object[] row = {auctions++, (long) r.nextInt(30), ts(t), ts(t + 100 + r.nextInt(3000))};
                        for (SqlProgram p : programs) p.table("au").insert(row);
                    } else {
                        long auction = auctions == 0 ? 0 : Math.max(0, auctions - 1 - r.nextInt(40));
                        Object[] row = {r.nextInt(3) == 0 ? auction % 30 : auction, (long) r.nextInt(1000), ts(t)};
                        for (SqlProgram p : programs) p.table("bi").insert(row);
                    }
                }
                for (SqlProgram p : programs) p.step();
                WorkerCounts.assertSameViews(programs.subList(0, 4), TIMED_VIEWS, 5,
                        "step " + step + " (seed " + seed + ")");
                // 500 rows a step over about 5 s of event time: each join keeps the rows of the last 3-4 s (its
                // broadcast side once per worker), about 2,400 in all; 5,000 rows are inserted by the end
                assertTrue(near.stateRows() < 3_000, "step " + step + ": " + near.stateRows() + " state rows");
            }
        } finally {
            programs.forEach(SqlProgram::close);
        }
    }

    @Test
    void onlyTheBroadcastSideMoves() {
        String[][] views = { // view, its exchanges with the hint, without it
            {"long_right", "[exchange:broadcast join]", "[exchange:join, exchange:join]"},
            {"long_left", "[exchange:broadcast join]", "[exchange:join, exchange:join]"},
            {"text_key", "[exchange:broadcast join]", "[exchange:join, exchange:join]"},
            // the join's output is routed by no column: the grouping moves it
            {"grouped", "[exchange:aggregate, exchange:broadcast join]", "[exchange:join, exchange:join]"},
        };
        for (String[] v : views) {
            String view = TABLES.substring(TABLES.indexOf("CREATE VIEW " + v[0] + " "));
            view = view.substring(0, view.indexOf(';') + 1);
            String script = TABLES.substring(0, TABLES.indexOf("CREATE VIEW")) + view;
            for (int hinted = 1; hinted >= 0; hinted--) {
                String s = hinted == 1 ? script : script.replaceAll("/\\*\\+ BROADCAST\\(\\w+\\) \\*/", "");
                try (SqlProgram p = Sql.compile(s, SqlOptions.incremental().withWorkers(2))) {
                    p.profile(true);
                    p.table("a").insert(1L, 1L, 1, "s");
                    p.table("b").insert(2L, 1L, 5, "s");
                    p.step();
                    List<String> exchanges = new ArrayList<>();
                    for (org.jdbsp.circuit.OperatorProfile.Operator o : p.profile().operators()) {
                        if (o.name().startsWith("exchange:")) exchanges.add(o.name().replaceAll("#.*", ""));
                    }
                    exchanges.sort(null);
                    assertEquals(v[2 - hinted], exchanges.toString(), v[0] + (hinted == 1 ? "" : " without the hint"));
                    assertEquals(1, p.view(v[0]).contents().size(), v[0]);
                }
            }
        }
    }

    @Test
    void badHintsAreErrorsNamingThem() {
        String tables = "CREATE TABLE a (k BIGINT NOT NULL, x INT);\nCREATE TABLE b (k BIGINT NOT NULL, y INT);\n";
        String[][] cases = {
            {"SELECT /*+ SHUFFLE_HASH(a) */ * FROM a JOIN b ON a.k = b.k", "line 1, column ",
                "hint shuffle_hash is not supported (jdbsp knows BROADCAST(table, ...))"},
            {"SELECT /*+ BROADCAST(z) */ * FROM a JOIN b ON a.k = b.k",
                "BROADCAST(z): the FROM clause reads no table or view of that name or alias (it reads a, b)"},
            {"SELECT /*+ BROADCAST(a, b) */ * FROM a JOIN b ON a.k = b.k", "name both inputs of one join"},
            {"SELECT /*+ BROADCAST(b) */ * FROM a LEFT JOIN b ON a.k = b.k",
                "the join it names is a left join; jdbsp broadcasts an input of an inner join only"},
            {"SELECT /*+ BROADCAST(a) */ k, COUNT(*) FROM a GROUP BY k",
                "BROADCAST(a): no join of the query has a as an input"},
            {"SELECT /*+ BROADCAST */ * FROM a JOIN b ON a.k = b.k", "BROADCAST needs the names of tables"},
        };
        for (String[] c : cases) {
            SqlProgram p = Sql.compile(tables, SqlOptions.incremental().withWorkers(2));
            SqlException e = assertThrows(SqlException.class, () -> p.execute("CREATE VIEW v AS " + c[0]), c[0]);
            for (int i = 1; i < c.length; i++) {
                assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT)
                        .contains(c[i].toLowerCase(java.util.Locale.ROOT)), c[0] + ": " + e.getMessage());
            }
            p.execute("CREATE VIEW ok AS SELECT /*+ BROADCAST(b) */ a.x, b.y FROM a JOIN b ON a.k = b.k");
            p.close();
        }
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) n++;
        return n;
    }

    private static LocalDateTime ts(long ms) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }
}
