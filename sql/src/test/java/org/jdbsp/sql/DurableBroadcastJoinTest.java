package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.state.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable SQL programs keep their {@code BROADCAST}-hinted joins correct across a checkpoint and a restore: a program
 * run on 2 workers, checkpointed and closed (with steps journaled after its checkpoint) is reopened on 1, 2 and 3
 * workers, goes on, is checkpointed and reopened on yet another worker count (1 to 2, 2 to 3, 3 to 1: between the
 * broadcast form and the sharded one of one worker, both ways), and after every step, the replayed ones included,
 * every view equals the same script without its hints, never restored, on one worker and fed the same changes. The
 * joins: the hinted table on the right (a long key and a residual condition) and on the left (long and text keys),
 * a GROUP BY above a hinted join, over tables with deletes and duplicates; and over append-only tables with
 * watermarks, interval joins hinted on either side (whose state the watermarks bound, also after the restore), and a
 * join on a time whose keys the watermarks drop. A broadcast interval join cannot re-partition its state: it is
 * restored onto as many workers as saved it (2 to 2 to 2) or onto one, where it is not broadcast (2 to 1 to 1), and
 * there its state is as large as a program's never restored; onto 3 it is refused, naming the operator, and the
 * checkpoint still opens on 2.
 */
class DurableBroadcastJoinTest {
    @TempDir
    Path dir;

    private static final String HINT = "/\\*\\+ BROADCAST\\(\\w+\\) \\*/";

    private static final String TABLES = """
            CREATE TABLE a (id BIGINT NOT NULL, k BIGINT NOT NULL, x INT, s VARCHAR);
            CREATE TABLE b (id BIGINT NOT NULL, k BIGINT NOT NULL, y INT, s VARCHAR);
            CREATE VIEW long_right AS SELECT /*+ BROADCAST(a) */ b.id, a.x, b.y FROM b JOIN a ON b.k = a.k
                WHERE a.x < b.y;
            CREATE VIEW long_left AS SELECT /*+ BROADCAST(a) */ a.id, a.x, b.id AS bid, b.y FROM a JOIN b
                ON a.k = b.k;
            CREATE VIEW text_left AS SELECT /*+ BROADCAST(a) */ a.id, b.id AS bid FROM a JOIN b
                ON a.s = b.s AND a.k = b.k;
            CREATE VIEW grouped AS SELECT /*+ BROADCAST(a) */ a.k, COUNT(*) AS n, SUM(b.y) AS sy, MAX(a.x) AS mx
                FROM a JOIN b ON a.k = b.k GROUP BY a.k;
            CREATE VIEW by_text AS SELECT g, COUNT(*) AS n FROM (SELECT /*+ BROADCAST(a) */ a.k,
                CASE WHEN b.s IS NULL THEN NULL ELSE b.id END AS g FROM a JOIN b ON a.k = b.k) GROUP BY g;
            """;
    private static final List<String> VIEWS = List.of("long_right", "long_left", "text_left", "grouped", "by_text");

