package org.jdbsp.nexmark.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.WorkerTimings;
import org.jdbsp.nexmark.io.EventJsonReader;
import org.jdbsp.nexmark.io.EventJsonWriter;
import org.jdbsp.nexmark.io.MalformedEventException;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.EventsByType;
import org.jdbsp.nexmark.queries.NexmarkQuery;
import org.jdbsp.nexmark.queries.Queries;
import org.jdbsp.zset.ZSet;

/**
 * The Nexmark benchmark harness behind {@code bin/nexmark}: runs queries on circuits over generated or replayed
 * events and reports throughput, step latency, heap and state; optionally checks every final view against the
 * query's independent reference. See {@link Options#help()} for the options and how each figure is measured.
 *
 * <p>Procedure per query: an untimed warm-up on a throwaway circuit (the first {@code --warmup} events), a full
 * GC, then a fresh circuit is fed all events in batches of {@code --batch}; each batch's push plus step is
 * timed with {@link System#nanoTime()}; heap in use is sampled after each step, outside the timed region. The
 * events come from an {@link EventSource} in chunks split by type ({@link EventsByType}), generated between steps
 * and untimed, so that a batch's push is one bulk insert per input, as a source that delivers each type on its
 * own would feed them; {@link HeapWatch} warns of, or stops, a query whose state outgrows the heap.
 *
 * <p>With several engines ({@code --engine circuit,sql}), several worker counts ({@code --workers 1,2}) or
 * {@code --rounds R}, each query is warmed up once per {@link Variant} (engine and count), then run R times per
 * variant, alternating the order of the variants from round to round, and a speed-up table ({@link Scaling})
 * follows the results.
 */
public final class Main {
    /** System property set by {@code bin/nexmark} when stderr is a terminal (Java cannot tell by itself). */
    public static final String STDERR_TTY_PROPERTY = "nexmark.stderrTty";
    private static final int SAMPLE_ROWS = 10;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, NexmarkQuery<?>> resolver;
    private final boolean stderrIsTerminal;

