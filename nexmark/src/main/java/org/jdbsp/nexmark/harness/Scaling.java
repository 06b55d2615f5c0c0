package org.jdbsp.nexmark.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The speed-up table of a run comparing variants ({@code --workers 1,2}, {@code --engine circuit,sql},
 * {@code --rounds R}): per query and variant, the median seconds over the rounds, then, against the first
 * variant, the ratio of the medians and the median of the rounds' own ratios (a round's runs follow each other
 * within seconds, so the second figure pairs runs that saw the same speed of the machine). With engines compared,
 * the ratio of {@code sql} against {@code circuit} is the SQL program's events/s over the circuit's.
 * O(runs log runs).
 */
final class Scaling {
    private Scaling() {
    }

    static String render(List<QueryResult> results, List<Variant> variants, boolean engines) {
        Map<String, List<QueryResult>> byQuery = new LinkedHashMap<>();
        for (QueryResult r : results) {
            byQuery.computeIfAbsent(r.query(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder();
        String engineHeader = engines ? String.format(Locale.ROOT, " %-7s", "engine") : "";
        sb.append(String.format(Locale.ROOT, "%-6s%s %7s %6s %10s %14s %18s%n", "query", engineHeader, "workers",
                "rounds", "median s", "speed-up", "median of rounds"));
        Variant first = variants.get(0);
        for (Map.Entry<String, List<QueryResult>> e : byQuery.entrySet()) {
            double[] base = seconds(e.getValue(), first);
            for (Variant v : variants) {
                double[] s = seconds(e.getValue(), v);
                if (s.length == 0) {
                    continue;
                }
                String speedUp = "-";
                String paired = "-";
                if (!v.equals(first) && base.length > 0) {
                    speedUp = String.format(Locale.ROOT, "%.2fx", median(base) / median(s));
                    int pairs = Math.min(base.length, s.length);
                    double[] ratios = new double[pairs];
                    for (int i = 0; i < pairs; i++) {
                        ratios[i] = base[i] / s[i];
                    }
                    paired = String.format(Locale.ROOT, "%.2fx", median(ratios));
                }
                String engine = engines ? String.format(Locale.ROOT, " %-7s", v.engine()) : "";
                sb.append(String.format(Locale.ROOT, "%-6s%s %7d %6d %10.3f %14s %18s%n", e.getKey(), engine,
                        v.workers(), s.length, median(s), speedUp, paired));
            }
        }
        return sb.toString();
    }

    /** The seconds of the successful runs of variant {@code v}, in round order. */
    private static double[] seconds(List<QueryResult> runs, Variant v) {
        return runs.stream().filter(r -> r.error() == null && Variant.of(r).equals(v))
                .sorted((a, b) -> Integer.compare(a.round(), b.round()))
                .mapToDouble(QueryResult::seconds).toArray();
    }

    /** The median of {@code values} (not empty); the mean of the middle two for an even count. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
