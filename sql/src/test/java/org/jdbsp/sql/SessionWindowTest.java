package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code SESSION} windows counted per key against a plain-Java sessionization (per key, sort the times; a new
 * session starts where the next time is more than the gap after the last), step by step over random inserts and
 * deletes, incremental, naive and on 2 workers; over a table with a watermark, the same over the accepted rows with
 * the sessions' state dropped as the watermark passes them.
 */
class SessionWindowTest {
    private static final long GAP = 1_000;

    private static LocalDateTime ts(long ms) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    record Event(long id, Integer k, long t) {
    }

    @Test
    void sessionCountsEqualThePlainSessionization() {
        for (long seed = 1; seed <= 3; seed++) {
            for (SqlOptions o : List.of(SqlOptions.incremental(), SqlOptions.naive(),
                    SqlOptions.incremental().withWorkers(2))) {
                check(seed, o, false);
                check(seed, o, true);
            }
        }
    }

    private static void check(long seed, SqlOptions options, boolean watermark) {
        SqlProgram p = Sql.compile("CREATE TABLE ev (id BIGINT NOT NULL, k INT" + (watermark ? " NOT NULL" : "")
                + ", t TIMESTAMP(3) NOT NULL" + (watermark ? ", WATERMARK FOR t AS t - INTERVAL '2' SECOND" : "")
                + ");\nCREATE VIEW s AS SELECT k, COUNT(*) AS n, window_start, window_end"
                + " FROM TABLE(SESSION(TABLE ev, DESCRIPTOR(t), DESCRIPTOR(k), INTERVAL '1' SECOND))"
                + " GROUP BY k, window_start, window_end;", options);
        Random r = new Random(seed);
        List<Event> table = new ArrayList<>();
        long now = 0;
        long max = Long.MIN_VALUE;
        long wm = Long.MIN_VALUE;
        for (int step = 0; step < 25; step++) {
            String at = "seed " + seed + ", " + options + ", watermark " + watermark + ", step " + step;
            for (int c = 0, n = 1 + r.nextInt(150); c < n; c++) {
                if (!watermark && !table.isEmpty() && r.nextInt(4) == 0) {
                    Event e = table.remove(r.nextInt(table.size()));
                    p.table("ev").delete(e.id(), e.k(), ts(e.t()));
                } else {
                    now += r.nextInt(120);
                    long t = watermark ? now - r.nextInt(2_500) : r.nextInt(60_000) - 5_000;
                    // with a watermark, keys far apart enough in time that sessions close
                    Integer k = !watermark && r.nextInt(10) == 0 ? null : r.nextInt(watermark ? 40 : 4);
                    Event e = new Event(step * 1000L + c, k, t);
                    p.table("ev").insert(e.id(), e.k(), ts(e.t()));
                    if (t >= wm) {
                        table.add(e);
                        max = Math.max(max, t);
                    }
                }
            }
            p.step();
            if (watermark) wm = Math.max(wm, max - 2_000);
            assertEquals(expected(table), actual(p.view("s").contents()), at);
        }
        if (watermark && options.mode() != org.jdbsp.circuit.Mode.NAIVE) {
            // the program's state counts the view's rows too: the operator's own is what is left
            long state = p.stateRows() - p.view("s").contents().size();
            assertTrue(state < table.size() / 4, options + ": state " + state + " for " + table.size() + " rows");
        }
    }

    private static List<String> expected(List<Event> table) {
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (Event e : table) byKey.computeIfAbsent(String.valueOf(e.k()), x -> new ArrayList<>()).add(e.t());
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Long>> en : byKey.entrySet()) {
            List<Long> ts = en.getValue();
            Collections.sort(ts);
            int from = 0;
            for (int i = 1; i <= ts.size(); i++) {
                if (i == ts.size() || ts.get(i) - ts.get(i - 1) > GAP) {
                    out.add(en.getKey() + " " + (i - from) + " " + ts(ts.get(from)) + " " + ts(ts.get(i - 1) + GAP));
                    from = i;
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    private static List<String> actual(Rows rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            for (long w = 0; w < rows.weight(i); w++) {
                out.add(row.get(0) + " " + row.get(1) + " " + row.get(2) + " " + row.get(3));
            }
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void otherUsesOfSessionAreRefusedNamingWhy() {
        SqlProgram p = Sql.compile("CREATE TABLE ev (k INT, v INT, t TIMESTAMP);");
        String f = "TABLE(SESSION(TABLE ev, DESCRIPTOR(t), DESCRIPTOR(k), INTERVAL '1' SECOND))";
        String[][] cases = {
                {"SELECT k, window_start FROM " + f, "under a GROUP BY"},
                {"SELECT k, SUM(v) FROM " + f + " GROUP BY k, window_start, window_end", "only COUNT(*)"},
                {"SELECT window_start, COUNT(*) FROM " + f + " GROUP BY window_start, window_end", "exactly the session's key"},
        };
        for (String[] c : cases) {
            SqlException e = assertThrows(SqlException.class, () -> p.execute("CREATE VIEW x AS " + c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
