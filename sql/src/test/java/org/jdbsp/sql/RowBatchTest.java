package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A {@link RowBatch} filled by a {@link RowWriter} and inserted whole does what inserting its rows one by one does,
 * for every kind of table: ordinary, with a primary key, append-only with and without a watermark, read by a
 * view or not.
 */
class RowBatchTest {
    private static final List<String> TABLES = List.of(
            "CREATE TABLE t (id BIGINT NOT NULL, k INT NOT NULL, ts TIMESTAMP)",
            "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, k INT NOT NULL, ts TIMESTAMP)",
            "CREATE TABLE t (id BIGINT NOT NULL, k INT NOT NULL, ts TIMESTAMP) WITH ('append_only' = 'true')",
            "CREATE TABLE t (id BIGINT NOT NULL, k INT NOT NULL, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2'"
                    + " SECOND) WITH ('append_only' = 'true')",
            "CREATE TABLE t (id BIGINT NOT NULL, k INT NOT NULL, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2'"
                    + " SECOND)");
    private static final String VIEWS = "CREATE VIEW per_k AS SELECT k, COUNT(*) AS n, MAX(ts) AS last FROM t"
            + " GROUP BY k;\n";

    @Test
    void aBatchInsertsWhatItsRowsInsertedOneByOneWould() {
        long seed = 20261207L;
        for (String table : TABLES) {
            for (boolean read : new boolean[] {true, false}) {
                for (int workers : new int[] {1, 2}) {
                    String script = table + ";\n" + (read ? VIEWS : "CREATE TABLE o (x INT);\n");
                    String at = table + (read ? "" : " (no view reads it)") + ", " + workers + " worker(s), seed "
                            + seed;
                    SqlOptions o = SqlOptions.incremental().withWorkers(workers);
                    try (SqlProgram single = Sql.compile(script, o); SqlProgram batched = Sql.compile(script, o)) {
                        compare(single, batched, new Random(seed), read, at);
                    }
                }
            }
        }
    }

    private static void compare(SqlProgram single, SqlProgram batched, Random r, boolean read, String at) {
        RowWriter one = single.table("t").writer();
        SqlTable t = batched.table("t");
        RowWriter w = t.writer();
        RowBatch batch = t.newBatch();
        long id = 0;
        for (int step = 0; step < 6; step++) {
            int n = r.nextInt(3_000); // grows the batch's array past its first size
            for (int i = 0; i < n; i++) {
                long rowId = r.nextInt(4) == 0 && id > 0 ? r.nextInt((int) id) : id++; // some repeat a key
                int k = r.nextInt(20);
                long time = step * 1_000L + r.nextInt(4_000) - 1_500; // some late
                one.set(0, rowId).set(1, k);
                w.set(0, rowId).set(1, k);
                if (r.nextInt(10) == 0) {
                    one.setNull(2);
                    w.setNull(2);
                } else {
                    one.setTimestamp(2, time);
                    w.setTimestamp(2, time);
                }
                one.insert();
                w.addTo(batch);
            }
            assertEquals(n, batch.size(), at);
            t.insert(batch);
            batch.clear();
            assertEquals(0, batch.size(), at);
            single.step();
            batched.step();
            String s = at + ", step " + step;
            assertEquals(single.table("t").size(), t.size(), s);
            assertEquals(single.table("t").lateRows(), t.lateRows(), s);
            assertEquals(single.table("t").watermark(), t.watermark(), s);
            if (read) {
                assertEquals(rows(single.view("per_k").contents()), rows(batched.view("per_k").contents()), s);
                assertEquals(rows(single.view("per_k").changes()), rows(batched.view("per_k").changes()), s);
            }
        }
        assertTrue(t.size() > 0, at);
    }

    @Test
    void aBatchIsCheckedWhenItsRowsAreAddedAndBelongsToOneTable() {
        try (SqlProgram p = Sql.compile("CREATE TABLE t (id BIGINT NOT NULL, v VARCHAR(3));\n"
                + "CREATE TABLE u (id BIGINT NOT NULL, v VARCHAR(3));\n"); SqlProgram q = Sql.compile(
                        "CREATE TABLE t (id BIGINT NOT NULL, v VARCHAR(3));")) {
            RowWriter w = p.table("t").writer();
            RowBatch batch = p.table("t").newBatch();
            assertEquals("t", batch.table());
            SqlException e = assertThrows(SqlException.class, () -> w.set(0, 1L).addTo(batch));
            assertTrue(e.getMessage().contains("insert into t: column v was never set"), e.getMessage());
            e = assertThrows(SqlException.class, () -> w.set(1, "long"));
            assertTrue(e.getMessage().contains("column v"), e.getMessage());
            w.set(1, "ab").addTo(batch);
            e = assertThrows(SqlException.class, () -> p.table("u").writer().set(0, 2L).set(1, "x").addTo(batch));
            assertTrue(e.getMessage().contains("a row of table u cannot go into a batch of table t"), e.getMessage());
            e = assertThrows(SqlException.class, () -> q.table("t").writer().set(0, 2L).set(1, "x").addTo(batch));
            assertTrue(e.getMessage().contains("of another program"), e.getMessage());
            e = assertThrows(SqlException.class, () -> p.table("u").insert(batch));
            assertTrue(e.getMessage().contains("insert into u: the batch is of table t"), e.getMessage());
            e = assertThrows(SqlException.class, () -> q.table("t").insert(batch));
            assertTrue(e.getMessage().contains("of another program"), e.getMessage());
            e = assertThrows(SqlException.class, () -> p.table("t").insert((RowBatch) null));
            assertTrue(e.getMessage().contains("the batch is null"), e.getMessage());
            e = assertThrows(SqlException.class, () -> w.addTo(null));
            assertTrue(e.getMessage().contains("the batch is null"), e.getMessage());
            assertEquals(1, batch.size()); // the refused rows were not added
            assertTrue(!p.hasPendingChanges());
            p.table("t").insert(batch);
            p.table("t").insert(batch); // a batch keeps its rows until cleared
            p.step();
            assertEquals(List.of("(1, 'ab') x2"), rows(p.table("t").contents()));
            p.table("t").delete(1L, "ab");
            p.step();
            assertEquals(List.of("(1, 'ab') x1"), rows(p.table("t").contents()));
        }
    }

    private static List<String> rows(Rows rows) {
        return AppendOnlyTableTest.rows(rows);
    }
}
