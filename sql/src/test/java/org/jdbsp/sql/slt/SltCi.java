package org.jdbsp.sql.slt;

import org.jdbsp.sql.SqlOptions;
import org.jdbsp.sql.slt.SltRunner.FileResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed subset of the sqllogictest suite that CI runs ({@link SltConformanceTest}, {@code bin/slt --ci}), and
 * its baseline: the least number of queries of each file that must pass, in
 * {@code sql/src/test/resources/slt/baseline.json}. {@code bin/slt --ci --write-baseline} runs the subset and
 * rewrites the baseline with the counts of the run.
 */
final class SltCi {
    /** Seeds the sampled files' choice of queries. */
    static final long SEED = 1;

    /** Files of the subset and the fraction of their queries that runs. */
    static final Map<String, Double> SUBSET = subset();

    static final String BASELINE_RESOURCE = "slt/baseline.json";

    private SltCi() {
    }

    private static Map<String, Double> subset() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("select1.test", 1.0);
        for (String f : List.of("in1", "in2", "slt_lang_aggfunc", "slt_lang_createtrigger", "slt_lang_createview",
                "slt_lang_dropindex", "slt_lang_droptable", "slt_lang_droptrigger", "slt_lang_dropview",
                "slt_lang_reindex", "slt_lang_replace", "slt_lang_update")) {
            m.put("evidence/" + f + ".test", 1.0);
        }
        for (int i = 2; i <= 4; i++) m.put("select" + i + ".test", 0.02);
        // joins of up to 64 tables: a quarter, to keep the join ordering fast
        m.put("select5.test", 0.25);
        for (String d : List.of("aggregates", "expr", "groupby", "select")) {
            m.put("random/" + d + "/slt_good_0.test", 0.01);
        }
        for (String d : List.of("between", "commute", "in", "orderby", "orderby_nosort", "random")) {
            m.put("index/" + d + "/10/slt_good_0.test", 0.01);
        }
        // thousands of DELETEs, and of CREATE/DROP VIEWs, between the queries: they always run
        m.put("index/delete/10/slt_good_0.test", 0.01);
        m.put("index/view/10/slt_good_1.test", 0.01);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Runs the subset, incrementally, printing a line per file to {@code out}.
     *
     * @param timeoutSecs the longest one statement or query may run
     */
    static List<FileResult> run(PrintStream out, double timeoutSecs) {
        SqlOptions options = SqlOptions.incremental();
        SltExecution execution = new SltExecution(
                file -> new SltRunner(options, SUBSET.get(file), SEED, 5, null),
                new SltRunner.Listener() { }, 1, timeoutSecs, 5, 5);
        return execution.run(new ArrayList<>(SUBSET.keySet()), () -> { }, r -> out.printf(Locale.ROOT,
                "slt: %-42s %5d queries: %5d passed, %5d failed, %5d unsupported (%.1f s)%n", r.file, r.queries(),
                r.passed(), r.failed(), r.unsupported(), r.seconds()));
    }

    /** The files whose passing queries fell below the baseline, with both numbers. */
    static List<String> regressions(List<FileResult> results, Map<String, Integer> baseline) {
        List<String> out = new ArrayList<>();
        for (FileResult r : results) {
            int floor = baseline.getOrDefault(r.file, 0);
            if (r.passed() < floor) {
                out.add(r.file + ": " + r.passed() + " passed, the baseline is " + floor);
            }
        }
        return out;
    }

    /** The files that now pass more queries than the baseline says. */
    static List<String> improvements(List<FileResult> results, Map<String, Integer> baseline) {
        List<String> out = new ArrayList<>();
        for (FileResult r : results) {
            int floor = baseline.getOrDefault(r.file, 0);
            if (r.passed() > floor) out.add(r.file + ": " + r.passed() + " passed, the baseline is " + floor);
        }
        return out;
    }

    /** The baseline: from the source tree when it is there (so a rewrite counts at once), else the classpath. */
    static Map<String, Integer> readBaseline() {
        Path source = baselineSource();
        try {
            if (source != null && Files.isRegularFile(source)) {
                return SltJson.parseBaseline(Files.readString(source, StandardCharsets.UTF_8));
            }
            try (InputStream in = SltCi.class.getClassLoader().getResourceAsStream(BASELINE_RESOURCE)) {
                if (in == null) return Map.of();
                return SltJson.parseBaseline(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the baseline in the source tree with the passing counts of {@code results}; returns its path. */
    static Path writeBaseline(List<FileResult> results) {
        Path source = baselineSource();
        if (source == null) {
            throw new IllegalStateException("cannot find sql/src/test/resources/slt from " + Paths.get("").toAbsolutePath());
        }
        Map<String, Integer> passing = new LinkedHashMap<>();
        for (FileResult r : results) passing.put(r.file, r.passed());
        SltJson.write(source, SltJson.baseline(passing));
        return source;
    }

    /**
     * {@code src/test/resources/slt/baseline.json} of the sql module: under the {@code basedir} that Maven's test
     * runner sets, or found from the working directory (the repository or the module); null if neither holds it.
     */
    static Path baselineSource() {
        List<Path> candidates = new ArrayList<>();
        String basedir = System.getProperty("basedir");
        if (basedir != null) candidates.add(Paths.get(basedir, "src/test/resources"));
        candidates.add(Paths.get("sql/src/test/resources"));
        candidates.add(Paths.get("src/test/resources"));
        for (Path dir : candidates) {
            if (Files.isDirectory(dir.resolve("slt")) && Files.isDirectory(dir.resolve("../java/org/jdbsp/sql/slt"))) {
                return dir.resolve(BASELINE_RESOURCE);
            }
        }
        return null;
    }
}
