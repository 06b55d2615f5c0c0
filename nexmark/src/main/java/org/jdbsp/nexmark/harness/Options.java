package org.jdbsp.nexmark.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.queries.Queries;

/**
 * The harness's command line, parsed and validated. {@link #parse(String[])} never exits: bad input raises a
 * {@link UsageException} with a one-line message. Query names are only checked for shape ({@code q<n>},
 * {@code n} in range) here; whether the class exists is checked when the queries are resolved.
 */
public final class Options {
    /** Default number of events: all 23 queries, with {@code --check}, take a few minutes on 2 cores. */
    public static final long DEFAULT_EVENTS = 1_000_000;
    /** The most events a run takes (steps and held events are counted in {@code int}s). */
    public static final int MAX_EVENTS = Integer.MAX_VALUE - 16;
    /** Default events per step (Feldera's closed-loop runs use 40,000-event batches). */
    public static final int DEFAULT_BATCH = 10_000;
    /**
     * Default upper bound of warm-up events per query (a separate, untimed circuit): as many as the default run,
     * so that the JIT has compiled the query's hot paths before the timed run (after a 100,000-event warm-up a
     * single worker measured 20-60% slower than after a 1,000,000-event one).
     */
    public static final long DEFAULT_WARMUP = 1_000_000;
    /**
     * Default most warm-up rounds per query: a round repeats the warm-up in a fresh throwaway circuit until the
     * JIT compiler is quiet ({@link WarmUp}); most queries need two or three.
     */
    public static final int DEFAULT_WARMUP_ROUNDS = 5;
    /** The largest {@code --warmup-rounds} accepted. */
    static final int MAX_WARMUP_ROUNDS = 1_000;
    /** The largest {@code --rounds} accepted. */
    static final int MAX_ROUNDS = 1_000;

    /** Query names to run, in order, without duplicates ({@code q0} ... {@code q22}). */
    public final List<String> queries;
    /** Number of events; {@code -1} when not given (then: {@link #DEFAULT_EVENTS}, or a replayed file's all). */
    public final long events;
    public final int batch;
    /** The smallest batch: {@link #batch} unless {@code --batch LO-HI} asked for random sizes from LO to HI. */
    public final int batchMin;
    public final Mode mode;
    /** {@code circuit} (the hand-wired circuits, default) or {@code sql} (the queries' SQL texts, compiled). */
    public final String engine;
    /**
     * The engines to run each query on ({@code --engine circuit,sql}); the first is {@link #engine}. More than
     * one runs every engine in every round, alternating their order, and reports the ratios of their times.
     */
    public final List<String> engines;
    /** Workers per circuit: the first of {@link #workerCounts}; default {@link Engines#defaultWorkers()}. */
    public final int workers;
    /**
     * The worker counts to run each query with ({@code --workers 1,2}); more than one, or {@link #rounds} above
     * 1, runs every count in every round, alternating their order, and reports the speed-ups.
     */
    public final int[] workerCounts;
    /** Timed runs per query and worker count ({@code --rounds}, default 1), after one warm-up per count. */
    public final int rounds;
    /** Warm-up events per query; {@code -1} when not given (then {@code min(DEFAULT_WARMUP, events)}). */
    public final long warmup;
    /** Most warm-up rounds per query ({@code >= 1}); warm-up stops earlier once a round finds the JIT quiet. */
    public final int warmupRounds;
    public final boolean check;
    /** Print each timed run's per-operator profile (time, allocation, slowest steps). */
    public final boolean profile;
    public final Path json;
    public final Path dumpEvents;
    /** Whether {@code --query} was given: without it, {@code --dump-events} only writes the events. */
    public final boolean queriesGiven;
    /** The generator's configuration (without the number of events): its defaults, then the options' changes. */
    public final org.jdbsp.nexmark.generator.NexmarkConfig generator;
    public final Path eventsFrom;
    public final Path dumpOutput;
    /** Write a checkpoint of each timed run under this directory (one subdirectory per run), or null. */
    public final Path checkpointDir;
    /** Journal every step of each timed run under this directory (one subdirectory per run), or null. */
    public final Path journal;
    /** With {@link #checkpointDir}: a checkpoint every this many steps (0: by time, {@link #checkpointEveryMs}). */
    public final long checkpointEverySteps;
    /** With {@link #checkpointDir}: a checkpoint when this many ms of step time passed since the last (or 0). */
    public final long checkpointEveryMs;
    /** {@code TRUE} forced on, {@code FALSE} forced off, {@code null}: on when stderr is a terminal. */
    public final Boolean progress;
    public final boolean help;

