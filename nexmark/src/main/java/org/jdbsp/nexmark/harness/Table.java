package org.jdbsp.nexmark.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The human-readable results table printed at the end of a run: one row per query, or per query, worker count
 * (and engine) and round when a run compares variants ({@code --workers 1,2}, {@code --engine circuit,sql} or
 * {@code --rounds}).
 */
final class Table {
    private static final String[] HEADER = {"query", "events", "seconds", "events/s", "events/s/core",
        "p50 ms", "p99 ms", "cpu s", "peak heap MB", "state rows", "output changes", "checked"};

    private Table() {
    }

    /**
     * With {@code runs}, the first column also names the worker count and round, {@code q4 w2 r3}, and with
     * {@code engines} the engine too, {@code q4 sql w2 r3}.
     */
    static String render(List<QueryResult> results, boolean runs, boolean engines) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (QueryResult r : results) {
            String name = runs ? r.query() + " " + Variant.of(r).label(engines) + " r" + r.round()
                    : r.query();
            if (r.error() != null) {
                rows.add(new String[] {name, fmt(r.events()), "-", "-", "-", "-", "-", "-", "-", "-", "-",
                    "FAILED"});
                continue;
            }
            rows.add(new String[] {
                name,
                fmt(r.events()),
                String.format(Locale.ROOT, "%.3f", r.seconds()),
                fmt(Math.round(r.eventsPerSecond())),
                fmt(Math.round(r.eventsPerSecondPerCore())),
                String.format(Locale.ROOT, "%.2f", r.stepLatencyP50Ms()),
                String.format(Locale.ROOT, "%.2f", r.stepLatencyP99Ms()),
                Double.isNaN(r.cpuSeconds()) ? "-" : String.format(Locale.ROOT, "%.3f", r.cpuSeconds()),
                fmt(Math.round(r.peakHeapBytes() / (1024.0 * 1024.0))),
                fmt(r.stateRows()),
                fmt(r.outputChanges()),
                r.checked() == null ? "-" : r.checked() ? "ok" : "DIFFERS"});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 || i == row.length - 1
                        ? String.format("%-" + width[i] + "s", row[i])
                        : String.format("%" + width[i] + "s", row[i]);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                sb.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
            }
        }
        return sb.toString();
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
