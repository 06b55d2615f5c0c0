package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Event time in DDL ({@code WATERMARK FOR} and {@code LATENESS}): which changes a table ignores as late, the
 * watermark it reports, the errors of its DDL, and the groupings that drop their state below the watermark, whose
 * views must equal those of the same views over a table without a watermark fed the same accepted changes.
 */
class WatermarkTest {
    private static LocalDateTime ts(long ms) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    @Test
    void bothSyntaxesDeclareTheSameWatermark() {
        for (String ddl : List.of(
                "CREATE TABLE ev (id BIGINT NOT NULL, t TIMESTAMP(3), WATERMARK FOR t AS t - INTERVAL '4' SECOND)",
                "CREATE TABLE ev (id BIGINT NOT NULL, t TIMESTAMP LATENESS INTERVAL 4 SECONDS)",
                "CREATE TABLE ev (id BIGINT NOT NULL, t TIMESTAMP LATENESS INTERVAL '4000' MILLISECONDS)",
                "CREATE TABLE ev (id BIGINT NOT NULL, t TIMESTAMP NOT NULL LATENESS INTERVAL '4.000' SECOND)")) {
            SqlProgram p = Sql.compile(ddl + ";\nCREATE VIEW v AS SELECT id FROM ev;");
            SqlTable ev = p.table("ev");
            assertNull(ev.watermark(), ddl);
            ev.insert(1L, ts(10_000));
            assertNull(ev.watermark(), ddl + ": the watermark moves when the step commits");
            p.step();
            assertEquals(ts(6_000), ev.watermark(), ddl);
            ev.insert(2L, ts(5_999)); // late: below 6 s
            ev.insert(3L, ts(6_000)); // on time: at the watermark
            p.step();
            assertEquals(1, ev.lateRows(), ddl);
            assertEquals(2, p.view("v").contents().size(), ddl);
            assertEquals(ts(6_000), ev.watermark(), ddl + ": a row behind the highest time does not move it");
        }
    }

    @Test
    void anIntegerColumnTakesANumberAndAZeroLatenessIsTheColumnItself() {
        SqlProgram p = Sql.compile("CREATE TABLE ev (seq INT NOT NULL LATENESS 10, v INT);\n"
                + "CREATE TABLE ev2 (seq BIGINT, WATERMARK FOR seq AS seq);\n"
                + "CREATE VIEW s AS SELECT SUM(v) AS s FROM ev;");
        p.table("ev").insert(100, 1);
        p.table("ev2").insert(100L);
        p.step();
        assertEquals(90L, p.table("ev").watermark());
        assertEquals(100L, p.table("ev2").watermark());
        p.table("ev").insert(89, 1000); // late
        p.table("ev").insert(90, 2);
        p.table("ev2").insert(99L); // late
        p.table("ev2").insert((Object) null); // a NULL time is never late and moves nothing
        p.step();
        assertEquals(1, p.table("ev").lateRows());
        assertEquals(1, p.table("ev2").lateRows());
        assertEquals(3, ((Number) p.view("s").contents().get(0).get(0)).intValue());
    }

    @Test
    void aLateDeleteIsIgnoredAndTheRowStays() {
        SqlProgram p = Sql.compile("CREATE TABLE ev (id BIGINT NOT NULL, t TIMESTAMP NOT NULL LATENESS INTERVAL 1"
                + " SECOND);\nCREATE VIEW n AS SELECT COUNT(*) AS n FROM ev;");
        p.table("ev").insert(1L, ts(0));
        p.table("ev").insert(2L, ts(5_000));
        p.step();
        p.table("ev").delete(1L, ts(0)); // below the watermark (4 s)
        p.execute("DELETE FROM ev WHERE id = 2"); // at 5 s: on time
        p.step();
        assertEquals(1, p.table("ev").lateRows());
        assertEquals(1, p.table("ev").size());
        assertEquals(1L, p.view("n").contents().get(0).get(0));
        SqlException e = assertThrows(SqlException.class, () -> p.table("ev").delete(3L, ts(0)));
        assertTrue(e.getMessage().contains("no such row"), e.getMessage());
    }

    @Test
    void aTableNoViewReadsCountsItsRowsAndItsLateOnesThroughAWriter() {
        for (String time : List.of("t TIMESTAMP NOT NULL", "t TIMESTAMP")) {
            SqlProgram p = Sql.compile("CREATE TABLE ev (id BIGINT NOT NULL, " + time + ", WATERMARK FOR t AS t -"
                    + " INTERVAL '1' SECOND) WITH ('append_only' = 'true');\nCREATE TABLE other (x INT);\n"
                    + "CREATE VIEW xs AS SELECT x FROM other;");
            RowWriter w = p.table("ev").writer();
            w.set(0, 1L).setTimestamp(1, 10_000).insert();
            p.step();
            w.set(0, 2L).setTimestamp(1, 8_999).insert(); // late
            w.set(0, 3L).setTimestamp(1, 9_000).insert();
            SqlException e = assertThrows(SqlException.class, () -> p.table("ev").writer().set(0, 4L).insert());
            assertTrue(e.getMessage().contains("column t was never set"), e.getMessage());
            p.step();
            assertEquals(2, p.table("ev").size(), time);
            assertEquals(1, p.table("ev").lateRows(), time);
            assertEquals(ts(9_000), p.table("ev").watermark(), time);
        }
    }

