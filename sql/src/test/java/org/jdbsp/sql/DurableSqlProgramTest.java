package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.jdbsp.circuit.state.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable SQL programs: a program reopened after crashes at several points (between steps, with changes pushed
 * but not stepped, before its first checkpoint) ends with the tables, views, watermarks and late counts of the
 * program that never crashed, and its per-step view changes reach a deduplicating consumer once. The script's
 * definitions are fixed: DDL is refused, another script's state is refused.
 */
class DurableSqlProgramTest {
    @TempDir
    Path dir;

    static final String SCRIPT = """
            CREATE TABLE customers (id BIGINT NOT NULL PRIMARY KEY, region VARCHAR NOT NULL);
            CREATE TABLE orders (id BIGINT NOT NULL, customer BIGINT NOT NULL, amount DECIMAL(10,2),
                t TIMESTAMP(3) NOT NULL, WATERMARK FOR t AS t - INTERVAL '2' SECOND);
            CREATE TABLE clicks (id BIGINT NOT NULL, page VARCHAR) WITH ('append_only' = 'true');
            CREATE TABLE visits (page VARCHAR, t TIMESTAMP(3) NOT NULL, WATERMARK FOR t AS t - INTERVAL '2' SECOND)
                WITH ('append_only' = 'true');
            CREATE VIEW revenue AS SELECT c.region, SUM(o.amount) AS total, COUNT(*) AS n
                FROM orders o JOIN customers c ON o.customer = c.id GROUP BY c.region;
            CREATE VIEW per_window AS SELECT window_start, customer, COUNT(*) AS n, MAX(amount) AS mx
                FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(t), INTERVAL '5' SECOND))
                GROUP BY window_start, window_end, customer;
            CREATE VIEW per_hop AS SELECT window_start, customer, COUNT(*) AS n
                FROM TABLE(HOP(TABLE orders, DESCRIPTOR(t), INTERVAL '2' SECOND, INTERVAL '6' SECOND))
                GROUP BY window_start, window_end, customer;
            CREATE VIEW top2 AS SELECT id, customer, amount FROM (SELECT id, customer, amount,
                ROW_NUMBER() OVER (PARTITION BY customer ORDER BY amount DESC, id) AS rn FROM orders) WHERE rn <= 2;
            CREATE VIEW regions AS SELECT DISTINCT region FROM customers;
            CREATE VIEW pages AS SELECT page, COUNT(*) AS n FROM clicks GROUP BY page;
            CREATE VIEW visits_per_window AS SELECT window_start, COUNT(*) AS n, MAX(page) AS last_page
                FROM TABLE(TUMBLE(TABLE visits, DESCRIPTOR(t), INTERVAL '3' SECOND)) GROUP BY window_start, window_end;
            CREATE VIEW busiest_page AS SELECT window_start, MAX(n) AS mx FROM (SELECT page, window_start, window_end,
                COUNT(*) AS n FROM TABLE(TUMBLE(TABLE visits, DESCRIPTOR(t), INTERVAL '3' SECOND))
                GROUP BY page, window_start, window_end) GROUP BY window_start, window_end;
            CREATE VIEW per_customer AS SELECT c.id, c.region, COUNT(*) AS n, SUM(o.amount) AS total
                FROM orders o JOIN customers c ON o.customer = c.id GROUP BY c.id, c.region;
            CREATE VIEW best_order AS SELECT customer, id, amount FROM (SELECT o.customer, o.id, o.amount,
                ROW_NUMBER() OVER (PARTITION BY c.region, o.customer ORDER BY o.amount DESC, o.id) AS rn
                FROM orders o JOIN customers c ON o.customer = c.id) WHERE rn <= 1;
            """;

    /**
     * per_hop's orders move by customer before their windows are made; per_customer and best_order group and rank
     * by the join's key and another column: no exchange after the join; visits_per_window and busiest_page (from
     * the insertions of its counts) aggregate each worker's rows of a step first.
     */
    static final List<String> VIEWS = List.of("revenue", "per_window", "per_hop", "top2", "regions", "pages",
            "visits_per_window", "busiest_page", "per_customer", "best_order");

    private static LocalDateTime ts(long ms) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    /** Step {@code step}'s changes, the same every time (a source that re-sends what no step took). */
    static void push(SqlProgram p, long step, List<Long> live) {
        Random r = new Random(step * 7919);
        for (int i = 0; i < 20; i++) {
            long id = step * 100 + i;
            long t = step * 1000 + r.nextInt(6000) - 5000; // some late
            p.table("orders").insert(id, (long) r.nextInt(8), BigDecimal.valueOf(r.nextInt(100_000), 2), ts(t));
            p.table("clicks").insert(id, "p" + r.nextInt(4));
            p.table("visits").insert("p" + r.nextInt(40), ts(t));
        }
        p.table("customers").upsert((long) r.nextInt(8), "r" + r.nextInt(3));
    }

    static final class Consumer implements DurableSqlProgram.StepListener {
        final TreeMap<Long, List<Row>> seen = new TreeMap<>();

        @Override
        public void afterStep(long step, SqlProgram program) {
            seen.putIfAbsent(step, List.copyOf(program.view("revenue").changes()));
        }
    }