    private static final String TIMED_TABLES = """
            CREATE TABLE au (id BIGINT NOT NULL, cat BIGINT NOT NULL, t TIMESTAMP(3) NOT NULL,
                WATERMARK FOR t AS t - INTERVAL '1' SECOND) WITH ('append_only' = 'true');
            CREATE TABLE bi (auction BIGINT NOT NULL, price BIGINT NOT NULL, t TIMESTAMP(3) NOT NULL,
                WATERMARK FOR t AS t - INTERVAL '1' SECOND) WITH ('append_only' = 'true');
            """;
    private static final String SAME_TIME_JOIN = """
            CREATE VIEW same_time AS SELECT /*+ BROADCAST(A) */ A.id, B.price FROM au A JOIN bi B ON A.t = B.t;
            """;
    private static final String INTERVAL = TIMED_TABLES + SAME_TIME_JOIN + """
            CREATE VIEW near_left AS SELECT /*+ BROADCAST(A) */ A.id, B.price, B.t FROM au A JOIN bi B
                ON A.cat = B.auction WHERE B.t >= A.t - INTERVAL '2' SECOND AND B.t < A.t + INTERVAL '1' SECOND;
            CREATE VIEW near_right AS SELECT /*+ BROADCAST(B) */ A.id, B.price, B.t FROM au A JOIN bi B
                ON A.cat = B.auction WHERE B.t >= A.t - INTERVAL '2' SECOND AND B.t < A.t + INTERVAL '1' SECOND;
            """;
    private static final List<String> INTERVAL_VIEWS = List.of("near_left", "near_right", "same_time");
    private static final String SAME_TIME = TIMED_TABLES + SAME_TIME_JOIN + """
            CREATE VIEW same_time_max AS SELECT /*+ BROADCAST(B) */ A.cat, COUNT(*) AS n, MAX(B.price) AS mx
                FROM au A JOIN bi B ON A.t = B.t GROUP BY A.cat;
            """;
    private static final List<String> SAME_TIME_VIEWS = List.of("same_time", "same_time_max");

    /** The steps the first life runs on 2 workers: a checkpoint after {@link #CHECKPOINT}, the rest journaled. */
    private static final int FIRST = 8;
    private static final int CHECKPOINT = 6;
    /** The second life runs to {@link #SECOND} (a checkpoint after {@link #SECOND_CHECKPOINT}), the third to LAST. */
    private static final int SECOND = 14;
    private static final int SECOND_CHECKPOINT = 12;
    private static final int LAST = 18;

    /** One row inserted into or deleted from a table. */
    private record Change(String table, Object[] row, boolean insert) {
    }

    @Test
    void restoredBroadcastJoinsEqualTheUnhintedProgram() {
        long seed = 20261208L;
        List<List<Change>> batches = tableBatches(seed);
        // the program reopened on 1, 2 and 3 workers, then on 2, 3 and 1
        lives(TABLES, VIEWS, batches, seed, "tables", new int[][] {{1, 2}, {2, 3}, {3, 1}}, false);
    }

    @Test
    void restoredBroadcastJoinsWithWatermarksEqualTheUnhintedProgram() {
        long seed = 71208L;
        List<List<Change>> batches = timedBatches(seed);
        lives(SAME_TIME, SAME_TIME_VIEWS, batches, seed, "same time", new int[][] {{1, 2}, {2, 3}, {3, 1}}, false);
        // a broadcast interval join keeps its rows' times by key, which it does not route by: it is restored onto
        // as many workers, or onto one (where it is not broadcast)
        lives(INTERVAL, INTERVAL_VIEWS, batches, seed, "interval", new int[][] {{2, 2}, {1, 1}}, true);
    }

