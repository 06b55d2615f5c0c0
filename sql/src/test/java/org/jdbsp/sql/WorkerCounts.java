package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test helpers for comparing one script's views on several worker counts. */
final class WorkerCounts {
    private WorkerCounts() {
    }

    /** The script compiled once per worker count, in that order. */
    static List<SqlProgram> compile(String script, int... workers) {
        List<SqlProgram> programs = new ArrayList<>();
        for (int w : workers) programs.add(Sql.compile(script, SqlOptions.incremental().withWorkers(w)));
        return programs;
    }

    /**
     * Asserts that every view holds the same rows in every program as in the first, and at least {@code minRows}
     * there; {@code at} names the step and seed.
     */
    static void assertSameViews(List<SqlProgram> programs, List<String> views, int minRows, String at) {
        for (String v : views) {
            List<String> one = sorted(programs.get(0).view(v).contents());
            assertTrue(one.size() >= minRows, v + ", " + at + ": only " + one.size() + " rows");
            for (int p = 1; p < programs.size(); p++) {
                assertEquals(one, sorted(programs.get(p).view(v).contents()),
                        v + ", " + at + ", on the program of index " + p);
            }
        }
    }

    /** A view's rows, each with its weight, sorted. */
    static List<String> sorted(Rows rows) {
        return AppendOnlyTableTest.rows(rows).stream().sorted().toList();
    }

    /** The TIMESTAMP {@code ms} milliseconds after 1970-01-01 00:00:00. */
    static LocalDateTime ts(long ms) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }
}