    /**
     * A harness printing to {@code out} and {@code err}, finding queries with {@code resolver} (normally
     * {@link Queries#byName}; tests substitute their own).
     */
    public Main(PrintStream out, PrintStream err, Function<String, NexmarkQuery<?>> resolver,
                boolean stderrIsTerminal) {
        this.out = out;
        this.err = err;
        this.resolver = resolver;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    public static void main(String[] args) {
        Main main = new Main(System.out, System.err, Queries::byName, Boolean.getBoolean(STDERR_TTY_PROPERTY));
        int status = main.run(args);
        System.out.flush();
        System.exit(status);
    }

    /** Runs the command line {@code args}; returns the exit status (0 ok, 1 failure or difference, 2 usage). */
    public int run(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
            if (o.help) {
                out.print(Options.help());
                return 0;
            }
            for (int w : o.workerCounts) {
                String why = Engines.unsupported(w);
                if (why != null) {
                    throw new UsageException(why);
                }
            }
            if (o.events > Options.MAX_EVENTS) {
                throw new UsageException("--events: at most " + Options.MAX_EVENTS);
            }
        } catch (UsageException e) {
            err.println("nexmark: " + e.getMessage());
            err.println("Try 'bin/nexmark --help'.");
            return 2;
        }

        List<NexmarkQuery<?>> queries = new ArrayList<>();
        for (String name : o.queries) {
            try {
                queries.add(resolver.apply(name));
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println("nexmark: " + e.getMessage());
                return 2;
            }
        }

        Progress progress = new Progress(err, o.progress != null ? o.progress : stderrIsTerminal);
        EventSource source;
        try {
            source = source(o, progress);
            if (o.dumpEvents != null) {
                dumpEvents(source, o, progress);
                if (!o.queriesGiven) {
                    err.println("nexmark: no --query given with --dump-events: no query run");
                    return 0;
                }
            }
            if (o.dumpOutput != null) {
                Files.createDirectories(o.dumpOutput);
            }
        } catch (MalformedEventException e) {
            progress.clear();
            err.println("nexmark: malformed event, stopping: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            progress.clear();
            err.println("nexmark: " + e);
            return 1;
        }
        if (source.size() == 0) {
            err.println("nexmark: no events to run");
            return 1;
        }
        warnIfNaiveIsLong(o, source.size());

        List<QueryResult> results = new ArrayList<>();
        boolean several = Variant.all(o).size() > 1 || o.rounds > 1;
        for (NexmarkQuery<?> q : queries) {
            results.addAll(runQuery(q, source, o, progress, several));
        }

        out.print(Table.render(results, several, o.engines.size() > 1));
        if (several) {
            out.println();
            out.print(Scaling.render(results, Variant.all(o), o.engines.size() > 1));
        }
        out.flush();
        boolean failed = results.stream().anyMatch(QueryResult::failed);
        if (o.json != null) {
            try {
                JsonReport.write(results, o.json);
            } catch (IOException e) {
                err.println("nexmark: cannot write " + o.json + ": " + e);
                return 1;
            }
        }
        if (failed) {
            err.println("nexmark: failed: " + String.join(", ", results.stream().filter(QueryResult::failed)
                    .map(r -> r.query() + (r.error() != null ? " (error)" : " (differs from reference)"))
                    .toList()));
            return 1;
        }
        return 0;
    }

    /**
     * Where the events come from: read from {@code --events-from}, or generated. Generated events are held only
     * when {@code --check} needs the whole history for the references; otherwise every pass generates them again
     * a chunk at a time ({@link EventSource}), so that the run's heap is the query's. Never part of any timing.
     */
    private EventSource source(Options o, Progress progress) throws IOException {
        long start = System.nanoTime();
        if (o.eventsFrom != null) {
            long limit = o.events >= 0 ? o.events : Long.MAX_VALUE;
            List<Event> list = new ArrayList<>();
            try (EventJsonReader reader = EventJsonReader.open(o.eventsFrom)) {
                for (Event e = list.size() < limit ? reader.read() : null; e != null;
                     e = list.size() < limit ? reader.read() : null) {
                    list.add(e);
                    if ((list.size() & 0xFFFF) == 0) {
                        progress.update("reading", list.size(), Math.max(list.size(), Math.min(limit, 1L << 40)),
                                "");
                    }
                    if (list.size() > Options.MAX_EVENTS) {
                        throw new IOException(o.eventsFrom + ": more than " + Options.MAX_EVENTS
                                + " events; use --events");
                    }
                }
            }
            Event[] events = list.toArray(new Event[0]);
            progress.clear();
            err.printf(Locale.ROOT, "nexmark: read %,d events from %s in %.1f s%n", events.length, o.eventsFrom,
                    (System.nanoTime() - start) / 1e9);
            return EventSource.held(events);
        }
        int n = (int) (o.events >= 0 ? o.events : Options.DEFAULT_EVENTS);
        if (!o.check) {
            return EventSource.generated(o.generator, n);
        }
        EventSource held = EventSource.generatedAndHeld(o.generator, n,
                done -> progress.update("generating", done, n, ""));
        progress.clear();
        err.printf(Locale.ROOT, "nexmark: generated %,d events in %.1f s (not timed; held for --check)%n", n,
                (System.nanoTime() - start) / 1e9);
        return held;
    }

    /** Writes the events to {@code --dump-events}, a chunk at a time. */
    private void dumpEvents(EventSource source, Options o, Progress progress) throws IOException {
        try (EventJsonWriter w = EventJsonWriter.create(o.dumpEvents)) {
            if (source.isHeld()) {
                w.write(source.all(), 0, source.size());
            } else {
                Event[] buffer = new Event[0];
                EventSource.Pass pass = source.open(source.size(), o.batch);
                int written = 0;
                for (EventsByType chunk = pass.next(); chunk != null; chunk = pass.next()) {
                    if (buffer.length < chunk.size()) {
                        buffer = new Event[chunk.size()];
                    }
                    chunk.copyInOrder(buffer, 0);
                    w.write(buffer, 0, chunk.size());
                    written += chunk.size();
                    progress.update("writing", written, source.size(), "");
                }
                progress.clear();
            }
        }
        err.printf(Locale.ROOT, "nexmark: wrote %,d events to %s%n", source.size(), o.dumpEvents);
    }

    private void warnIfNaiveIsLong(Options o, long n) {
        if (o.mode != Mode.NAIVE) {
            return;
        }
        double steps = Math.ceil(2.0 * n / (o.batch + o.batchMin));
        double visits = steps * n / 2; // snapshot sizes summed over the steps
        if (visits > 2e9) {
            err.printf(Locale.ROOT, "nexmark: warning: naive mode recomputes every operator from the whole history"
                    + " at each step: about %.1e row visits per operator for %,d events in %,.0f steps; this can"
                    + " take very long (try --events 100k or a larger --batch)%n", visits, n, steps);
        }
    }

    /**
     * Runs {@code q}: one warm-up per variant (engine and worker count, {@link Variant#all}), then
     * {@code --rounds} rounds, each a timed run per variant (in the listed order in odd rounds, reversed in even
     * ones). Stops at the first failed run.
     */
    private List<QueryResult> runQuery(NexmarkQuery<?> q, EventSource source, Options o, Progress progress,
                                       boolean several) {
        List<Variant> variants = Variant.all(o);
        WarmUp.Rounds[] warm = new WarmUp.Rounds[variants.size()];
        for (int i = 0; i < variants.size(); i++) {
            try {
                warm[i] = warmUp(q, source, o, progress, variants.get(i));
            } catch (Exception | LinkageError | OutOfMemoryError | StackOverflowError e) {
                return List.of(failed(q, source.size(), o, variants.get(i), 1, e, progress));
            }
        }
        List<QueryResult> runs = new ArrayList<>();
        for (int round = 1; round <= o.rounds; round++) {
            for (int k = 0; k < variants.size(); k++) {
                int i = round % 2 == 1 ? k : variants.size() - 1 - k;
                Variant v = variants.get(i);
                QueryResult r = timedRun(q, source, o, progress, v, round, warm[i]);
                runs.add(r);
                String which = several ? String.format(Locale.ROOT, " (%s%d worker%s, round %d)",
                        o.engines.size() > 1 ? v.engine() + ", " : "", v.workers(), v.workers() == 1 ? "" : "s",
                        round) : "";
                err.println(r.error() != null ? "nexmark: " + q.name() + which + " FAILED: " + r.error()
                        : String.format(Locale.ROOT, "nexmark: %s%s: %,d events in %.3f s, %,.0f events/s%s",
                        q.name(), which, r.events(), r.seconds(), r.eventsPerSecond(),
                        r.checked() == null ? "" : r.checked() ? ", check ok" : ", CHECK FAILED"));
                if (r.error() != null) {
                    return runs;
                }
            }
        }
        return runs;
    }

    /** The untimed warm-up of {@code q} as variant {@code v} ({@link WarmUp}); notes a JIT still busy. */
    private WarmUp.Rounds warmUp(NexmarkQuery<?> q, EventSource source, Options o, Progress progress,
                                 Variant v) {
        int workers = v.workers();
        int batch = o.batch;
        int warmup = (int) o.warmupFor(source.size());
        WarmUp.Rounds warm = warmup == 0 ? new WarmUp.Rounds(0, true, 0)
                : WarmUp.run(o.warmupRounds, WarmUp::jitMillis, System::nanoTime, round -> {
                    try (QueryEngine w = Engines.create(q, o.mode, workers, keepsView(o), v.engine())) {
                        EventSource.Pass pass = source.open(warmup, batch);
                        int done = 0;
                        BatchSizes sizes = new BatchSizes(o.batchMin, batch);
                        for (EventsByType chunk = pass.next(); chunk != null; chunk = pass.next()) {
                            for (int off = 0, len; off < chunk.size(); off += len) {
                                len = sizes.next(chunk.size() - off);
                                w.prepare(chunk, off, len);
                                w.push(chunk, off, len);
                                w.step();
                                // as the timed loop does after each step, so that the JIT compiles it here
                                w.outputDeltaSize();
                                progress.update(q.name() + " warm-up " + round, done + off, warmup, "");
                            }
                            done += chunk.size();
                        }
                    }
                });
        if (!warm.quiet()) {
            progress.clear();
            err.printf(Locale.ROOT, "nexmark: note: %s: the JIT still compiled for %d ms in warm-up round %d"
                    + " (2%% or more of it); the timed run may include compilation (see jitSeconds;"
                    + " --warmup-rounds)%n", q.name(), warm.lastJitMillis(), warm.count());
        }
        return warm;
    }

    /** One timed run of {@code q} on a fresh engine of variant {@code v}, after its warm-up. */
    private QueryResult timedRun(NexmarkQuery<?> q, EventSource source, Options o, Progress progress, Variant v,
                                 int round, WarmUp.Rounds warm) {
        int workers = v.workers();
        int n = source.size();
        int batch = o.batch;
        long warmup = o.warmupFor(n);
        String mode = o.mode.name().toLowerCase(Locale.ROOT);
        try {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long baseHeap = rt.totalMemory() - rt.freeMemory();
            // random batch sizes make more steps: the array grows
            long[] latency = new long[(n + batch - 1) / batch];
            long peakHeap = baseHeap;
            long changes = 0;
            long total = 0;
            try (QueryEngine engine = o.journal != null
                    ? Engines.createJournaled(q, o.mode, workers, keepsView(o),
                            o.journal.resolve(v.directoryName(q.name(), o)))
                    : Engines.create(q, o.mode, workers, keepsView(o), v.engine())) {
                ThreadCpu cpu = new ThreadCpu(workers - 1);
                long mainCpu = 0;
                long mainAlloc = 0;
                long pushNanos = 0;
                long sourceNanos = 0;
                long prepareNanos = 0;
                long gc0 = ThreadCpu.gcMillis();
                long jit0 = WarmUp.jitMillis();
                WorkerTimings timings0 = engine.timings();
                if (o.profile) {
                    engine.startProfile();
                }
                EventSource.Pass pass = source.open(n, batch);
                BatchSizes sizes = new BatchSizes(o.batchMin, batch);
                Checkpointing ckpt = o.checkpointDir != null
                        ? Checkpointing.start(o, o.checkpointDir.resolve(v.directoryName(q.name(), o)), q.name(), err)
                        : o.journal != null && (o.checkpointEverySteps > 0 || o.checkpointEveryMs > 0)
                        ? Checkpointing.journaled(o, q.name(), err) : null;
                int s = 0;
                int done = 0;
                long[] workerCpu0 = new long[ThreadCpu.MAX_WORKERS];
                long[] workerCpu1 = new long[ThreadCpu.MAX_WORKERS];
                long[] workerStepCpu = new long[ThreadCpu.MAX_WORKERS];
                HeapWatch heapWatch = new HeapWatch(q.name(), n, err);
                while (true) {
                    long g0 = System.nanoTime();
                    EventsByType chunk = pass.next();
                    if (!source.isHeld()) { // held events were made before the run
                        sourceNanos += System.nanoTime() - g0;
                    }
                    if (chunk == null) {
                        break;
                    }
                    for (int off = 0, len; off < chunk.size(); off += len, s++) {
                        len = sizes.next(chunk.size() - off);
                        if (s == latency.length) {
                            latency = Arrays.copyOf(latency, Math.max(16, latency.length * 2));
                        }
                        long r0 = System.nanoTime();
                        engine.prepare(chunk, off, len); // as generating the events: outside the timed work
                        int wn = cpu.workersCpu(workerCpu0);
                        long a0 = cpu.currentAllocated();
                        long c0 = cpu.current();
                        long t0 = System.nanoTime();
                        prepareNanos += t0 - r0;
                        engine.push(chunk, off, len);
                        long tp = System.nanoTime();
                        engine.step();
                        long t1 = System.nanoTime();
                        if (ckpt != null) {
                            t1 += ckpt.afterStep(engine, t1 - t0); // the pause delays the next step
                        }
                        pushNanos += tp - t0;
                        mainCpu += cpu.current() - c0;
                        mainAlloc += cpu.currentAllocated() - a0;
                        // the workers' CPU within the step only: between steps they spin a little while the
                        // next batch is prepared, which an engine that prepares more would be charged for
                        if (cpu.workersCpu(workerCpu1) == wn) {
                            for (int w = 0; w < wn; w++) {
                                workerStepCpu[w] += workerCpu1[w] - workerCpu0[w];
                            }
                        }
                        latency[s] = t1 - t0;
                        total += t1 - t0;
                        changes += engine.outputDeltaSize();
                        peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
                        progress.update(q.name(), done + off + len, n, total);
                        heapWatch.afterStep(done + off + len, progress);
                    }
                    done += chunk.size();
                }
                progress.clear();
                if (o.profile) {
                    out.println("profile of " + q.name() + " (" + workers + " worker" + (workers == 1 ? "" : "s")
                            + ", round " + round + "):");
                    out.print(engine.profile().toTable(12));
                }
                // before close: the worker threads of this engine are alive (the warm-up's were joined)
                long[] workerCpu = new long[2];
                for (long c : workerStepCpu) {
                    workerCpu[0] += c;
                    workerCpu[1] = Math.max(workerCpu[1], c);
                }
                double allocPerEvent = (double) (mainAlloc + cpu.workersAllocated()) / n;
                double gcSeconds = (ThreadCpu.gcMillis() - gc0) / 1e3;
                double jitSeconds = jit0 < 0 ? Double.NaN : (WarmUp.jitMillis() - jit0) / 1e3;
                WorkerTimings timings = timings0 == null ? null : engine.timings().since(timings0);
                double[] barrierWait = new double[timings == null ? 0 : timings.workers()];
                double startLag = 0;
                for (int w = 0; w < barrierWait.length; w++) {
                    barrierWait[w] = timings.barrierWaitNanos()[w] / 1e9;
                    startLag += timings.startLagNanos()[w] / 1e9;
                }
                double handBack = timings == null ? 0 : timings.handBackNanos() / 1e9;
                double cpuSeconds = cpu.supported() ? (mainCpu + workerCpu[0]) / 1e9 : Double.NaN;
                double callerCpuSeconds = cpu.supported() ? mainCpu / 1e9 : Double.NaN;
                double maxWorkerCpuSeconds = cpu.supported() ? workerCpu[1] / 1e9 : Double.NaN;
                System.gc();
                long retained = rt.totalMemory() - rt.freeMemory() - baseHeap;
                long stateRows = engine.stateRows();
                ZSet<?> view = keepsView(o) ? engine.view() : null;
                Boolean checked = null;
                long differing = 0;
                if (o.check) {
                    ViewDiff diff = ViewDiff.of(q.reference(Arrays.asList(source.all())), view);
                    checked = diff.isEmpty();
                    differing = diff.size();
                    if (!diff.isEmpty()) {
                        reportDifference(q, diff);
                    }
                }
                if (o.dumpOutput != null) {
                    CsvDump.write(view, rowType(q), csvPath(o.dumpOutput, q.name()));
                }
                int steps = s;
                latency = Arrays.copyOf(latency, steps);
                Arrays.sort(latency);
                double seconds = total / 1e9;
                double perSecond = n / seconds;
                return new QueryResult(q.name(), q.description(), v.engine(), mode, n, batch, o.batchMin, steps,
                        engine.workers(), round, Engines.coresUsed(engine.workers()), warmup, warm.count(), seconds,
                        perSecond,
                        perSecond / Engines.coresUsed(engine.workers()), percentile(latency, 0.50) / 1e6,
                        percentile(latency, 0.99) / 1e6, latency[steps - 1] / 1e6, cpuSeconds, callerCpuSeconds,
                        maxWorkerCpuSeconds, gcSeconds, jitSeconds, allocPerEvent, pushNanos / 1e9, sourceNanos / 1e9,
                        prepareNanos / 1e9,
                        barrierWait, startLag, handBack,
                        peakHeap, retained, stateRows, stateRows == 0 ? Double.NaN : (double) retained / stateRows,
                        changes, view == null ? null : (long) view.size(), checked,
                        differing, null, ckpt == null ? 0 : ckpt.count(), ckpt == null ? Double.NaN : ckpt.seconds(),
                        ckpt == null ? Double.NaN : ckpt.maxPauseMs(), ckpt == null ? 0 : ckpt.lastBytes());
            }
        } catch (Exception | LinkageError | OutOfMemoryError | StackOverflowError e) {
            return failed(q, n, o, v, round, e, progress);
        }
    }

    /**
     * The row of a run that failed with {@code e}. One query's failure (even running out of heap: its circuit is
     * unreachable once we are here) is reported in its row; the other queries still run.
     */
    /**
     * Whether a query's output keeps its view: only when {@code --check} or {@code --dump-output} reads it. A
     * sink that passes changes on keeps nothing, and neither does the measured query.
     */
    private static boolean keepsView(Options o) {
        return o.check || o.dumpOutput != null;
    }

    private QueryResult failed(NexmarkQuery<?> q, int n, Options o, Variant v, int round, Throwable e,
                               Progress progress) {
        int workers = v.workers();
        progress.clear();
        if (!(e instanceof HeapWatch.Exhausted)) { // says all in its message, printed with the row's error
            err.println("nexmark: " + q.name() + " failed:");
            e.printStackTrace(err);
        }
        return new QueryResult(q.name(), q.description(), v.engine(), o.mode.name().toLowerCase(Locale.ROOT), n,
                o.batch, o.batchMin, 0, workers, round, Engines.coresUsed(workers), o.warmupFor(n), 0, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new double[0], Double.NaN,
                Double.NaN,
                0, 0, 0, Double.NaN, 0, null, null, 0, e instanceof HeapWatch.Exhausted ? e.getMessage() : String.valueOf(e),
                0, Double.NaN, Double.NaN, 0);
    }

    private void reportDifference(NexmarkQuery<?> q, ViewDiff diff) {
        err.println("nexmark: " + q.name() + ": final view differs from the reference: " + diff.summary()
                + "; first " + Math.min(SAMPLE_ROWS, diff.size()) + ":");
        for (ViewDiff.Difference d : diff.sample(SAMPLE_ROWS)) {
            err.println("  expected " + d.expected() + ", actual " + d.actual() + ": " + d.row());
        }
    }

    /** Nearest-rank percentile of sorted {@code values}. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The row type {@code R} of a {@code NexmarkQuery<R>} implementation, or {@code null} if not a class. */
    static Class<?> rowType(NexmarkQuery<?> q) {
        for (Class<?> c = q.getClass(); c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType pt && pt.getRawType() == NexmarkQuery.class
                        && pt.getActualTypeArguments()[0] instanceof Class<?> row) {
                    return row;
                }
            }
        }
        return null;
    }

    /** Where {@code --dump-output} writes a query's view. */
    static Path csvPath(Path dir, String query) {
        return dir.resolve(query + ".csv");
    }
}
