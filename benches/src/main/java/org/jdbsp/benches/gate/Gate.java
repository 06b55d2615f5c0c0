package org.jdbsp.benches.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jdbsp.benches.ivm.SqlWorkload;
import org.jdbsp.benches.ivm.Workload;
import org.jdbsp.benches.ivm.Workload.Inject;
import org.jdbsp.benches.ivm.Workload.View;
import org.jdbsp.benches.nexmark.NexmarkEvents;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.harness.Engines;
import org.jdbsp.nexmark.harness.QueryEngine;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.EventsByType;
import org.jdbsp.nexmark.queries.NexmarkQuery;
import org.jdbsp.nexmark.queries.Queries;
import org.jdbsp.nexmark.queries.QueryCircuit;

/**
 * The benchmark regression gate (run by {@code bin/bench-gate}). It measures only figures that are steady on a
 * loaded shared machine, all in one JVM on one thread:
 * <ul>
 *   <li>{@code alloc}: bytes allocated per step (IVM workloads) or per event (Nexmark queries), from the
 *       thread's allocation counter (what JMH's {@code gc.alloc.rate.norm} reads), median of several windows;
 *   <li>{@code speedup}: naive step time / incremental step time of the same view, measured in interleaved
 *       rounds; each side's fastest round is used (load on a shared machine only slows rounds down);
 *   <li>{@code normtime}: a Nexmark query's time per event (fresh circuits over 200,000 events, at least
 *       50 ms a round) divided by the time per operation of a fixed calibration loop (HashMap merges) run in
 *       the same rounds; fastest round of each.
 * </ul>
 * Each figure is compared with {@code benches/baseline/gate.csv}: a figure regresses when it is worse than the
 * baseline by more than its kind's tolerance ({@link Kind}). Exit status 1 on any regression, 0 otherwise.
 * {@code --update-baseline} writes the measured figures as the new baseline instead of comparing.
 * The system property {@code gate.inject} (NONE, ALLOC, RESCAN) plants a regression in the benchmark-side wiring
 * of the IVM workloads, to show that the gate trips.
 */
public final class Gate {

    /** How a figure is judged. */
    enum Kind {
        /**
         * Lower is better; regression when value &gt; baseline * (1 + 4%) + 64 bytes. Runs agree to 0.5% except
         * top-k (3.4%: escape analysis varies between JVM runs); a planted 24 B per joined row shows as +5.2%.
         */
        ALLOC(0.04, 64),
        /**
         * Higher is better; regression when value &lt; baseline / 3. Wide: on the loaded 2-core machine the same
         * code measured from 15x to 79x (naive steps, 22 MB of garbage each, suffer more from contention), so
         * only large losses (an O(n) rescan in a small-change step: 100x) are caught.
         */
        SPEEDUP(2.0, 0),
        /**
         * Reported, never fails: Nexmark time / calibration varied up to 4x between runs under this machine's
         * load (see docs/benchmarks.md); the Nexmark allocation figures are gated instead.
         */
        NORMTIME(Double.POSITIVE_INFINITY, 0),
        /**
         * A fixed ceiling, whatever the baseline: the SQL form of a view allocates at most 1.5x the hand-wired
         * form per step (issue 18's target), measured in the same run.
         */
        CEILING(1.5, 0);

        final double rel;
        final double abs;

        Kind(double rel, double abs) {
            this.rel = rel;
            this.abs = abs;
        }

        double limit(double base) {
            return switch (this) {
                case ALLOC -> base * (1 + rel) + abs;
                case SPEEDUP -> base / (1 + rel);
                case NORMTIME -> Double.POSITIVE_INFINITY;
                case CEILING -> rel;
            };
        }

        boolean regressed(double value, double base) {
            return this == SPEEDUP ? value < limit(base) : value > limit(base);
        }

        /** Whether the figure fails with no baseline to compare with (only a fixed ceiling can). */
        boolean failsAlone(double value) {
            return this == CEILING && value > rel;
        }

        String rule() {
            return switch (this) {
                case ALLOC -> String.format(Locale.ROOT, "<= base*%.2f+%.0f", 1 + rel, abs);
                case SPEEDUP -> String.format(Locale.ROOT, ">= base/%.1f", 1 + rel);
                case NORMTIME -> "info only";
                case CEILING -> String.format(Locale.ROOT, "<= %.2f", rel);
            };
        }
    }

    record Figure(String name, Kind kind, String unit, double value) {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final int NEXMARK_EVENTS = 200_000;
    private static final int NEXMARK_BATCH = 10_000;
    private static final int ROUNDS = 3;

    private final List<Figure> figures = new ArrayList<>();
    private final Inject inject;
    private final PrintStream log = System.err;