    private Options(Builder b) {
        queries = Collections.unmodifiableList(new ArrayList<>(b.queries));
        events = b.events;
        batch = b.batch;
        batchMin = b.batchMin;
        mode = b.mode;
        engines = List.copyOf(b.engines);
        engine = engines.get(0);
        workerCounts = b.workers.clone();
        workers = workerCounts[0];
        rounds = b.rounds;
        warmup = b.warmup;
        warmupRounds = b.warmupRounds;
        check = b.check;
        profile = b.profile;
        json = b.json;
        dumpEvents = b.dumpEvents;
        queriesGiven = b.queriesGiven;
        generator = b.generator.build();
        eventsFrom = b.eventsFrom;
        dumpOutput = b.dumpOutput;
        checkpointDir = b.checkpointDir;
        journal = b.journal;
        checkpointEverySteps = b.checkpointEverySteps;
        checkpointEveryMs = b.checkpointEveryMs;
        progress = b.progress;
        help = b.help;
    }

    /** Events to run: {@code --events}, else all of a replayed file ({@code available}), else the default. */
    public long eventsToRun(long available) {
        return events >= 0 ? Math.min(events, available) : available;
    }

    /** Warm-up events per query for a run of {@code eventCount} events. */
    public long warmupFor(long eventCount) {
        return Math.min(warmup >= 0 ? warmup : DEFAULT_WARMUP, eventCount);
    }

    private static final class Builder {
        final Set<String> queries = new LinkedHashSet<>();
        long events = -1;
        int batch = DEFAULT_BATCH;
        int batchMin = DEFAULT_BATCH;
        Mode mode = Mode.INCREMENTAL;
        List<String> engines = List.of("circuit");
        int[] workers = {Engines.defaultWorkers()};
        int rounds = 1;
        long warmup = -1;
        int warmupRounds = DEFAULT_WARMUP_ROUNDS;
        boolean check;
        boolean profile;
        Path json;
        Path dumpEvents;
        boolean queriesGiven;
        org.jdbsp.nexmark.generator.NexmarkConfig.Builder generator = org.jdbsp.nexmark.generator.NexmarkConfig.builder();
        boolean generatorChanged;
        Path eventsFrom;
        Path dumpOutput;
        Path checkpointDir;
        Path journal;
        long checkpointEverySteps;
        long checkpointEveryMs;
        boolean checkpointEveryGiven;
        Boolean progress;
        boolean help;
    }

