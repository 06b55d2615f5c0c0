package org.jdbsp.nexmark.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.EventsByType;
import org.jdbsp.nexmark.queries.QueryCircuit;
import org.jdbsp.nexmark.queries.Queries;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlOptions;
import org.jdbsp.sql.SqlProgram;

/**
 * {@code bin/crash-test}: runs a Nexmark query's durable circuit and a durable SQL program in child JVMs
 * ({@link CrashChild}), kills each with SIGKILL at seeded points (between steps, during a checkpoint, during a
 * journal append and its step), restarts it, and at the end compares what a consumer that drops repeated steps
 * received, step by step, and the final view, with an uncrashed run in this JVM. The last line reads
 * {@code N kills, L lost, D doubled} (rows of output changes and of the final view missing, or in excess); the exit
 * status is 0 only when both are 0 and every replayed step equals its first delivery.
 */
public final class CrashTest {
    private static final String[] PHASES = {"between steps", "during a checkpoint", "at a journal append or its step"};
    private static final String[] MARKERS = {"S", "C", "J"};

    private final Path base;
    private final long seed;
    private final int steps;
    private final int batch;
    private final int every;
    private final int workers;
    private long lost;
    private long doubled;
    private long differing;
    private int kills;
    private boolean failed;

    private CrashTest(Path base, long seed, int steps, int batch, int every, int workers) {
        this.workers = workers;
        this.base = base;
        this.seed = seed;
        this.steps = steps;
        this.batch = batch;
        this.every = every;
    }