    private Gate(Inject inject) {
        this.inject = inject;
    }

    public static void main(String[] args) throws IOException {
        Path baseline = Path.of("benches/baseline/gate.csv");
        Path out = null;
        boolean update = false;
        boolean nexmark = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--update-baseline" -> update = true;
                case "--baseline" -> baseline = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--no-nexmark" -> nexmark = false;
                default -> {
                    System.err.println("usage: Gate [--baseline FILE] [--update-baseline] [--out CSV] [--no-nexmark]");
                    System.exit(2);
                }
            }
        }
        Inject inject = Inject.fromSystemProperty();
        Gate g = new Gate(inject);
        long t0 = System.nanoTime();
        g.ivm();
        if (nexmark) {
            g.nexmark();
        }
        g.log.printf(Locale.ROOT, "gate: measured %d figures in %.0f s%s%n", g.figures.size(),
                (System.nanoTime() - t0) / 1e9, inject == Inject.NONE ? "" : " (injected regression: " + inject + ")");
        if (out != null) {
            write(out, g.figures);
        }
        if (update) {
            write(baseline, g.figures);
            System.out.println("gate: baseline written to " + baseline + " (" + g.figures.size() + " figures)");
            return;
        }
        System.exit(g.compare(read(baseline)) ? 0 : 1);
    }

    // ---- IVM workloads ----------------------------------------------------------------------------------------

    private void ivm() {
        // allocation per step, incremental mode
        alloc(View.NOOP, 100_000, 1_000);
        alloc(View.JOIN_AGG, 50_000, 1_000);
        alloc(View.JOIN_AGG, 100_000, 1);
        alloc(View.JOIN_AGG, 100_000, 1_000);
        alloc(View.FILTER_MAP, 100_000, 1_000);
        alloc(View.JOIN, 100_000, 1_000);
        alloc(View.DISTINCT, 100_000, 1_000);
        alloc(View.MIN_MAX, 100_000, 1_000);
        alloc(View.TOP_K, 100_000, 1_000);
        alloc(View.WINDOW_AGG, 100_000, 1_000);
        alloc(View.CLOSURE, 10_000, 100);
        // the same views written in SQL (SqlWorkload), allocation per step
        for (View v : new View[] {View.FILTER_MAP, View.JOIN, View.JOIN_AGG, View.DISTINCT, View.MIN_MAX, View.TOP_K}) {
            sqlAlloc(v, 100_000, 1_000);
        }
        // incremental vs naive, same run
        speedup(View.JOIN_AGG, 50_000, 1_000);
        speedup(View.JOIN_AGG, 100_000, 1);
        speedup(View.MIN_MAX, 100_000, 1_000);
    }

    private static String label(View v, int size, int change) {
        return v.name().toLowerCase(Locale.ROOT) + "/" + size + "/" + change;
    }

    private final Map<String, Double> handAlloc = new java.util.HashMap<>();

    private void alloc(View v, int size, int change) {
        Workload w = new Workload(v, Mode.INCREMENTAL, size, change, inject);
        double a = allocPerStep(w::step, change);
        handAlloc.put(label(v, size, change), a);
        add("alloc " + label(v, size, change), Kind.ALLOC, "B/step", a);
    }

    /** The SQL form's allocation per step, and its ratio to the hand-wired form's measured in this run. */
    private void sqlAlloc(View v, int size, int change) {
        SqlWorkload w = new SqlWorkload(v, size, change);
        double a = allocPerStep(w::step, change);
        add("alloc sql " + label(v, size, change), Kind.ALLOC, "B/step", a);
        Double hand = handAlloc.get(label(v, size, change));
        if (hand != null) add("alloc sql/hand " + label(v, size, change), Kind.CEILING, "x", a / hand);
    }

    /** The median over 5 windows of the bytes allocated per step, after a warm-up. */
    private static double allocPerStep(java.util.function.IntSupplier step, int change) {
        warm(step, 700_000_000L);
        int steps = Math.max(200, Math.min(20_000, 200_000 / change));
        double[] windows = new double[5];
        for (int r = 0; r < windows.length; r++) {
            long a0 = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < steps; i++) {
                step.getAsInt();
            }
            windows[r] = (double) (THREADS.getCurrentThreadAllocatedBytes() - a0) / steps;
        }
        return median(windows);
    }

    private static void warm(Workload w, long nanos) {
        warm(w::step, nanos);
    }

    private static void warm(java.util.function.IntSupplier step, long nanos) {
        long end = System.nanoTime() + nanos;
        int n = 0;
        while (System.nanoTime() < end || n < 20) {
            step.getAsInt();
            n++;
        }
    }

    private void speedup(View v, int size, int change) {
        Workload inc = new Workload(v, Mode.INCREMENTAL, size, change, inject);
        Workload naive = new Workload(v, Mode.NAIVE, size, change, Inject.NONE);
        warm(inc, 700_000_000L);
        warm(naive, 1_000_000_000L);
        double[] incTimes = new double[ROUNDS];
        double[] naiveTimes = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            incTimes[r] = timePerStep(inc, 120_000_000L);
            naiveTimes[r] = timePerStep(naive, 120_000_000L);
        }
        // load on a shared machine only ever slows a round down: the fastest round of each side is the steadiest
        double ratio = min(naiveTimes) / min(incTimes);
        log.printf(Locale.ROOT, "gate: %s incremental %.1f us/step, naive %.1f us/step, speed-up over naive %.1fx%n",
                label(v, size, change), min(incTimes) / 1e3, min(naiveTimes) / 1e3, ratio);
        add("speedup " + label(v, size, change), Kind.SPEEDUP, "x", ratio);
    }

    /** Mean nanoseconds per step over at least {@code nanos} (and at least 2 steps). */
    private static double timePerStep(Workload w, long nanos) {
        long t0 = System.nanoTime();
        long t;
        int n = 0;
        do {
            w.step();
            n++;
            t = System.nanoTime();
        } while (t - t0 < nanos || n < 2);
        return (double) (t - t0) / n;
    }

    // ---- Nexmark ----------------------------------------------------------------------------------------------

    private void nexmark() {
        Event[] ev = NexmarkEvents.generate(NEXMARK_EVENTS);
        Calibration cal = new Calibration();
        cal.run(); // warm
        cal.run();
        for (NexmarkQuery<?> q : Queries.all()) {
            for (int i = 0; i < 2; i++) {
                pass(q, ev); // warm
            }
            double[] times = new double[ROUNDS];
            double[] cals = new double[ROUNDS];
            double[] allocs = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                cals[r] = cal.run();
                long a0 = THREADS.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                int passes = 0;
                double ns = 0;
                do { // at least 50 ms per round: fast queries run several fresh passes
                    ns += pass(q, ev);
                    passes++;
                } while (System.nanoTime() - t0 < 50_000_000L);
                allocs[r] = (double) (THREADS.getCurrentThreadAllocatedBytes() - a0) / ((double) ev.length * passes);
                times[r] = ns / ((double) ev.length * passes);
            }
            // fastest round of each (load only slows rounds down), measured minutes apart at most
            double ratios = min(times) / min(cals);
            add("alloc nexmark " + q.name(), Kind.ALLOC, "B/event", median(allocs));
            add("normtime nexmark " + q.name(), Kind.NORMTIME, "cal", ratios);
        }
        nexmarkSql(ev);
    }

    /** Queries run from their SQL texts ({@code bin/nexmark --engine sql}) in the gate: light, windowed, join, top-k. */
    private static final List<String> SQL_QUERIES = List.of("q0", "q5", "q9");

    /**
     * The SQL engine on a few Nexmark queries: its allocation per event (gated like the circuits') and its time
     * per event over the circuit's, measured in alternating rounds of the same run (reported: issue 19's target
     * is 0.8 and more).
     */
    private void nexmarkSql(Event[] ev) {
        EventsByType byType = new EventsByType(ev);
        for (String name : SQL_QUERIES) {
            NexmarkQuery<?> q = Queries.byName(name);
            for (int i = 0; i < 2; i++) {
                enginePass(q, byType, "sql", null);
                enginePass(q, byType, "circuit", null);
            }
            double[] sqlTimes = new double[ROUNDS];
            double[] circuitTimes = new double[ROUNDS];
            double[] allocs = new double[ROUNDS];
            long[] alloc = new long[1];
            for (int r = 0; r < ROUNDS; r++) {
                sqlTimes[r] = enginePass(q, byType, "sql", alloc) / ev.length;
                allocs[r] = (double) alloc[0] / ev.length;
                circuitTimes[r] = enginePass(q, byType, "circuit", null) / ev.length;
            }
            add("alloc nexmark-sql " + name, Kind.ALLOC, "B/event", median(allocs));
            add("speed sql/circuit nexmark " + name, Kind.NORMTIME, "x", min(circuitTimes) / min(sqlTimes));
        }
    }

    /**
     * Nanoseconds to run {@code q} on {@code engine} (compiled before the clock starts) over all events in
     * batches; {@code alloc[0]}, when given, receives the bytes allocated meanwhile.
     */
    private static double enginePass(NexmarkQuery<?> q, EventsByType ev, String engine, long[] alloc) {
        try (QueryEngine e = Engines.create(q, Mode.INCREMENTAL, 1, false, engine)) {
            long a0 = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (int off = 0; off < ev.size(); off += NEXMARK_BATCH) {
                e.push(ev, off, Math.min(NEXMARK_BATCH, ev.size() - off));
                e.step();
            }
            long ns = System.nanoTime() - t0;
            if (alloc != null) {
                alloc[0] = THREADS.getCurrentThreadAllocatedBytes() - a0;
            }
            return ns;
        }
    }

    /** Nanoseconds to run a fresh incremental circuit of {@code q} over all events in batches. */
    private static double pass(NexmarkQuery<?> q, Event[] ev) {
        try (QueryCircuit<?> c = QueryCircuit.of(q, Mode.INCREMENTAL, 1)) {
            long t0 = System.nanoTime();
            for (int off = 0; off < ev.length; off += NEXMARK_BATCH) {
                c.push(ev, off, Math.min(NEXMARK_BATCH, ev.length - off));
                c.step();
            }
            return System.nanoTime() - t0;
        }
    }

    /**
     * The fixed calibration workload: 400,000 HashMap merges (boxed long keys over 50,000 keys, hash-map probes
     * and allocation like the engine's), timed; returns nanoseconds per merge.
     */
    static final class Calibration {
        long sink;

        /** The fastest of three runs, nanoseconds per merge. */
        double run() {
            return Math.min(once(), Math.min(once(), once()));
        }

        private double once() {
            int n = 400_000;
            long t0 = System.nanoTime();
            HashMap<Long, Long> m = new HashMap<>();
            long x = 12345;
            for (int i = 0; i < n; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                m.merge((x >>> 33) % 50_000, 1L, Long::sum);
            }
            sink += m.size();
            return (double) (System.nanoTime() - t0) / n;
        }
    }

    // ---- comparison -------------------------------------------------------------------------------------------

    private void add(String name, Kind kind, String unit, double value) {
        figures.add(new Figure(name, kind, unit, value));
        log.printf(Locale.ROOT, "gate: %-32s %14.2f %s%n", name, value, unit);
    }

    private boolean compare(Map<String, Double> base) {
        boolean ok = true;
        System.out.printf(Locale.ROOT, "%-32s %-8s %14s %14s %8s  %-16s %s%n", "figure", "unit", "baseline",
                "measured", "change", "rule", "verdict");
        int regressions = 0;
        for (Figure f : figures) {
            Double b = base.get(f.name);
            String verdict;
            String change = "";
            if (b == null && f.kind.failsAlone(f.value)) {
                verdict = "REGRESSION";
                ok = false;
                regressions++;
            } else if (b == null) {
                verdict = "new (no baseline)";
            } else {
                change = String.format(Locale.ROOT, "%+.1f%%", (f.value / b - 1) * 100);
                if (f.kind.regressed(f.value, b)) {
                    verdict = "REGRESSION";
                    ok = false;
                    regressions++;
                } else {
                    boolean better = f.kind == Kind.SPEEDUP ? f.value > b * 1.5
                            : f.kind == Kind.ALLOC ? f.value < b * 0.9 - 64 : f.value < b / 1.5;
                    verdict = f.kind == Kind.NORMTIME ? "info" : f.kind == Kind.CEILING ? "ok"
                            : better ? "ok (better: refresh baseline?)" : "ok";
                }
            }
            System.out.printf(Locale.ROOT, "%-32s %-8s %14s %14.2f %8s  %-16s %s%n", f.name, f.unit,
                    b == null ? "-" : String.format(Locale.ROOT, "%.2f", b), f.value, change, f.kind.rule(), verdict);
        }
        for (String name : base.keySet()) {
            if (figures.stream().noneMatch(f -> f.name.equals(name))) {
                System.out.println(name + ": in the baseline but not measured");
            }
        }
        System.out.println(ok ? "gate: PASS (" + figures.size() + " figures)"
                : "gate: FAIL: " + regressions + " regression(s) of " + figures.size() + " figures");
        return ok;
    }

    static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static void write(Path p, List<Figure> figures) throws IOException {
        StringBuilder sb = new StringBuilder("figure,kind,unit,value\n");
        for (Figure f : figures) {
            sb.append(f.name).append(',').append(f.kind.name().toLowerCase(Locale.ROOT)).append(',').append(f.unit)
                    .append(',').append(String.format(Locale.ROOT, "%.3f", f.value)).append('\n');
        }
        if (p.getParent() != null) {
            Files.createDirectories(p.getParent());
        }
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    }

    private static Map<String, Double> read(Path p) throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!Files.exists(p)) {
            System.out.println("gate: no baseline at " + p + " (run bin/bench-gate --update-baseline)");
            return m;
        }
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("figure,") || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split(",");
            m.put(c[0], Double.parseDouble(c[3]));
        }
        return m;
    }
}
