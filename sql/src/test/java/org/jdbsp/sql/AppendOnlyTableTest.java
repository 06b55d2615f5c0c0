package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Append-only tables ({@code WITH ('append_only' = 'true')}) keep no contents and refuse deletes; views over them
 * equal views over an ordinary table fed the same rows. Views without contents
 * ({@link SqlOptions#withViewContents(boolean)}) publish the same changes as views with.
 */
class AppendOnlyTableTest {
    private static final String VIEWS = """
            CREATE VIEW per_k AS SELECT k, COUNT(*) AS n, SUM(v) AS s, MAX(v) AS mx FROM t GROUP BY k;
            CREATE VIEW big AS SELECT id, v * 2 AS w FROM t WHERE v > 50;
            """;

    private static String table(boolean appendOnly) {
        return "CREATE TABLE t (id BIGINT NOT NULL, k INT NOT NULL, v INT)"
                + (appendOnly ? " WITH ('append_only' = 'true')" : "") + ";\n";
    }

    @Test
    void viewsOverAnAppendOnlyTableEqualViewsOverAnOrdinaryOne() {
        for (int workers : new int[] {1, 2}) {
            Random r = new Random(7 + workers);
            SqlOptions o = SqlOptions.incremental().withWorkers(workers);
            SqlProgram plain = Sql.compile(table(false) + VIEWS, o);
            SqlProgram append = Sql.compile(table(true) + VIEWS, o);
            SqlProgram changesOnly = Sql.compile(table(true) + VIEWS, o.withViewContents(false));
            long id = 0;
            for (int step = 0; step < 8; step++) {
                int n = r.nextInt(2_000);
                for (int i = 0; i < n; i++) {
                    Object[] row = {id++, r.nextInt(30), r.nextInt(10) == 0 ? null : r.nextInt(100)};
                    plain.table("t").insert(row);
                    append.table("t").insert(row);
                    changesOnly.table("t").insert(row);
                }
                plain.step();
                append.step();
                changesOnly.step();
                for (String v : List.of("per_k", "big")) {
                    String at = workers + " worker(s), step " + step + ", view " + v;
                    assertEquals(rows(plain.view(v).contents()), rows(append.view(v).contents()), at);
                    assertEquals(rows(plain.view(v).changes()), rows(changesOnly.view(v).changes()), at);
                }
                assertEquals(plain.table("t").size(), append.table("t").size());
            }
            SqlException e = assertThrows(SqlException.class, () -> changesOnly.view("per_k").contents());
            assertTrue(e.getMessage().contains("view per_k keeps no contents"), e.getMessage());
            plain.close();
            append.close();
            changesOnly.close();
        }
    }

    /** The rows as sorted lines with their weights (shared with {@link RowBatchTest}). */
    static List<String> rows(Rows rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.get(i) + " x" + rows.weight(i));
        }
        out.sort(null);
        return out;
    }

    @Test
    void deletesReadsAndLateViewsAreRefusedNamingTheTableAndNothingChanges() {
        SqlProgram p = Sql.compile(table(true) + VIEWS);
        assertEquals(List.of(), rows(p.table("t").contents())); // nothing committed yet: nothing to keep
        p.table("t").insert(1L, 1, 10);
        p.execute("INSERT INTO t VALUES (2, 1, 70)");
        p.step();
        String before = rows(p.view("per_k").contents()).toString();
        SqlException e = assertThrows(SqlException.class, () -> p.table("t").delete(1L, 1, 10));
        assertTrue(e.getMessage().contains("table t is append-only: rows cannot be deleted"), e.getMessage());
        e = assertThrows(SqlException.class, () -> p.execute("DELETE FROM t WHERE id = 1"));
        assertTrue(e.getMessage().contains("table t is append-only"), e.getMessage());
        e = assertThrows(SqlException.class, () -> p.execute("UPDATE t SET v = 0"));
        assertTrue(e.getMessage().contains("table t is append-only"), e.getMessage());
        RowWriter w = p.table("t").writer();
        w.set(0, 3L).set(1, 2L).setNull(2);
        e = assertThrows(SqlException.class, w::delete);
        assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        e = assertThrows(SqlException.class, () -> p.table("t").contents());
        assertTrue(e.getMessage().contains("its rows are not kept"), e.getMessage());
        e = assertThrows(SqlException.class, () -> p.query("SELECT COUNT(*) FROM t"));
        assertTrue(e.getMessage().contains("table t is append-only"), e.getMessage());
        e = assertThrows(SqlException.class, () -> p.execute("CREATE VIEW late AS SELECT id FROM t"));
        assertTrue(e.getMessage().contains("append-only table t does not keep its 2 rows"), e.getMessage());
        assertEquals(2, p.table("t").size());
        p.step();
        assertEquals(before, rows(p.view("per_k").contents()).toString());
        assertEquals(List.of("per_k", "big"), p.viewNames());

        e = assertThrows(SqlException.class, () -> Sql.compile(
                "CREATE TABLE k (id INT PRIMARY KEY) WITH ('append_only' = 'true');"));
        assertTrue(e.getMessage().contains("an append-only table cannot have a primary key"), e.getMessage());
        e = assertThrows(SqlException.class, () -> Sql.compile(
                "CREATE TABLE k (id INT) WITH ('append_only' = 'yes');"));
        assertTrue(e.getMessage().contains("'append_only' is 'true' or 'false', got 'yes'"), e.getMessage());
        e = assertThrows(UnsupportedSqlException.class, () -> Sql.compile(
                "CREATE TABLE k (id INT) WITH ('connector' = 'kafka');"));
        assertTrue(e.getMessage().contains("table option 'connector' is not supported"), e.getMessage());
    }

    @Test
    void anAppendOnlyTableNoViewReadsOnlyCountsItsRowsAndRefusesALateReader() {
        SqlProgram p = Sql.compile(table(true) + "CREATE TABLE u (x INT) WITH ('append_only' = 'true');\n"
                + "CREATE VIEW xs AS SELECT x FROM u;");
        p.table("t").insert(1L, 1, 10);
        p.table("u").insert(5);
        assertTrue(p.hasPendingChanges());
        SqlException e = assertThrows(SqlException.class, () -> p.execute("CREATE VIEW ts AS SELECT id FROM t"));
        assertTrue(e.getMessage().contains("append-only table t does not keep its 1 rows"), e.getMessage());
        p.step();
        assertEquals(1, p.table("t").size());
        assertEquals(List.of("(5) x1"), rows(p.view("xs").contents()));
        assertTrue(!p.hasPendingChanges());
    }

    @Test
    void aFailedStepLeavesTheViewsOverAnAppendOnlyTableAsTheyWereAndTheNextStepRuns() {
        for (SqlOptions o : List.of(SqlOptions.incremental(), SqlOptions.incremental().withWorkers(2))) {
            SqlProgram p = Sql.compile("CREATE TABLE e (v INT NOT NULL) WITH ('append_only' = 'true');\n"
                    + "CREATE VIEW q AS SELECT 100 / v AS q FROM e;\n"
                    + "CREATE VIEW n AS SELECT COUNT(*) AS n FROM e;", o);
            p.table("e").insert(4);
            p.step();
            p.table("e").insert(5);
            p.table("e").insert(0); // divides by zero
            SqlException e = assertThrows(SqlException.class, p::step);
            assertTrue(e.getMessage().contains("step 2 failed and its changes are discarded"), e.getMessage());
            assertEquals(List.of("(25) x1"), rows(p.view("q").contents()), o.toString());
            p.table("e").insert(10);
            p.step();
            assertEquals(List.of("(10) x1", "(25) x1"), rows(p.view("q").contents()), o.toString());
            assertEquals(List.of("(2) x1"), rows(p.view("n").contents()), o.toString());
        }
    }
}