    public static void main(String[] args) throws Exception {
        int kills = 20;
        long seed = 1;
        int steps = 240;
        int batch = 1000;
        int every = 5;
        int workers = 2;
        String query = "q4";
        String sqlQuery = "q5";
        Path dir = Path.of("target", "crash-test");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("""
                        usage: bin/crash-test [--kills N] [--seed S] [--steps N] [--batch N] [--checkpoint-every N]
                                              [--workers N] [--query qN] [--sql-query qN] [--dir DIR]
                          Runs the durable circuit of --query (default q4) and the durable SQL program of
                          --sql-query (default q5) over --steps steps (default 240) of --batch events (1000),
                          checkpointing every --checkpoint-every steps (5), on --workers workers (2),
                          in child JVMs killed with SIGKILL
                          --kills times in all (default 20, half each) at seeded points; then compares the
                          deduplicated output changes and the final views with an uncrashed run. Last line:
                          'N kills, L lost, D doubled'; exit status 0 only when L and D are 0.""");
                return;
            }
            if (i + 1 >= args.length) {
                usage(a + " needs a value");
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--kills" -> kills = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--steps" -> steps = Integer.parseInt(v);
                    case "--batch" -> batch = Integer.parseInt(v);
                    case "--checkpoint-every" -> every = Integer.parseInt(v);
                    case "--workers" -> workers = Integer.parseInt(v);
                    case "--query" -> query = v;
                    case "--sql-query" -> sqlQuery = v;
                    case "--dir" -> dir = Path.of(v);
                    default -> usage("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                usage(a + ": not a number: " + v);
            }
        }
        if (kills < 0 || steps < 1 || batch < 1 || every < 1 || workers < 1) {
            usage("--kills must be >= 0, --steps, --batch, --checkpoint-every and --workers >= 1");
        }
        CrashTest t = new CrashTest(dir, seed, steps, batch, every, workers);
        t.run("circuit", query, (kills + 1) / 2);
        t.run("sql", sqlQuery, kills / 2);
        if (t.differing > 0) {
            System.out.println("crash-test: " + t.differing + " replayed steps differed from their first delivery");
        }
        System.out.println(t.kills + " kills, " + t.lost + " lost, " + t.doubled + " doubled");
        System.exit(t.lost == 0 && t.doubled == 0 && t.differing == 0 && !t.failed ? 0 : 1);
    }

    private static void usage(String why) {
        System.err.println("crash-test: " + why + " (see --help)");
        System.exit(2);
    }

    /** Kills the durable run of {@code query} {@code n} times, lets it finish, and checks it. */
    private void run(String kind, String query, int n) throws Exception {
        Path dir = base.resolve(kind + "-" + query);
        deleteTree(dir);
        Files.createDirectories(dir);
        String what = kind + " " + query;
        System.out.println("crash-test: " + what + ", " + steps + " steps of " + batch + " events on " + workers
                + " workers, a checkpoint every " + every + " steps, " + n + " kills (seed " + seed + ")");
        Random r = new Random(seed * 31 + kind.hashCode());
        int[] byPhase = new int[PHASES.length];
        int torn = 0;
        int cutShort = 0;
        for (int k = 0; k < n; k++) {
            int phase = r.nextInt(PHASES.length);
            int skip = r.nextInt(3);
            Life life = Life.start(kind, query, dir, steps, batch, every, workers);
            int seen = 0;
            String killedAt = null;
            for (String line; (line = life.next()) != null; ) {
                if (line.startsWith("R")) {
                    torn += line.contains("cut short") ? 1 : 0;
                } else if (line.startsWith("GAP")) {
                    System.out.println("crash-test: " + what + ": " + line.substring(4));
                } else if (line.startsWith(MARKERS[phase])) {
                    if (seen++ == skip) {
                        life.kill();
                        killedAt = line;
                        break;
                    }
                } else if (line.equals("DONE")) {
                    break;
                }
            }
            if (killedAt == null) {
                life.kill();
                System.out.println("crash-test: " + what + ": the run ended before kill " + (k + 1)
                        + "; give it more --steps");
                failed = true;
                break;
            }
            byPhase[phase]++;
            kills++;
            cutShort += unfinishedCheckpoints(dir.resolve("checkpoints"));
        }
        Life last = Life.start(kind, query, dir, steps, batch, every, workers);
        boolean done = false;
        for (String line; (line = last.next()) != null; ) {
            torn += line.startsWith("R") && line.contains("cut short") ? 1 : 0;
            done |= line.equals("DONE");
            if (line.startsWith("GAP")) {
                System.out.println("crash-test: " + what + ": " + line.substring(4));
            }
        }
        int exit = last.waitFor();
        if (!done || exit != 0) {
            System.out.println("crash-test: " + what + ": the last life failed (exit " + exit + "):\n" + last.errors());
            failed = true;
            return;
        }
        Reference ref = reference(kind, query);
        Map<Long, Map<String, Long>> got = consumed(dir.resolve("out.log"));
        long lostHere = 0;
        long doubledHere = 0;
        for (long s = 1; s <= steps; s++) {
            long[] d = compare(ref.changes.get(s), got.get(s));
            lostHere += d[0];
            doubledHere += d[1];
        }
        long[] v = compare(parse(ref.view), parse(Files.readAllLines(dir.resolve("final.txt"))));
        lostHere += v[0];
        doubledHere += v[1];
        System.out.printf("crash-test: %s: %d kills (%d %s, %d %s, %d %s), leaving %d checkpoints unfinished and %d "
                + "journal tails torn; final view %d rows; %d lost, %d doubled%n", what, n, byPhase[0], PHASES[0],
                byPhase[1], PHASES[1], byPhase[2], PHASES[2], cutShort, torn, ref.view.size(), lostHere, doubledHere);
        lost += lostHere;
        doubled += doubledHere;
    }

    /** A child JVM running {@link CrashChild}, its stdout read line by line. */
    private static final class Life {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private static final String EOF = "\u0000eof";

        private Life(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process was killed
                } finally {
                    lines.add(EOF);
                }
            }, "crash-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Life start(String kind, String query, Path dir, int steps, int batch, int every, int workers)
                throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), CrashChild.class.getName(), kind, query, dir.toString(),
                    String.valueOf(steps), String.valueOf(batch), String.valueOf(every), String.valueOf(workers));
            pb.redirectError(dir.resolve("stderr.log").toFile());
            return new Life(pb.start());
        }

        /** The next line, or null at the end (within 10 minutes). */
        String next() throws InterruptedException {
            String l = lines.poll(10, TimeUnit.MINUTES);
            return l == null || l.equals(EOF) ? null : l;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL
            process.waitFor();
        }

        int waitFor() throws InterruptedException {
            return process.waitFor();
        }

        String errors() {
            return "see the child's stderr.log";
        }
    }

    /** The uncrashed run: each step's changes, and the final view. */
    private record Reference(Map<Long, Map<String, Long>> changes, List<String> view) {
    }

    private Reference reference(String kind, String query) {
        Map<Long, Map<String, Long>> changes = new HashMap<>();
        CrashChild.Events events = new CrashChild.Events(batch);
        if (kind.equals("sql")) {
            SqlProgram p = Sql.compile(CrashChild.SqlLife.script(query), SqlOptions.incremental());
            for (long s = 1; s <= steps; s++) {
                EventsByType e = events.of(s);
                SqlEngine.insert(e, 0, e.size(), p);
                p.step();
                changes.put(s, parse(CrashChild.lines(p.view(query).changes())));
            }
            return new Reference(changes, CrashChild.lines(p.view(query).contents()));
        }
        try (QueryCircuit<?> c = QueryCircuit.of(Queries.byName(query), Mode.INCREMENTAL, 1, true)) {
            for (long s = 1; s <= steps; s++) {
                EventsByType e = events.of(s);
                c.push(e, 0, e.size());
                c.step();
                changes.put(s, parse(CrashChild.lines(c.output().delta())));
            }
            return new Reference(changes, CrashChild.lines(c.output().view()));
        }
    }

    /**
     * What the consumer kept from the log: per step, its first complete block ({@code begin}..{@code end}); a
     * later complete block of the same step that differs is counted in {@link #differing}.
     */
    private Map<Long, Map<String, Long>> consumed(Path log) throws IOException {
        Map<Long, Map<String, Long>> first = new TreeMap<>();
        List<String> block = null;
        long step = -1;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("begin ")) {
                step = Long.parseLong(line.substring(6));
                block = new ArrayList<>();
            } else if (line.startsWith("end ") && block != null && Long.parseLong(line.substring(4)) == step) {
                Map<String, Long> b = parse(block);
                Map<String, Long> had = first.putIfAbsent(step, b);
                if (had != null && !had.equals(b)) {
                    differing++;
                }
                block = null;
            } else if (block != null && line.startsWith(step + "\t")) {
                block.add(line.substring(line.indexOf('\t') + 1));
            } else {
                block = null; // a torn block, or the line a new life starts with
            }
        }
        return first;
    }

    /** Lines {@code row<TAB>weight} as row to weight. */
    private static Map<String, Long> parse(List<String> lines) {
        Map<String, Long> m = new HashMap<>();
        for (String l : lines) {
            int tab = l.lastIndexOf('\t');
            m.merge(l.substring(0, tab), Long.parseLong(l.substring(tab + 1)), Long::sum);
        }
        return m;
    }

    /** Rows missing ({@code [0]}) and in excess ({@code [1]}) in {@code got}, by |weight|; null got: all missing. */
    private static long[] compare(Map<String, Long> expected, Map<String, Long> got) {
        long[] d = new long[2];
        Map<String, Long> e = expected == null ? Map.of() : expected;
        Map<String, Long> g = got == null ? Map.of() : got;
        java.util.Set<String> rows = new java.util.HashSet<>(e.keySet());
        rows.addAll(g.keySet());
        for (String row : rows) {
            long we = e.getOrDefault(row, 0L);
            long wg = g.getOrDefault(row, 0L);
            if (we == wg) {
                continue;
            }
            if (Long.signum(we) * Long.signum(wg) < 0) {
                d[0] += Math.abs(we);
                d[1] += Math.abs(wg);
            } else if (Math.abs(wg) < Math.abs(we)) {
                d[0] += Math.abs(we) - Math.abs(wg);
            } else {
                d[1] += Math.abs(wg) - Math.abs(we);
            }
        }
        return d;
    }

    /** Checkpoint directories without a manifest: checkpoints a kill cut short. */
    private static int unfinishedCheckpoints(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (var s = Files.list(checkpoints)) {
            return (int) s.filter(p -> Files.isDirectory(p) && !Files.exists(p.resolve("MANIFEST"))).count();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
