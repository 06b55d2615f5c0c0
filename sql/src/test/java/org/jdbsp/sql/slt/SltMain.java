package org.jdbsp.sql.slt;

import org.jdbsp.circuit.Mode;
import org.jdbsp.sql.SqlOptions;
import org.jdbsp.sql.slt.SltRunner.Failure;
import org.jdbsp.sql.slt.SltRunner.FileResult;
import org.jdbsp.sql.slt.SltRunner.Outcome;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sqllogictest conformance runner's command line ({@code bin/slt}): runs files of the
 * {@code net.hydromatic:sql-logic-test} suite on jdbsp and counts the queries that pass, fail or are unsupported.
 * {@code bin/slt --help} lists the options.
 */
public final class SltMain {
    private static final String USAGE = String.join("\n",
            "usage: bin/slt [FILE... | DIR... | all] [options]",
            "       bin/slt --ci [--write-baseline]",
            "",
            "Runs sqllogictest files of net.hydromatic:sql-logic-test on jdbsp; each file on a fresh SqlProgram.",
            "FILE is named relative to the suite's test/ directory (select1.test, random/groupby/slt_good_0.test),",
            "or is a path to a .test file on disk; DIR runs every file under it (index/between, random); all runs",
            "the whole suite (622 files, several million queries). Counts queries: passed, failed (an error or a",
            "wrong result) and unsupported (UnsupportedSqlException).",
            "",
            "options:",
            "  --sample FRACTION    run this fraction of each file's queries (statements always run), chosen",
            "                       by a random generator seeded from --seed and the file's name (default 1)",
            "  --seed N             the seed of --sample (default 0)",
            "  --report FILE        write the JSON report: {\"passed\", \"failed\", \"unsupported\", \"files\": [...]}",
            "                       with the first failures of each file",
            "  --verbose            print every failure (file:line, SQL, expected and actual or the error), and",
            "                       a line per file",
            "  --failures N         failures kept per file in the report (default 5)",
            "  --jobs N             files run at once (default 1)",
            "  --timeout SECONDS    a statement or query running longer fails; the file goes on after it",
            "                       (default 120, 0 for none)",
            "  --mode incremental|naive   how the programs run (default incremental)",
            "  --ci                 run the CI subset (SltCi) and compare with its baseline;",
            "                       exit status 1 when a file passes fewer queries than the baseline",
            "  --write-baseline     with --ci: rewrite sql/src/test/resources/slt/baseline.json from this run",
            "",
            "Exit status: 0 when the files ran (whatever failed), 1 for a --ci regression, 2 for bad arguments.");

