package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code TUMBLE}, {@code HOP} and {@code CUMULATE} window table functions against a plain-Java enumeration of the
 * windows, over
 * random inserts and deletes (times before and after the epoch, NULL times, sizes that are not multiples of the
 * slide, slides longer than the size, offsets), step by step; the views maintained incrementally, on 1 and 2
 * workers.
 */
class WindowTableFunctionTest {
    /**
     * A window function's parameters in milliseconds; {@code slide == size} for a tumble; for a cumulate the slide
     * is its step.
     */
    record Spec(String sql, long size, long slide, long offset) {
        Spec {
            if (sql.startsWith("CUMULATE") && size % slide != 0) throw new IllegalArgumentException(sql);
        }

        /** The windows {start, end} that contain time {@code t}, enumerated from the definition. */
        List<long[]> windows(long t) {
            List<long[]> out = new ArrayList<>();
            if (sql.startsWith("CUMULATE")) {
                long s0 = Math.floorDiv(t - offset, size) * size + offset;
                for (long end = s0 + slide; end <= s0 + size; end += slide) {
                    if (end > t) out.add(new long[] {s0, end});
                }
                return out;
            }
            for (long start = Math.floorDiv(t - offset, slide) * slide + offset; start + size > t; start -= slide) {
                out.add(new long[] {start, start + size});
            }
            return out;
        }
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '10' SECOND)", 10_000, 10_000, 0),
            new Spec("TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '7' SECOND, INTERVAL '3' SECOND)", 7_000, 7_000, 3_000),
            new Spec("HOP(TABLE ev, DESCRIPTOR(t), INTERVAL '2' SECOND, INTERVAL '10' SECOND)", 10_000, 2_000, 0),
            new Spec("HOP(TABLE ev, DESCRIPTOR(t), INTERVAL '3' SECOND, INTERVAL '10' SECOND)", 10_000, 3_000, 0),
            new Spec("HOP(TABLE ev, DESCRIPTOR(t), INTERVAL '5' SECOND, INTERVAL '2' SECOND)", 2_000, 5_000, 0),
            new Spec("HOP(TABLE ev, DESCRIPTOR(t), INTERVAL '4' SECOND, INTERVAL '6' SECOND, INTERVAL '1' SECOND)",
                    6_000, 4_000, 1_000),
            new Spec("CUMULATE(TABLE ev, DESCRIPTOR(t), INTERVAL '2' SECOND, INTERVAL '10' SECOND)", 10_000, 2_000, 0),
            new Spec("CUMULATE(TABLE ev, DESCRIPTOR(t), INTERVAL '3' SECOND, INTERVAL '9' SECOND, INTERVAL '1' SECOND)",
                    9_000, 3_000, 1_000));

    record Event(long id, Integer k, Long t) {
    }

    @Test
    void windowedRowsAndCountsEqualTheEnumeratedWindows() {
        for (int workers : new int[] {1, 2}) {
            for (long seed = 1; seed <= 4; seed++) {
                check(seed, workers);
            }
        }
    }

    private static void check(long seed, int workers) {
        StringBuilder script = new StringBuilder(
                "CREATE TABLE ev (id BIGINT NOT NULL, k INT, t TIMESTAMP(3));\n");
        for (int i = 0; i < SPECS.size(); i++) {
            String f = "TABLE(" + SPECS.get(i).sql() + ")";
            script.append("CREATE VIEW rows").append(i).append(" AS SELECT id, k, t, window_start, window_end FROM ")
                    .append(f).append(";\n");
            // some columns, reordered: the window function makes only these (the projection fused in)
            script.append("CREATE VIEW picks").append(i).append(" AS SELECT window_end, k, window_start FROM ")
                    .append(f).append(";\n");
            script.append("CREATE VIEW counts").append(i).append(" AS SELECT window_start, window_end, COUNT(*) AS n,")
                    .append(" SUM(k) AS s FROM ").append(f).append(" GROUP BY window_start, window_end;\n");
        }
        SqlProgram p = Sql.compile(script.toString(), SqlOptions.incremental().withWorkers(workers));
        Random r = new Random(seed);
        List<Event> table = new ArrayList<>();
        long nextId = 0;
        for (int step = 0; step < 12; step++) {
            String at = "seed " + seed + ", " + workers + " worker(s), step " + step;
            int changes = 1 + r.nextInt(300);
            for (int c = 0; c < changes; c++) {
                if (!table.isEmpty() && r.nextInt(4) == 0) {
                    Event e = table.remove(r.nextInt(table.size()));
                    p.table("ev").delete(e.id(), e.k(), time(e.t()));
                } else {
                    Long t = r.nextInt(20) == 0 ? null : (long) (r.nextInt(120_000) - 60_000);
                    Integer k = r.nextInt(10) == 0 ? null : r.nextInt(100);
                    Event e = new Event(nextId++, k, t);
                    table.add(e);
                    p.table("ev").insert(e.id(), e.k(), time(e.t()));
                }
            }
            p.step();
            for (int i = 0; i < SPECS.size(); i++) {
                Spec s = SPECS.get(i);
                List<String> rows = new ArrayList<>();
                List<String> picks = new ArrayList<>();
                java.util.Map<List<Long>, long[]> counts = new java.util.TreeMap<>(
                        java.util.Comparator.<List<Long>, Long>comparing(w -> w.get(0)).thenComparing(w -> w.get(1)));
                for (Event e : table) {
                    if (e.t() == null) {
                        continue;
                    }
                    for (long[] w : s.windows(e.t())) {
                        rows.add(e.id() + "|" + e.k() + "|" + time(e.t()) + "|" + time(w[0]) + "|" + time(w[1]));
                        picks.add(time(w[1]) + "|" + (e.k() == null ? "null" : e.k()) + "|" + time(w[0]));
                        long[] n = counts.computeIfAbsent(List.of(w[0], w[1]), x -> new long[3]);
                        n[0]++;
                        if (e.k() != null) {
                            n[1] += e.k();
                            n[2]++;
                        }
                    }
                }
                List<String> expectedCounts = new ArrayList<>();
                counts.forEach((w, n) -> expectedCounts.add(time(w.get(0)) + "|" + time(w.get(1)) + "|"
                        + n[0] + "|" + (n[2] == 0 ? "null" : String.valueOf(n[1]))));
                assertEquals(sorted(rows), contents(p, "rows" + i), at + ", " + s.sql());
                assertEquals(sorted(picks), contents(p, "picks" + i), at + ", " + s.sql());
                assertEquals(sorted(expectedCounts), contents(p, "counts" + i), at + ", " + s.sql());
            }
        }
    }

    private static LocalDateTime time(Long millis) {
        return millis == null ? null : LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    private static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        c.sort(null);
        return c;
    }

    private static List<String> contents(SqlProgram p, String view) {
        Rows rows = p.view(view).contents();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    sb.append('|');
                }
                sb.append(row.isNull(c) ? "null" : String.valueOf(row.get(c)));
            }
            for (long w = 0; w < rows.weight(i); w++) {
                out.add(sb.toString());
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void unsupportedWindowArgumentsAreNamed() {
        String table = "CREATE TABLE ev (id BIGINT NOT NULL, d DATE, t TIMESTAMP);\n";
        SqlException e = assertThrows(SqlException.class, () -> Sql.compile(table
                + "CREATE VIEW v AS SELECT * FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(d), INTERVAL '1' DAY));"));
        // Calcite's validator: the descriptor must name a TIMESTAMP column
        assertTrue(e.getMessage().contains("line 2, column 38: Cannot apply 'TUMBLE'"), e.getMessage());
        e = assertThrows(SqlException.class, () -> Sql.compile(table
                + "CREATE VIEW v AS SELECT * FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(t), INTERVAL '1' MONTH));"));
        assertTrue(e.getMessage().contains("TUMBLE with a window size other than a literal day-time INTERVAL"),
                e.getMessage());
        e = assertThrows(SqlException.class, () -> Sql.compile(table
                + "CREATE VIEW v AS SELECT * FROM TABLE(HOP(TABLE ev, DESCRIPTOR(t), INTERVAL '0' SECOND,"
                + " INTERVAL '1' SECOND));"));
        assertTrue(e.getMessage().contains("HOP: the window slide must be positive"), e.getMessage());
        e = assertThrows(SqlException.class, () -> Sql.compile(table
                + "CREATE VIEW v AS SELECT * FROM TABLE(SESSION(TABLE ev, DESCRIPTOR(t), INTERVAL '1' SECOND));"));
        assertTrue(e.getMessage().contains("SESSION"), e.getMessage());
    }
}