    @Test
    void reopenedProgramEndsAsTheOneThatNeverCrashed() {
        for (int workers : new int[] {1, 2}) {
            SqlOptions options = SqlOptions.incremental().withWorkers(workers);
            Path d = dir.resolve("w" + workers);
            SqlProgram reference = Sql.compile(SCRIPT, options);
            Consumer expected = new Consumer();
            for (long step = 1; step <= 24; step++) {
                push(reference, step, null);
                reference.step();
                expected.afterStep(step, reference);
            }
            Consumer consumer = new Consumer();
            long[] crashAfter = {5, 11, 18, 24};
            long[] checkpointEvery = {100, 4, 3, 5}; // the first life crashes before any checkpoint
            for (int life = 0; life < crashAfter.length; life++) {
                DurableSqlProgram d1 = DurableSqlProgram.open(d, SCRIPT, options, consumer);
                assertEquals(life == 0 ? 0 : crashAfter[life - 1], d1.stepCount(), "life " + life);
                while (d1.stepCount() < crashAfter[life]) {
                    push(d1.program(), d1.stepCount() + 1, null);
                    d1.step();
                    if (d1.stepCount() % checkpointEvery[life] == 0) {
                        d1.checkpoint();
                    }
                }
                if (life == 1) {
                    push(d1.program(), d1.stepCount() + 1, null); // pushed, never stepped: lost with the crash
                }
            }
            DurableSqlProgram last = DurableSqlProgram.open(d, SCRIPT, options, consumer);
            SqlProgram p = last.program();
            for (String v : VIEWS) {
                assertEquals(reference.view(v).contents(), p.view(v).contents(), v + ", " + workers + " workers");
            }
            assertEquals(reference.table("customers").contents(), p.table("customers").contents());
            assertEquals(reference.table("orders").lateRows(), p.table("orders").lateRows());
            assertTrue(p.table("orders").lateRows() > 0, "some orders came late");
            assertEquals(reference.table("orders").watermark(), p.table("orders").watermark());
            assertEquals(reference.table("clicks").size(), p.table("clicks").size());
            assertEquals(expected.seen, consumer.seen, "each step's changes once");
            // and it goes on as the reference does
            push(reference, 25, null);
            reference.step();
            push(p, 25, null);
            last.step();
            for (String v : VIEWS) {
                assertEquals(reference.view(v).changes(), p.view(v).changes(), v + " after recovery");
            }
            last.close();
            reference.close();
        }
    }

    @Test
    void definitionsAreFixed() {
        DurableSqlProgram d = DurableSqlProgram.open(dir, SCRIPT, SqlOptions.incremental(), null);
        SqlException ddl = assertThrows(SqlException.class, () -> d.program().execute("CREATE VIEW x AS SELECT 1"));
        assertTrue(ddl.getMessage().contains("durable"), ddl.getMessage());
        push(d.program(), 1, null);
        d.step();
        d.checkpoint();
        d.close();
        CheckpointException other = assertThrows(CheckpointException.class, () -> DurableSqlProgram.open(dir,
                SCRIPT + "CREATE VIEW extra AS SELECT COUNT(*) AS n FROM orders;", SqlOptions.incremental(), null));
        assertTrue(other.getMessage().contains("different circuit"), other.getMessage());
        // a table whose columns changed, with the same views, is another script too
        CheckpointException columns = assertThrows(CheckpointException.class, () -> DurableSqlProgram.open(dir,
                SCRIPT.replace("region VARCHAR NOT NULL", "region VARCHAR NOT NULL, since DATE"),
                SqlOptions.incremental(), null));
        assertTrue(columns.getMessage().contains("different circuit"), columns.getMessage());
        assertThrows(SqlException.class, () -> DurableSqlProgram.open(dir.resolve("x"),
                "CREATE TABLE t (a INT); INSERT INTO t VALUES (1);", SqlOptions.incremental(), null));
    }

    @Test
    void aFailingStepIsDiscardedBeforeAndAfterTheCrash() {
        String script = "CREATE TABLE t (a INT NOT NULL); CREATE VIEW q AS SELECT 100 / a AS x FROM t;";
        DurableSqlProgram d = DurableSqlProgram.open(dir, script, SqlOptions.incremental(), null);
        d.program().table("t").insert(5);
        d.step();
        d.program().table("t").insert(0);
        assertThrows(SqlException.class, d::step);
        DurableSqlProgram back = DurableSqlProgram.open(dir, script, SqlOptions.incremental(), null);
        assertEquals(1, back.stepCount());
        assertEquals(1, back.program().view("q").contents().size());
        assertTrue(back.recovery().notes().toString().contains("failed again"), back.recovery().notes().toString());
        back.program().table("t").insert(4);
        back.step();
        assertEquals(2, back.program().view("q").contents().size());
    }

    @Test
    void checkpointsByHandRestoreOntoAnotherWorkerCount() {
        int[][] moves = {{1, 2}, {2, 1}, {2, 3}};
        for (int[] move : moves) {
            SqlProgram live = Sql.compile(SCRIPT, SqlOptions.incremental().withWorkers(move[0]));
            for (long step = 1; step <= 10; step++) {
                push(live, step, null);
                live.step();
            }
            org.jdbsp.circuit.CheckpointStore store = org.jdbsp.circuit.CheckpointStore.open(
                    dir.resolve(move[0] + "to" + move[1]));
            live.checkpoint(store);
            SqlProgram back = Sql.compile(SCRIPT, SqlOptions.incremental().withWorkers(move[1]));
            assertEquals(10, back.restore(store).orElseThrow().step());
            assertEquals(10, back.stepCount());
            for (long step = 11; step <= 16; step++) {
                push(live, step, null);
                live.step();
                push(back, step, null);
                back.step();
                for (String v : VIEWS) {
                    assertEquals(live.view(v).changes(), back.view(v).changes(), v + ", step " + step + ", "
                            + move[0] + " -> " + move[1] + " workers");
                }
            }
            for (String v : VIEWS) {
                assertEquals(live.view(v).contents(), back.view(v).contents(), v);
            }
            assertEquals(live.table("orders").lateRows(), back.table("orders").lateRows());
            live.close();
            back.close();
        }
    }
}