    @Test
    void lateRowsOfAFailedStepAreNotCounted() {
        SqlProgram p = Sql.compile("CREATE TABLE ev (v INT NOT NULL, t TIMESTAMP NOT NULL LATENESS INTERVAL 0"
                + " SECOND);\nCREATE VIEW q AS SELECT 10 / v AS q FROM ev;");
        p.table("ev").insert(1, ts(1_000));
        p.step();
        p.table("ev").insert(1, ts(999)); // late
        p.table("ev").insert(0, ts(2_000)); // divides by zero
        assertThrows(SqlException.class, p::step);
        assertEquals(0, p.table("ev").lateRows());
        assertEquals(ts(1_000), p.table("ev").watermark(), "a failed step does not move the watermark");
        p.table("ev").insert(5, ts(3_000));
        p.step();
        assertEquals(2, p.view("q").contents().size());
        assertEquals(ts(3_000), p.table("ev").watermark());
    }

    @Test
    void badWatermarkDdlIsRefusedNamingWhat() {
        String[][] cases = {
                {"CREATE TABLE e (t TIMESTAMP, WATERMARK FOR u AS u - INTERVAL '1' SECOND)", "u is not a column"},
                {"CREATE TABLE e (t VARCHAR, WATERMARK FOR t AS t - INTERVAL '1' SECOND)", "event time is a TIMESTAMP"},
                {"CREATE TABLE e (t TIMESTAMP LATENESS 5)", "must be an INTERVAL, not a number"},
                {"CREATE TABLE e (t BIGINT LATENESS INTERVAL 5 SECONDS)", "must be a number, not an INTERVAL"},
                {"CREATE TABLE e (t TIMESTAMP LATENESS INTERVAL 1 SECOND, u TIMESTAMP LATENESS INTERVAL 1 SECOND)",
                        "two watermarks"},
                {"CREATE TABLE e (t TIMESTAMP, WATERMARK FOR t AS t + INTERVAL '1' SECOND)", "is not supported"},
                {"CREATE TABLE e (t TIMESTAMP, u TIMESTAMP, WATERMARK FOR t AS u)", "is not supported"},
                {"CREATE TABLE e (t TIMESTAMP LATENESS INTERVAL '-1' SECOND)", "must not be negative"},
                {"CREATE TABLE e (t TIMESTAMP LATENESS INTERVAL '1' MONTH)", "unit 'month'"},
                {"CREATE TABLE e (t TIMESTAMP LATENESS INTERVAL '0.0001' SECOND)", "whole number of milliseconds"},
                {"CREATE TABLE e (id INT PRIMARY KEY, t TIMESTAMP LATENESS INTERVAL 1 SECOND)", "primary key"},
        };
        for (String[] c : cases) {
            SqlException e = assertThrows(SqlException.class, () -> Sql.compile(c[0] + ";"), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    // ---- groupings that drop their state ------------------------------------------------------------------------

    private static final String VIEWS = ""
            + "CREATE VIEW tumbles AS SELECT window_start, window_end, k, COUNT(*) AS n, SUM(v) AS s, MAX(v) AS m"
            + " FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, k;\n"
            + "CREATE VIEW hops AS SELECT window_start, COUNT(*) AS n"
            + " FROM TABLE(HOP(TABLE ev, DESCRIPTOR(t), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
            + " WHERE v > 10 GROUP BY window_start;\n"
            + "CREATE VIEW keys AS SELECT DISTINCT k, window_end"
            + " FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '5' SECOND));\n"
            + "CREATE VIEW per_time AS SELECT t, k, COUNT(*) AS n FROM ev GROUP BY t, k;\n"
            + "CREATE VIEW growing AS SELECT window_start, window_end, COUNT(*) AS n, MIN(v) AS lo"
            + " FROM TABLE(CUMULATE(TABLE ev, DESCRIPTOR(t), INTERVAL '2' SECOND, INTERVAL '8' SECOND))"
            + " GROUP BY window_start, window_end;\n"
            + "CREATE VIEW top2 AS SELECT window_start, k, v, id FROM (SELECT window_start, k, v, id, ROW_NUMBER()"
            + " OVER (PARTITION BY window_start, window_end ORDER BY v DESC, id) AS rn"
            + " FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '10' SECOND))) r WHERE rn <= 2;\n"
            + "CREATE VIEW ranked AS SELECT window_end, id, rn FROM (SELECT window_end, id, ROW_NUMBER()"
            + " OVER (PARTITION BY window_end ORDER BY v, id) AS rn"
            + " FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '5' SECOND))) r WHERE rn <= 3;\n"
            + "CREATE VIEW close_pairs AS SELECT a.id AS a, b.id AS b FROM ev a JOIN ev b ON a.k = b.k AND a.v = b.v"
            + " WHERE b.t >= a.t - INTERVAL '2' SECOND AND b.t <= a.t + INTERVAL '1' SECOND;\n"
            + "CREATE VIEW highest AS SELECT e.id, e.v, e.t FROM ev e JOIN (SELECT MAX(v) AS top, window_end AS wend"
            + " FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '10' SECOND)) GROUP BY window_start, window_end) m"
            + " ON e.v = m.top WHERE e.t BETWEEN m.wend - INTERVAL '10' SECOND AND m.wend;\n"
            + "CREATE VIEW maxima AS SELECT window_start, MAX(n) AS top FROM tumbles GROUP BY window_start;\n"
            + "CREATE VIEW leaders AS SELECT t.window_start, t.k, t.n FROM tumbles t JOIN maxima m"
            + " ON t.window_start = m.window_start AND t.n >= m.top;\n"
            + "CREATE VIEW pairs AS SELECT a.k AS ka, b.k AS kb, a.window_end"
            + " FROM (SELECT DISTINCT k, window_end FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '5' SECOND))) a"
            + " JOIN keys b ON a.window_end = b.window_end AND a.k < b.k;\n";

    @Test
    void droppingStateBelowTheWatermarkChangesNoViewAndBoundsTheState() {
        for (long seed = 1; seed <= 3; seed++) {
            for (SqlOptions options : List.of(SqlOptions.incremental(), SqlOptions.incremental().withWorkers(2),
                    SqlOptions.naive())) {
                // views as change streams: the state counted is the operators' alone
                check(seed, options.withViewContents(false));
            }
        }
    }

    private static void check(long seed, SqlOptions options) {
        long lateness = 3_000;
        SqlProgram p = Sql.compile("CREATE TABLE ev (id BIGINT NOT NULL, k INT, v INT NOT NULL, t TIMESTAMP(3) NOT NULL,"
                + " WATERMARK FOR t AS t - INTERVAL '3' SECOND);\n" + VIEWS, options);
        SqlProgram ref = Sql.compile("CREATE TABLE ev (id BIGINT NOT NULL, k INT, v INT NOT NULL,"
                + " t TIMESTAMP(3) NOT NULL);\n" + VIEWS, options);
        Random r = new Random(seed);
        List<Object[]> accepted = new ArrayList<>();
        long max = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        long late = 0;
        long now = 0;
        long refState = 0;
        long maxState = 0;
        int steps = 60;
        for (int step = 0; step < steps; step++) {
            String at = "seed " + seed + ", " + options + ", step " + step;
            int changes = 1 + r.nextInt(200);
            for (int c = 0; c < changes; c++) {
                if (!accepted.isEmpty() && r.nextInt(5) == 0) {
                    Object[] row = accepted.get(r.nextInt(accepted.size()));
                    p.table("ev").delete(row);
                    long t = ((LocalDateTime) row[3]).toInstant(ZoneOffset.UTC).toEpochMilli();
                    if (t < watermark) {
                        late++;
                    } else {
                        accepted.remove(row);
                        ref.table("ev").delete(row);
                    }
                } else {
                    now += r.nextInt(40);
                    long t = now - r.nextInt(4_000); // up to a second later than the lateness allows
                    Object[] row = {(long) step * 1000 + c, r.nextInt(8) == 0 ? null : r.nextInt(5), r.nextInt(30),
                            ts(t)};
                    p.table("ev").insert(row);
                    if (t < watermark) {
                        late++;
                    } else {
                        accepted.add(row);
                        ref.table("ev").insert(row);
                        max = Math.max(max, t);
                    }
                }
            }
            p.step();
            ref.step();
            if (max != Long.MIN_VALUE) watermark = Math.max(watermark, max - lateness);
            assertEquals(late, p.table("ev").lateRows(), at);
            assertEquals(ts(watermark), p.table("ev").watermark(), at);
            for (String v : List.of("tumbles", "hops", "keys", "per_time", "growing", "top2", "ranked", "highest",
                    "close_pairs", "maxima", "leaders", "pairs")) {
                assertEquals(sorted(ref.view(v).changes()), sorted(p.view(v).changes()), at + ", changes of " + v);
            }
            refState = ref.stateRows();
            if (step > steps / 2) maxState = Math.max(maxState, p.stateRows());
        }
        assertTrue(late > 0, "the test makes late rows");
        if (options.mode() != org.jdbsp.circuit.Mode.NAIVE) {
            // the groups the watermark passed are gone: the state is what the last few seconds keep
            assertTrue(maxState * 4 < refState, options + ": state " + maxState + " rows against " + refState
                    + " without a watermark");
        }
    }

    private static List<String> sorted(Rows rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) out.add(rows.get(i) + " x " + rows.weight(i));
        java.util.Collections.sort(out);
        return out;
    }

    @Test
    void daysWrittenAsTextAreDroppedOnceTheWatermarkPassesThem() {
        String views = "CREATE VIEW per_day AS SELECT DATE_FORMAT(t, 'yyyy-MM-dd') AS d, k, COUNT(*) AS n,"
                + " COUNT(DISTINCT v) AS dv, MAX(v) AS top FROM ev GROUP BY DATE_FORMAT(t, 'yyyy-MM-dd'), k;\n"
                + "CREATE VIEW days AS SELECT d, SUM(n) AS n FROM per_day GROUP BY d;\n";
        for (SqlOptions options : List.of(SqlOptions.incremental().withViewContents(false),
                SqlOptions.incremental().withWorkers(2).withViewContents(false))) {
            SqlProgram p = Sql.compile("CREATE TABLE ev (k INT, v INT NOT NULL, t TIMESTAMP NOT NULL LATENESS INTERVAL"
                    + " 2 HOURS) WITH ('append_only' = 'true');\n" + views, options);
            SqlProgram ref = Sql.compile("CREATE TABLE ev (k INT, v INT NOT NULL, t TIMESTAMP NOT NULL)"
                    + " WITH ('append_only' = 'true');\n" + views, options);
            Random r = new Random(7);
            long now = 0;
            long max = Long.MIN_VALUE;
            long wm = Long.MIN_VALUE;
            for (int step = 0; step < 40; step++) {
                for (int c = 0; c < 200; c++) {
                    now += r.nextInt(100_000);
                    long t = now - r.nextInt(3 * 3_600_000); // some an hour later than the lateness allows
                    Object[] row = {r.nextInt(5), r.nextInt(50), ts(t)};
                    p.table("ev").insert(row);
                    if (t >= wm) {
                        ref.table("ev").insert(row);
                        max = Math.max(max, t);
                    }
                }
                p.step();
                ref.step();
                wm = Math.max(wm, max - 2 * 3_600_000L);
                for (String v : List.of("per_day", "days")) {
                    assertEquals(sorted(ref.view(v).changes()), sorted(p.view(v).changes()), options + ", step " + step
                            + ", changes of " + v);
                }
            }
            assertTrue(now > 4 * 86_400_000L, "the run spans days");
            assertTrue(p.stateRows() * 2 < ref.stateRows(), options + ": state " + p.stateRows() + " rows against "
                    + ref.stateRows() + " without a watermark");
            assertTrue(p.explain("per_day").contains("(days) below the watermark of ev"), p.explain("per_day"));
        }
    }

    @Test
    void explainNamesTheDroppedGroupsAndKeys() {
        SqlProgram p = Sql.compile("CREATE TABLE ev (k INT, t TIMESTAMP NOT NULL LATENESS INTERVAL 1 SECOND);\n"
                + "CREATE VIEW v AS SELECT window_start, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '10' SECOND)) GROUP BY window_start;");
        String plan = p.explain("v");
        assertTrue(plan.contains("below the watermark of ev - 9999 ms"), plan);
        assertTrue(plan.contains("window-count"), plan);
        p.execute("CREATE VIEW j AS SELECT a.window_start, a.n, b.n AS m FROM v a JOIN v b"
                + " ON a.window_start = b.window_start");
        String join = p.explain("j");
        assertTrue(join.contains("dropping the keys whose $0 is below the watermarks of ev - 9999 ms and ev - 9999 ms"),
                join);
        p.execute("CREATE VIEW top AS SELECT * FROM (SELECT k, window_start, ROW_NUMBER() OVER (PARTITION BY"
                + " window_start ORDER BY k) AS rn FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '10' SECOND)))"
                + " WHERE rn <= 1");
        p.execute("CREATE VIEW near AS SELECT a.k FROM ev a JOIN ev b ON a.k = b.k"
                + " WHERE b.t >= a.t - INTERVAL '2' SECOND AND b.t < a.t + INTERVAL '1' SECOND");
        String near = p.explain("near");
        assertTrue(near.contains("dropping the rows no later row can match ($1 + [-2000, 1000] ms against $3"), near);
        String top = p.explain("top");
        assertTrue(top.contains("dropping the partitions of column 2 below the watermark of ev - 9999 ms"), top);
    }
}