    private SltMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 3;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Runs the command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bin/slt: " + e.getMessage());
            err.println("run bin/slt --help for the options");
            return 2;
        }
        if (o.help) {
            out.println(USAGE);
            return 0;
        }
        if (o.ci) return runCi(o, out, err);
        List<String> files;
        try {
            files = resolve(o.files);
        } catch (IllegalArgumentException e) {
            err.println("bin/slt: " + e.getMessage());
            return 2;
        }
        Run run = new Run(o, out, files.size());
        List<FileResult> results = run.execute(files);
        run.summary(results);
        if (o.report != null) {
            SltJson.write(o.report, SltJson.report(results));
            out.println("report: " + o.report);
        }
        return 0;
    }

    private static int runCi(Options o, PrintStream out, PrintStream err) {
        if (!o.files.isEmpty() || o.sample != 1 || o.report != null) {
            err.println("bin/slt: --ci runs a fixed subset: it takes no files, --sample or --report");
            return 2;
        }
        long start = System.nanoTime();
        List<FileResult> results = SltCi.run(out, o.timeout);
        Map<String, Integer> baseline = SltCi.readBaseline();
        long passed = 0, queries = 0;
        for (FileResult r : results) {
            passed += r.passed();
            queries += r.queries();
        }
        out.printf(Locale.ROOT, "slt --ci: %d of %d queries passed in %.1f s%n", passed, queries,
                (System.nanoTime() - start) / 1e9);
        if (o.writeBaseline) {
            out.println("baseline written: " + SltCi.writeBaseline(results));
            return 0;
        }
        List<String> regressions = SltCi.regressions(results, baseline);
        for (String s : SltCi.improvements(results, baseline)) out.println("above the baseline: " + s);
        for (String s : regressions) out.println("BELOW THE BASELINE: " + s);
        return regressions.isEmpty() ? 0 : 1;
    }

    /** The suite's files that the arguments name, in order, without repeats. */
    static List<String> resolve(List<String> args) {
        if (args.isEmpty()) throw new IllegalArgumentException("no files given (name files, a directory, or all)");
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String a : args) {
            if (a.equals("all")) {
                out.addAll(SltSuite.all());
            } else if (a.endsWith(".test") && SltSuite.exists(a)) {
                out.add(a);
            } else if (a.endsWith(".test") && Files.isRegularFile(callerPath(a))) {
                out.add(callerPath(a).toString());
            } else {
                List<String> under = SltSuite.under(a.startsWith(SltSuite.ROOT) ? a.substring(SltSuite.ROOT.length()) : a);
                if (under.isEmpty()) throw new IllegalArgumentException("no sqllogictest file or directory " + a);
                out.addAll(under);
            }
        }
        return new ArrayList<>(out);
    }

    /** A path named on the command line: relative to the directory bin/slt was called from ({@code slt.cwd}). */
    static Path callerPath(String name) {
        String cwd = System.getProperty("slt.cwd");
        return cwd == null ? Paths.get(name) : Paths.get(cwd).resolve(name);
    }

    /** The parsed command line. */
    static final class Options {
        final List<String> files = new ArrayList<>();
        double sample = 1;
        long seed;
        Path report;
        boolean verbose;
        int keepFailures = 5;
        int jobs = 1;
        double timeout = 120;
        Mode mode = Mode.INCREMENTAL;
        boolean ci;
        boolean writeBaseline;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h":
                    case "--help":
                        o.help = true;
                        break;
                    case "--sample":
                        o.sample = number(a, value(args, ++i, a));
                        if (!(o.sample > 0 && o.sample <= 1)) throw new IllegalArgumentException("--sample must be in (0, 1]");
                        break;
                    case "--seed":
                        o.seed = integer(a, value(args, ++i, a), Long.MIN_VALUE);
                        break;
                    case "--report":
                        o.report = callerPath(value(args, ++i, a));
                        break;
                    case "--verbose":
                    case "-v":
                        o.verbose = true;
                        break;
                    case "--failures":
                        o.keepFailures = (int) integer(a, value(args, ++i, a), 0);
                        break;
                    case "--jobs":
                        o.jobs = (int) integer(a, value(args, ++i, a), 1);
                        break;
                    case "--timeout":
                        o.timeout = number(a, value(args, ++i, a));
                        if (o.timeout < 0) throw new IllegalArgumentException("--timeout must not be negative");
                        break;
                    case "--mode": {
                        String m = value(args, ++i, a);
                        if (m.equals("incremental")) o.mode = Mode.INCREMENTAL;
                        else if (m.equals("naive")) o.mode = Mode.NAIVE;
                        else throw new IllegalArgumentException("--mode is incremental or naive, not " + m);
                        break;
                    }
                    case "--ci":
                        o.ci = true;
                        break;
                    case "--write-baseline":
                        o.writeBaseline = true;
                        break;
                    default:
                        if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
                        o.files.add(a);
                }
            }
            if (o.writeBaseline && !o.ci) throw new IllegalArgumentException("--write-baseline goes with --ci");
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
            return args[i];
        }

        private static double number(String option, String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, not " + text);
            }
        }

        private static long integer(String option, String text, long min) {
            try {
                long v = Long.parseLong(text);
                if (v < min) throw new IllegalArgumentException(option + " must be at least " + min);
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes an integer, not " + text);
            }
        }
    }

    /** One run: the files, the progress display, the failures and their causes. */
    private static final class Run implements SltRunner.Listener {
        private final Options o;
        private final PrintStream out;
        private final int totalFiles;
        private final boolean tty;
        private final AtomicLong passed = new AtomicLong(), failed = new AtomicLong(), unsupported = new AtomicLong();
        private final Map<String, long[]> failureCauses = new ConcurrentHashMap<>();
        private final Map<String, long[]> unsupportedCauses = new ConcurrentHashMap<>();
        private final Map<String, String> causeExample = new ConcurrentHashMap<>();
        private int filesDone;
        private long start;
        private long lastPrint;
        private boolean progressShown;
        private volatile String current = "";

        Run(Options o, PrintStream out, int totalFiles) {
            this.o = o;
            this.out = out;
            this.totalFiles = totalFiles;
            String prop = System.getProperty("slt.tty");
            this.tty = prop != null ? Boolean.parseBoolean(prop) : System.console() != null;
        }

        List<FileResult> execute(List<String> files) {
            SqlOptions options = new SqlOptions(o.mode, 1);
            SltRunner runner = new SltRunner(options, o.sample, o.seed, o.keepFailures, this);
            SltExecution execution = new SltExecution(f -> runner, this, o.jobs, o.timeout, 20, o.keepFailures);
            start = System.nanoTime();
            lastPrint = start;
            if (!files.isEmpty()) current = files.get(0);
            return execution.run(files, this::tick, this::fileDone);
        }

        @Override
        public void query(String file, Outcome outcome) {
            switch (outcome) {
                case PASSED: passed.incrementAndGet(); break;
                case FAILED: failed.incrementAndGet(); break;
                default: unsupported.incrementAndGet();
            }
            current = file;
        }

        @Override
        public void failure(Failure f) {
            Map<String, long[]> causes = f.outcome() == Outcome.UNSUPPORTED ? unsupportedCauses : failureCauses;
            String key = (f.statement() ? "statement: " : "") + f.cause();
            causes.computeIfAbsent(key, k -> new long[1])[0]++;
            causeExample.putIfAbsent(key, f.file() + ":" + f.line());
            if (o.verbose && f.outcome() == Outcome.FAILED) {
                synchronized (this) {
                    clearProgress();
                    out.println((f.statement() ? "FAILED statement " : "FAILED ") + f.file() + ":" + f.line());
                    out.println("  " + f.sql().replace("\n", "\n  "));
                    out.println("  => " + f.message());
                }
            }
        }

        private synchronized void fileDone(FileResult r) {
            filesDone++;
            if (o.verbose || totalFiles <= 20) {
                clearProgress();
                out.printf(Locale.ROOT, "%s: %d queries, %d passed, %d failed, %d unsupported; statements: %d ok, "
                                + "%d failed, %d unsupported (%.1f s)%s%n", r.file, r.queries(), r.passed(), r.failed(),
                        r.unsupported(), r.statementsOk(), r.statementsFailed(), r.statementsUnsupported(), r.seconds(),
                        r.error() == null ? "" : "\n  stopped: " + r.error());
            }
        }

        private synchronized void tick() {
            long now = System.nanoTime();
            if (tty) {
                if (now - lastPrint < 200_000_000L) return;
                lastPrint = now;
                String line = String.format(Locale.ROOT, "[%d/%d files] %d passed, %d failed, %d unsupported  %s",
                        filesDone, totalFiles, passed.get(), failed.get(), unsupported.get(), current);
                if (line.length() > 110) line = line.substring(0, 110);
                out.print("\r" + line + "\u001b[K");
                out.flush();
                progressShown = true;
            } else if (now - lastPrint >= 30_000_000_000L) {
                lastPrint = now;
                out.printf(Locale.ROOT, "slt: %d/%d files, %d passed, %d failed, %d unsupported (%.0f s)%n", filesDone,
                        totalFiles, passed.get(), failed.get(), unsupported.get(), (now - start) / 1e9);
            }
        }

        private void clearProgress() {
            if (progressShown) {
                out.print("\r\u001b[K");
                progressShown = false;
            }
        }

        synchronized void summary(List<FileResult> results) {
            clearProgress();
            long p = 0, f = 0, u = 0, so = 0, sf = 0, su = 0, skipped = 0, notSampled = 0;
            int stopped = 0;
            for (FileResult r : results) {
                p += r.passed();
                f += r.failed();
                u += r.unsupported();
                so += r.statementsOk();
                sf += r.statementsFailed();
                su += r.statementsUnsupported();
                skipped += r.skipped();
                notSampled += r.notSampled();
                if (r.error() != null) stopped++;
            }
            long q = p + f + u;
            out.printf(Locale.ROOT, "slt: %d files, %d queries in %.1f s: %d passed (%.1f%%), %d failed, %d unsupported%n",
                    results.size(), q, (System.nanoTime() - start) / 1e9, p, q == 0 ? 0.0 : 100.0 * p / q, f, u);
            out.printf(Locale.ROOT, "     statements: %d ok, %d failed, %d unsupported; queries not run: %d for other "
                    + "databases, %d outside the sample%n", so, sf, su, skipped, notSampled);
            if (stopped > 0) {
                out.println("     " + stopped + " file(s) stopped early or restarted:");
                int shown = 0;
                for (FileResult r : results) {
                    if (r.error() != null && shown++ < 10) out.println("       " + r.file + ": " + r.error());
                }
            }
            printCauses("failures", failureCauses);
            printCauses("unsupported", unsupportedCauses);
        }

        private void printCauses(String title, Map<String, long[]> causes) {
            if (causes.isEmpty()) return;
            List<Map.Entry<String, long[]>> list = new ArrayList<>(causes.entrySet());
            list.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
            out.println("top causes of " + title + " (count, cause, first seen at):");
            for (int i = 0; i < Math.min(15, list.size()); i++) {
                Map.Entry<String, long[]> e = list.get(i);
                out.printf(Locale.ROOT, "  %8d  %s  [%s]%n", e.getValue()[0], e.getKey(), causeExample.get(e.getKey()));
            }
            if (list.size() > 15) out.println("  ... and " + (list.size() - 15) + " more causes");
        }
    }
}