    /** Parses {@code args}; options take their value as the next argument or after {@code =}. */
    public static Options parse(String[] args) throws UsageException {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> {
                    noValue(name, value);
                    b.help = true;
                }
                case "--check" -> {
                    noValue(name, value);
                    b.check = true;
                }
                case "--profile" -> {
                    noValue(name, value);
                    b.profile = true;
                }
                case "--progress" -> {
                    noValue(name, value);
                    b.progress = Boolean.TRUE;
                }
                case "--no-progress" -> {
                    noValue(name, value);
                    b.progress = Boolean.FALSE;
                }
                default -> {
                    if (!name.startsWith("-")) {
                        throw new UsageException("unexpected argument '" + arg + "' (options start with --)");
                    }
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            if (isValued(name)) {
                                throw new UsageException(name + " needs a value");
                            }
                            throw new UsageException("unknown option '" + name + "' (see --help)");
                        }
                        if (!isValued(name)) {
                            throw new UsageException("unknown option '" + name + "' (see --help)");
                        }
                        value = args[++i];
                    }
                    valued(b, name, value);
                }
            }
        }
        b.queriesGiven = !b.queries.isEmpty();
        if (b.queries.isEmpty()) {
            addQueries(b, "all");
        }
        if (b.checkpointEveryGiven && b.checkpointDir == null && b.journal == null) {
            throw new UsageException("--checkpoint-every needs --checkpoint-dir or --journal");
        }
        if (b.checkpointDir != null && b.journal != null) {
            throw new UsageException("--journal keeps its checkpoints with the journal: drop --checkpoint-dir");
        }
        if (b.journal != null && b.engines.contains("sql")) {
            throw new UsageException("--journal runs the circuit engine (SQL programs: DurableSqlProgram)");
        }
        if (b.checkpointDir != null && !b.checkpointEveryGiven) {
            b.checkpointEveryMs = 10_000;
        }
        if (b.generatorChanged && b.eventsFrom != null) {
            throw new UsageException("--base-time and --generator set up the generator; --events-from replays a file");
        }
        try {
            b.generator.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--generator: " + e.getMessage());
        }
        return new Options(b);
    }

    private static boolean isValued(String name) {
        return switch (name) {
            case "--query", "-q", "--events", "-n", "--batch", "--mode", "--engine", "--workers", "--rounds", "--warmup",
                    "--warmup-rounds", "--json", "--base-time", "--generator",
                    "--dump-events", "--events-from", "--dump-output", "--checkpoint-dir", "--checkpoint-every",
                    "--journal" -> true;
            default -> false;
        };
    }

    private static void valued(Builder b, String name, String value) throws UsageException {
        switch (name) {
            case "--query", "-q" -> addQueries(b, value);
            case "--events", "-n" -> b.events = count(name, value, 1);
            case "--batch" -> {
                int dash = value.indexOf('-', 1); // LO-HI; a leading minus is a (bad) number
                b.batchMin = (int) count(name, dash < 0 ? value : value.substring(0, dash), 1, Integer.MAX_VALUE);
                b.batch = dash < 0 ? b.batchMin : (int) count(name, value.substring(dash + 1), 1, Integer.MAX_VALUE);
                if (b.batchMin > b.batch) {
                    throw new UsageException(name + ": a range LO-HI needs LO <= HI, got '" + value + "'");
                }
            }
            case "--warmup" -> b.warmup = count(name, value, 0);
            case "--warmup-rounds" -> b.warmupRounds = (int) count(name, value, 1, MAX_WARMUP_ROUNDS);
            case "--workers" -> b.workers = workerCounts(name, value);
            case "--rounds" -> b.rounds = (int) count(name, value, 1, MAX_ROUNDS);
            case "--mode" -> b.mode = switch (value.toLowerCase(Locale.ROOT)) {
                case "incremental" -> Mode.INCREMENTAL;
                case "naive" -> Mode.NAIVE;
                default -> throw new UsageException("--mode: expected incremental or naive, got '" + value + "'");
            };
            case "--engine" -> b.engines = engines(name, value);
            case "--json" -> b.json = path(name, value);
            case "--dump-events" -> b.dumpEvents = path(name, value);
            case "--events-from" -> b.eventsFrom = path(name, value);
            case "--dump-output" -> b.dumpOutput = path(name, value);
            case "--checkpoint-dir" -> b.checkpointDir = path(name, value);
            case "--journal" -> b.journal = path(name, value);
            case "--checkpoint-every" -> {
                b.checkpointEveryGiven = true;
                if (value.endsWith("s")) {
                    b.checkpointEveryMs = count(name, value.substring(0, value.length() - 1), 1, 86_400) * 1000;
                    b.checkpointEverySteps = 0;
                } else {
                    b.checkpointEverySteps = count(name, value, 1);
                    b.checkpointEveryMs = 0;
                }
            }
            case "--base-time" -> {
                b.generator.baseTime(count(name, value, 0));
                b.generatorChanged = true;
            }
            case "--generator" -> {
                GeneratorOptions.apply(b.generator, value);
                b.generatorChanged = true;
            }
            default -> throw new UsageException("unknown option '" + name + "' (see --help)");
        }
    }

    /** An engine, {@code circuit} or {@code sql}, or a comma list of both ({@code circuit,sql}). */
    private static List<String> engines(String name, String value) throws UsageException {
        List<String> engines = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String engine = part.strip().toLowerCase(Locale.ROOT);
            if (!engine.equals("circuit") && !engine.equals("sql")) {
                throw new UsageException(name + ": expected circuit, sql or a comma list of them, got '" + value
                        + "'");
            }
            if (engines.contains(engine)) {
                throw new UsageException(name + ": " + engine + " is listed twice in '" + value + "'");
            }
            engines.add(engine);
        }
        return engines;
    }

    /** A worker count, or a comma list of distinct ones ({@code 1,2}); the harness checks each against its limits. */
    private static int[] workerCounts(String name, String value) throws UsageException {
        String[] parts = value.split(",", -1);
        int[] counts = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new UsageException(name + ": expected a worker count or a comma list of them, got '" + value
                        + "'");
            }
            counts[i] = (int) Math.min(count(name, parts[i], 1), Integer.MAX_VALUE);
            for (int j = 0; j < i; j++) {
                if (counts[j] == counts[i]) {
                    throw new UsageException(name + ": " + counts[i] + " is listed twice in '" + value + "'");
                }
            }
        }
        return counts;
    }

    private static void noValue(String name, String value) throws UsageException {
        if (value != null) {
            throw new UsageException(name + " takes no value");
        }
    }

    private static Path path(String name, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException(name + " needs a file name");
        }
        return Path.of(value);
    }

    /** {@link #count(String, String, long)}, at most {@code max}. */
    private static long count(String name, String value, long min, long max) throws UsageException {
        long n = count(name, value, min);
        if (n > max) {
            throw new UsageException(name + ": at most " + max + ", got '" + value + "'");
        }
        return n;
    }

    /** A positive count; accepts {@code _} and {@code ,} separators and k/m suffixes ({@code 1m}, {@code 40k}). */
    static long count(String name, String value, long min) throws UsageException {
        String v = value.trim().replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
        long scale = 1;
        if (v.endsWith("k")) {
            scale = 1_000;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            scale = 1_000_000;
            v = v.substring(0, v.length() - 1);
        }
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(v), scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(name + ": expected a whole number, got '" + value + "'");
        }
        if (n < min) {
            throw new UsageException(name + ": must be at least " + min + ", got " + value);
        }
        return n;
    }

    private static void addQueries(Builder b, String list) throws UsageException {
        if (list.isBlank()) {
            throw new UsageException("--query needs a query name (q0 ... q" + (Queries.COUNT - 1) + " or all)");
        }
        for (String part : list.split(",")) {
            String q = part.trim().toLowerCase(Locale.ROOT);
            if (q.equals("all")) {
                for (int i = 0; i < Queries.COUNT; i++) {
                    b.queries.add("q" + i);
                }
            } else if (q.matches("q?\\d{1,2}") && Integer.parseInt(q.replace("q", "")) < Queries.COUNT) {
                b.queries.add("q" + Integer.parseInt(q.replace("q", "")));
            } else {
                throw new UsageException("--query: unknown query '" + part.trim() + "' (expected q0 ... q"
                        + (Queries.COUNT - 1) + ", a comma list of them, or all)");
            }
        }
    }

    /** The {@code --help} text. */
    public static String help() {
        return """
                Usage: bin/nexmark [options]
                Runs Nexmark queries on jdbsp circuits over the standard generated events (identical to Apache
                Beam's generator) or a replayed event file, and reports throughput, step latency and state.

                  --query, -q Q      query to run: q0 ... q22, a comma list, or all (repeatable; default all)
                  --events, -n N     number of events (default %,d; with --events-from: the file's first N,
                                     default all of it). Accepts 1m, 500k, 1_000_000.
                  --batch N          events per step: each step pushes N events and runs one tick;
                                     LO-HI: a random number from LO to HI each step (seeded: runs repeat)
                                     (default %,d; Feldera's closed loop uses 40,000)
                  --engine E         circuit (default: the hand-wired circuits) or sql (the queries' SQL
                                     texts of all 23 queries, nexmark/nexmark's with documented changes,
                                     compiled by jdbsp's SQL); the JSON's engine says which. A comma list
                                     (circuit,sql) runs each query on each engine in one JVM over the same
                                     events and prints the ratios of their times (see --rounds)
                  --mode M           incremental (default) or naive (recomputes every operator from the whole
                                     history at each step: cost grows with events x steps; a warning is
                                     printed when a run would be long)
                  --workers N        workers per circuit, 1 ... %d (default: the available cores, %d here).
                                     N > 1 runs N replicas, worker 0 on the main thread and the others on
                                     threads jdbsp-worker-<i>, rows moved by key before grouped operators,
                                     steps synchronous across workers; 1 steps a plain circuit on the main
                                     thread. A comma list (1,2) runs each query with each count in one JVM
                                     and prints the speed-ups over the first count (see --rounds)
                  --rounds R         timed runs per query, engine and worker count (default 1, at most
                                     %d). After one warm-up per engine and count, round r runs each of
                                     them, in the listed order in odd rounds and reversed in even ones
                                     (engines first, then counts), so that drift in the machine's speed
                                     hits all alike; the speed-up table gives the median seconds of each,
                                     their ratio to the first, and the median of the rounds' ratios
                  --warmup N         untimed warm-up per query: a separate throwaway circuit is fed the first
                                     N events before the timed run on a fresh circuit (default
                                     min(%,d, events): the JIT compiles during it; 0 disables).
                                     Never included in the figures.
                  --warmup-rounds R  repeat the warm-up, each time in a fresh throwaway circuit, until a round
                                     in which the JIT compiled for under 2%% of the round's time, at most R
                                     rounds (default %d): the timed run then measures compiled code, and no
                                     compiler thread takes a core from the workers
                  --check            also compute each query's independent reference over the whole history
                                     and fail (exit 1) if a final view differs, printing sample rows
                  --profile          after each timed run, print where its steps went per operator: time
                                     in eval and commit, bytes allocated per step, the slowest step of
                                     each operator and the run's slowest steps with the operator that
                                     took most of each (two clock and two counter reads per operator
                                     and phase: a few percent slower)
                  --json FILE        write the results as a JSON array, one object per query and run
                  --dump-events FILE write the events run, as JSON Lines; without --query, write them and
                                     run no query
                  --base-time MS     the generator's first event time, in ms since the epoch (default
                                     Beam's, 2015-07-15T00:00:00Z)
                  --generator K=V,.. the generator's other parameters: event-rate, first-event-rate,
                                     next-event-rate, rate-period-sec, rate-shape (square, sine),
                                     proportions (P:A:B), avg-person-bytes, avg-auction-bytes,
                                     avg-bid-bytes, hot-auction-ratio, hot-sellers-ratio,
                                     hot-bidders-ratio, in-flight-auctions, active-people,
                                     out-of-order-group-size, event-generators (Beam's defaults)
                  --events-from FILE replay events from a JSON Lines file instead of generating them (a
                                     malformed line stops the run naming the file and line)
                  --dump-output DIR  write each query's final view as DIR/<query>.csv (header, then one row
                                     per element with its weight, sorted)
                  --checkpoint-dir DIR  write checkpoints of each timed run under DIR/<query>-w<workers>
                                     (replaced at each run) and report their count,
                                     time, largest pause and size; the pauses are part of the step
                                     latencies and of seconds
                  --checkpoint-every N | Ns  a checkpoint every N steps, or when N seconds of step time
                                     passed since the last (default 10s)
                  --journal DIR      journal every step of each timed run (circuit engine) in
                                     DIR/<query>-w<workers> before it runs, as a DurableCircuit does, with
                                     the checkpoints of --checkpoint-every (if given) beside it
                  --progress         progress bar on stderr (default: only when stderr is a terminal)
                  --no-progress      no progress bar
                  --help, -h         this text

                Timing: events are generated as the run goes, a chunk of about 65,000 events at a time between
                steps, so that 100M-event runs fit (the JSON's sourceSeconds: time spent generating, not in
                seconds); with --check they are generated once up front and held, as the references need
                them all; --events-from reads them up front. Each query runs on the same events in a fresh
                circuit; only pushing a batch into the inputs plus the step are timed.
                seconds = sum of step times; events/s = events / seconds; events/s/core divides by the cores
                used, min(workers, available cores) (JSON: workers, cores). p50/p99 are per-step latencies
                (push + step). cpu s = CPU time of the threads running the timed steps (main thread's push +
                step, plus the jdbsp-worker-<i> threads' in the same windows; not GC/JIT threads); the JSON also has
                callerCpuSeconds (main thread: pushes, and worker 0 when N > 1), maxWorkerCpuSeconds
                (busiest jdbsp-worker-<i> thread), gcSeconds (collectors' reported time), jitSeconds (JIT
                compilation during the timed run; warmupRounds tells how many warm-up rounds ran) and
                allocatedBytesPerEvent (allocated by the threads running the steps) and pushSeconds (the
                part of seconds spent pushing batches, before each step): CPU figures depend
                little on other load of the machine. With N > 1 the JSON also tells where the workers' wall
                time went: barrierWaitSeconds (per worker, waiting at barriers for the others: imbalance),
                startLagSeconds (worker threads starting a step late) and handBackSeconds (main thread
                waiting, after its own part, for the others to finish). peak heap = max JVM heap in use
                sampled after each step (includes the events held or the current chunk, and uncollected garbage); the JSON also has
                retainedHeapBytes = heap in use after a full GC at the end minus before the run (the circuit's
                state and output view). state rows = circuit.stateRows() at the end; output changes = rows in
                the output deltas summed over all steps.
                Environment: JAVA_OPTS (default -Xmx8g -XX:+UseParallelGC: the throughput collector, faster
                than G1 over all queries here on 1 and 2 workers; see docs/nexmark.md) is passed to java;
                NEXMARK_SKIP_BUILD=1 skips the build check of bin/nexmark.
                Exit status: 0 ok, 1 a query failed or --check found a difference or the input is bad,
                2 bad command line.
                """.formatted(DEFAULT_EVENTS, DEFAULT_BATCH, Engines.MAX_WORKERS, Engines.defaultWorkers(),
                        MAX_ROUNDS, DEFAULT_WARMUP, DEFAULT_WARMUP_ROUNDS);
    }
}