    @Test
    void aBroadcastIntervalJoinIsNotRestoredOntoMoreWorkers() {
        long seed = 71209L;
        List<List<Change>> batches = timedBatches(seed);
        Path base = dir.resolve("interval");
        DurableSqlProgram d = DurableSqlProgram.open(base, INTERVAL, options(2), null);
        for (int step = 1; step <= FIRST; step++) {
            feed(d.program(), batches.get(step - 1));
            d.step();
        }
        d.checkpoint();
        d.close();
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> DurableSqlProgram.open(base, INTERVAL, options(3), null), "seed " + seed);
        assertTrue(e.getMessage().contains("cannot re-partition its state: restore onto 2 workers"), e.getMessage());
        assertTrue(e.getMessage().contains("join"), e.getMessage());
        // the refusal changed nothing: the checkpoint still opens on 2 workers, and goes on as the unhinted program
        SqlProgram reference = reference(INTERVAL);
        for (int step = 1; step <= FIRST; step++) {
            feed(reference, batches.get(step - 1));
            reference.step();
        }
        DurableSqlProgram back = DurableSqlProgram.open(base, INTERVAL, options(2), null);
        assertEquals(FIRST, back.stepCount(), "seed " + seed);
        assertEquals(0, back.recovery().replayedSteps(), "seed " + seed);
        assertSameViews(reference, back.program(), INTERVAL_VIEWS, "seed " + seed + ", step " + FIRST
                + ", reopened on 2 workers after the refusal");
        for (int step = FIRST + 1; step <= SECOND; step++) {
            feed(reference, batches.get(step - 1));
            reference.step();
            feed(back.program(), batches.get(step - 1));
            back.step();
            assertSameViews(reference, back.program(), INTERVAL_VIEWS, "seed " + seed + ", step " + step
                    + ", reopened on 2 workers after the refusal");
        }
        back.close();
        reference.close();
    }

    /**
     * Runs {@code script} durably on 2 workers to step {@link #FIRST}, then for each move {@code {m, n}}: reopens a
     * copy of its directory on {@code m} workers, runs it to {@link #SECOND}, reopens it on {@code n} and runs it to
     * {@link #LAST}, comparing every view with the unhinted reference after every step and every reopening. With
     * {@code sameState}, at the end of each reopened life the program holds as many state rows as one of its worker
     * count never restored: the watermarks still bound the restored joins' state. (Not with a GROUP BY: a view's
     * contents restored onto more workers than were saved stay on the replica they were restored to, while a group's
     * later changes are made on its owner, so a group changed since has rows on two replicas, which add up to the
     * right contents.)
     */
    private void lives(String script, List<String> views, List<List<Change>> batches, long seed, String name,
                       int[][] moves, boolean sameState) {
        Path base = dir.resolve(name.replace(' ', '_'));
        SqlProgram reference = reference(script);
        DurableSqlProgram first = DurableSqlProgram.open(base, script, options(2), null);
        checkHinted(first.program(), reference, views);
        for (int step = 1; step <= FIRST; step++) {
            feed(reference, batches.get(step - 1));
            reference.step();
            feed(first.program(), batches.get(step - 1));
            first.step();
            assertSameViews(reference, first.program(), views, name + ", seed " + seed + ", step " + step
                    + ", first life on 2 workers");
            if (step == CHECKPOINT / 2 || step == CHECKPOINT) {
                first.checkpoint();
            }
        }
        for (String v : views) {
            assertTrue(reference.view(v).contents().size() >= 10, v + ", " + name + ", seed " + seed + ": only "
                    + reference.view(v).contents().size() + " rows at step " + FIRST);
        }
        first.close();
        reference.close();
        for (int[] move : moves) {
            Path copy = dir.resolve(name.replace(' ', '_') + "_2to" + move[0] + "to" + move[1]);
            copyTree(base, copy);
            SqlProgram ref = reference(script);
            for (int step = 1; step <= FIRST; step++) {
                feed(ref, batches.get(step - 1));
                ref.step();
            }
            String at = name + ", seed " + seed + ", 2 -> " + move[0] + " workers";
            DurableSqlProgram second = reopen(copy, script, move[0], FIRST, CHECKPOINT, at);
            assertSameViews(ref, second.program(), views, at + ", step " + FIRST + " (restored and replayed)");
            assertSameTables(ref, second.program(), at + ", step " + FIRST);
            run(ref, second, batches, FIRST + 1, SECOND, SECOND_CHECKPOINT, views, at);
            if (sameState) {
                assertStateOfNeverRestored(script, move[0], batches, SECOND, second.program(), at);
            }
            second.close();
            at = name + ", seed " + seed + ", 2 -> " + move[0] + " -> " + move[1] + " workers";
            DurableSqlProgram third = reopen(copy, script, move[1], SECOND, SECOND_CHECKPOINT, at);
            assertSameViews(ref, third.program(), views, at + ", step " + SECOND + " (restored and replayed)");
            assertSameTables(ref, third.program(), at + ", step " + SECOND);
            run(ref, third, batches, SECOND + 1, LAST, -1, views, at);
            if (sameState) {
                assertStateOfNeverRestored(script, move[1], batches, LAST, third.program(), at);
            }
            third.close();
            ref.close();
        }
    }

    /** {@code p} holds as many state rows as the hinted script on {@code workers}, never restored, does. */
    private static void assertStateOfNeverRestored(String script, int workers, List<List<Change>> batches, int steps,
                                                   SqlProgram p, String at) {
        try (SqlProgram live = Sql.compile(script, options(workers))) {
            for (int step = 1; step <= steps; step++) {
                feed(live, batches.get(step - 1));
                live.step();
            }
            assertEquals(live.stateRows(), p.stateRows(), at + ", step " + steps
                    + ": state rows of the restored program and of one never restored");
        }
    }

    /** Opens {@code dir} on {@code workers} workers, checking it restored {@code checkpoint} and replayed the rest. */
    private static DurableSqlProgram reopen(Path dir, String script, int workers, long step, long checkpoint,
                                            String at) {
        DurableSqlProgram d = DurableSqlProgram.open(dir, script, options(workers), null);
        assertEquals(step, d.stepCount(), at);
        assertEquals(checkpoint, d.recovery().restored().step(), at);
        assertEquals(step - checkpoint, d.recovery().replayedSteps(), at);
        return d;
    }

    /** Steps {@code from} to {@code to} on both programs, comparing after each; a checkpoint after {@code save}. */
    private static void run(SqlProgram ref, DurableSqlProgram d, List<List<Change>> batches, int from, int to,
                            int save, List<String> views, String at) {
        for (int step = from; step <= to; step++) {
            feed(ref, batches.get(step - 1));
            ref.step();
            feed(d.program(), batches.get(step - 1));
            d.step();
            assertSameViews(ref, d.program(), views, at + ", step " + step);
            if (step == save) {
                d.checkpoint();
            }
        }
    }

    /** The input each view's join broadcasts: the hinted table's side. */
    private static final java.util.Map<String, String> SIDES = java.util.Map.of("long_right", "right", "long_left",
            "left", "text_left", "left", "grouped", "left", "by_text", "left", "same_time", "left",
            "same_time_max", "right",
            "near_left", "left", "near_right", "right");

    /** The hints are in effect in the durable program (one join of each view broadcasts), the reference has none. */
    private static void checkHinted(SqlProgram hinted, SqlProgram reference, List<String> views) {
        for (String v : views) {
            String plan = hinted.explain(v);
            assertEquals(plan.indexOf("broadcasting"), plan.lastIndexOf("broadcasting"), v + ": " + plan);
            assertTrue(plan.contains("broadcasting its " + SIDES.get(v) + " input to every worker"), v + ": " + plan);
            assertFalse(reference.explain(v).contains("broadcasting"), v + ": " + reference.explain(v));
        }
    }

    /** Every view holds the reference's rows, with their weights; a failure names the rows that differ. */
    private static void assertSameViews(SqlProgram reference, SqlProgram p, List<String> views, String at) {
        for (String v : views) {
            List<String> want = WorkerCounts.sorted(reference.view(v).contents());
            List<String> got = WorkerCounts.sorted(p.view(v).contents());
            if (!want.equals(got)) {
                fail(v + ", " + at + ": " + want.size() + " rows expected, " + got.size() + " found; missing "
                        + minus(want, got) + ", unexpected " + minus(got, want));
            }
        }
    }

    /** Up to 10 of the rows of {@code a} (sorted) that {@code b} (sorted) lacks. */
    private static List<String> minus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>();
        int j = 0;
        for (String row : a) {
            while (j < b.size() && b.get(j).compareTo(row) < 0) j++;
            if (j < b.size() && b.get(j).equals(row)) {
                j++;
            } else if (out.size() < 10) {
                out.add(row);
            }
        }
        return out;
    }

    private static void assertSameTables(SqlProgram reference, SqlProgram p, String at) {
        for (String t : reference.tableNames()) {
            if (reference.table(t).watermarkColumn() == null) { // append-only tables here: their rows are not kept
                assertEquals(WorkerCounts.sorted(reference.table(t).contents()),
                        WorkerCounts.sorted(p.table(t).contents()), "table " + t + ", " + at);
            }
            assertEquals(reference.table(t).watermark(), p.table(t).watermark(), "table " + t + ", " + at);
            assertEquals(reference.table(t).lateRows(), p.table(t).lateRows(), "table " + t + ", " + at);
        }
    }

    /** The script without its hints, on one worker, not durable. */
    private static SqlProgram reference(String script) {
        return Sql.compile(script.replaceAll(HINT, ""), SqlOptions.incremental());
    }

    private static SqlOptions options(int workers) {
        return SqlOptions.incremental().withWorkers(workers);
    }

    private static void feed(SqlProgram p, List<Change> batch) {
        for (Change c : batch) {
            if (c.insert()) {
                p.table(c.table()).insert(c.row());
            } else {
                p.table(c.table()).delete(c.row());
            }
        }
    }

    /**
     * {@link #LAST} steps of changes to a and b: 150 rows a step, a fifth of them deleting a live row (duplicates
     * too), keys of 20 values, some NULLs in x, y and s (the text key, whose NULL rows the join keeps under a
     * key standing for NULL, which the checkpoints must write); the checkpoint's step also deletes every row of a
     * of one key.
     */
    private static List<List<Change>> tableBatches(long seed) {
        Random r = new Random(seed);
        List<Object[]> as = new ArrayList<>();
        List<Object[]> bs = new ArrayList<>();
        List<List<Change>> batches = new ArrayList<>();
        for (int step = 1; step <= LAST; step++) {
            List<Change> batch = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                boolean isA = r.nextInt(10) < 3;
                List<Object[]> rows = isA ? as : bs;
                String table = isA ? "a" : "b";
                if (!rows.isEmpty() && r.nextInt(5) == 0) {
                    batch.add(new Change(table, rows.remove(r.nextInt(rows.size())), false));
                } else {
                    Object[] row = {(long) r.nextInt(300), (long) r.nextInt(20),
                        r.nextInt(8) == 0 ? null : r.nextInt(100), r.nextInt(10) == 0 ? null : "s" + r.nextInt(4)};
                    rows.add(row);
                    batch.add(new Change(table, row, true));
                }
            }
            if (step == CHECKPOINT) {
                long k = r.nextInt(20);
                for (int i = as.size() - 1; i >= 0; i--) {
                    if ((long) as.get(i)[1] == k) {
                        batch.add(new Change("a", as.remove(i), false));
                    }
                }
            }
            batches.add(batch);
        }
        return batches;
    }

    /**
     * {@link #LAST} steps of insertions into au and bi: 300 rows a step over about 3 s of event time, up to 390 ms
     * out of order (never late), bids for recent auctions or categories.
     */
    private static List<List<Change>> timedBatches(long seed) {
        Random r = new Random(seed);
        long auctions = 0;
        long time = 1_000_000;
        List<List<Change>> batches = new ArrayList<>();
        for (int step = 1; step <= LAST; step++) {
            List<Change> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                time += 10 * r.nextInt(3);
                long t = time - 10 * r.nextInt(40);
                if (r.nextInt(8) == 0) {
                    batch.add(new Change("au", new Object[] {auctions++, (long) r.nextInt(30), WorkerCounts.ts(t)},
                            true));
                } else {
                    long auction = auctions == 0 ? 0 : Math.max(0, auctions - 1 - r.nextInt(40));
                    batch.add(new Change("bi", new Object[] {r.nextInt(3) == 0 ? auction % 30 : auction,
                        (long) r.nextInt(1000), WorkerCounts.ts(t)}, true));
                }
            }
            batches.add(batch);
        }
        return batches;
    }

    private static void copyTree(Path from, Path to) {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
