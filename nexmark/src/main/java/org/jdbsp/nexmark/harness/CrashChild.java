package org.jdbsp.nexmark.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jdbsp.circuit.DurableCircuit;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.EventsByType;
import org.jdbsp.nexmark.queries.QueryCircuit;
import org.jdbsp.nexmark.queries.Queries;
import org.jdbsp.sql.DurableSqlProgram;
import org.jdbsp.sql.Row;
import org.jdbsp.sql.Rows;
import org.jdbsp.sql.SqlOptions;
import org.jdbsp.zset.Weighted;
import org.jdbsp.zset.ZSet;

/**
 * One life of {@code bin/crash-test}'s durable run, in its own JVM: opens the durable circuit of a Nexmark query
 * ({@link DurableCircuit}) or its SQL program ({@link DurableSqlProgram}) in a directory, and runs the steps after
 * the one it recovered at, each over its own events. The source is not replayable: it notes in {@code source.log}
 * each step it saw complete and never hands those events over again, so an engine that lost an acknowledged step
 * shows a gap (marked {@code GAP}), and the steps after it get other numbers than in the uncrashed run. Every step,
 * replayed or new, is appended to {@code out.log} as a block of its output changes between the lines
 * {@code begin <step>} and {@code end <step>} (the consumer), each life starting on a line {@code life}. On stdout
 * it marks where it is, for the parent to kill it there: {@code J<n>} before step n (its journal append comes
 * first), {@code S<n>} after it, {@code C<n>}/{@code c<n>} around a checkpoint, {@code R<n> notes} after
 * recovering at step n, {@code DONE} at the end, having written the final view to {@code final.txt}.
 */
final class CrashChild {
    private CrashChild() {
    }

    /** Args: circuit|sql, query, dir, steps, events per step, checkpoint every (steps), workers. */
    public static void main(String[] args) throws IOException {
        String kind = args[0];
        String query = args[1];
        Path dir = Path.of(args[2]);
        int steps = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        int every = Integer.parseInt(args[5]);
        int workers = Integer.parseInt(args[6]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Files.createDirectories(dir);
        try (OutputStream log = Files.newOutputStream(dir.resolve("out.log"), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            // a line of its own: a block the last life left torn ends here, whatever it was cut in
            log.write("\nlife\n".getBytes(StandardCharsets.UTF_8));
            Life life = kind.equals("sql") ? new SqlLife(query, dir, log, workers)
                    : new CircuitLife(query, dir, log, workers);
            out.println("R" + life.stepCount() + " " + life.notes());
            // the source does not re-send what it handed over: it goes on after the last step it saw complete
            // (or after the engine's, when the note of the last one did not make it to disk)
            long acked = acked(dir.resolve("source.log"));
            if (life.stepCount() < acked) {
                out.println("GAP the engine recovered at step " + life.stepCount() + ", the source handed over "
                        + acked);
            }
            Events events = new Events(batch);
            try (OutputStream source = Files.newOutputStream(dir.resolve("source.log"), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                source.write("\n".getBytes(StandardCharsets.UTF_8));
                for (long s = Math.max(acked, life.stepCount()) + 1; s <= steps; s++) {
                    EventsByType chunk = events.of(s);
                    life.push(chunk);
                    out.println("J" + s);
                    life.step();
                    source.write(("acked " + s + "\n").getBytes(StandardCharsets.UTF_8));
                    source.flush();
                    out.println("S" + s);
                    if (life.stepCount() % every == 0) {
                        out.println("C" + s);
                        life.checkpoint();
                        out.println("c" + s);
                    }
                }
            }
            Files.write(dir.resolve("final.txt"), life.finalView(), StandardCharsets.UTF_8);
            out.println("DONE");
        }
    }

    /** The last step the source saw complete, from its log (a line cut short by a kill is ignored). */
    static long acked(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        long acked = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("acked ")) {
                try {
                    acked = Math.max(acked, Long.parseLong(line.substring(6)));
                } catch (NumberFormatException e) {
                    // cut short
                }
            }
        }
        return acked;
    }

    /** The events of each step: step n takes events [(n-1) * batch, n * batch) of the default generator. */
    static final class Events {
        private final int batch;
        /** Beam's defaults, without their limit of 100,000 events. */
        private final NexmarkGenerator gen = new NexmarkGenerator(NexmarkConfig.DEFAULT.toBuilder().numEvents(0)
                .build());
        private long next = 1;

        Events(int batch) {
            this.batch = batch;
        }

        EventsByType of(long step) {
            Event[] skip = new Event[batch];
            while (next < step) {
                gen.fill(skip, 0, batch);
                next++;
            }
            Event[] e = new Event[batch];
            int n = gen.fill(e, 0, batch);
            next++;
            return new EventsByType(e, n);
        }
    }

    /** Appends step {@code step}'s changes (lines, sorted) and its end mark to the consumer's log. */
    static void deliver(OutputStream log, long step, List<String> changes) {
        StringBuilder b = new StringBuilder();
        b.append("begin ").append(step).append('\n');
        for (String line : changes) {
            b.append(step).append('\t').append(line).append('\n');
        }
        b.append("end ").append(step).append('\n');
        try {
            log.write(b.toString().getBytes(StandardCharsets.UTF_8));
            log.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A Z-set as sorted lines {@code row<TAB>weight}. */
    static List<String> lines(ZSet<?> z) {
        List<String> out = new ArrayList<>();
        for (Weighted<?> w : z) {
            out.add(w.element() + "\t" + w.weight());
        }
        java.util.Collections.sort(out);
        return out;
    }

    /** SQL rows as sorted lines {@code row<TAB>weight}. */
    static List<String> lines(Rows rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(r + "\t" + rows.weight(i));
        }
        java.util.Collections.sort(out);
        return out;
    }

    interface Life {
        long stepCount();

        String notes();

        void push(EventsByType events);

        void step();

        void checkpoint();

        List<String> finalView();
    }

    /** The query's hand-wired circuit, durable. */
    static final class CircuitLife implements Life {
        private final QueryCircuit<?> query;
        private final DurableCircuit durable;

        CircuitLife(String name, Path dir, OutputStream log, int workers) {
            this.query = QueryCircuit.of(Queries.byName(name), Mode.INCREMENTAL, workers, true);
            this.durable = DurableCircuit.open(dir, query::circuit,
                    (step, c) -> deliver(log, step, lines(query.output().delta())));
        }

        @Override
        public long stepCount() {
            return durable.stepCount();
        }

        @Override
        public String notes() {
            return durable.recovery().notes().toString();
        }

        @Override
        public void push(EventsByType events) {
            query.push(events, 0, events.size());
        }

        @Override
        public void step() {
            durable.step();
        }

        @Override
        public void checkpoint() {
            durable.checkpoint();
        }

        @Override
        public List<String> finalView() {
            return lines(query.output().view());
        }
    }

    /** The query's SQL text (tables.sql and qN.sql), durable. */
    static final class SqlLife implements Life {
        private final String view;
        private final DurableSqlProgram durable;

        SqlLife(String name, Path dir, OutputStream log, int workers) {
            this.view = name;
            this.durable = DurableSqlProgram.open(dir, script(name), SqlOptions.incremental().withWorkers(workers),
                    (step, p) -> deliver(log, step, lines(p.view(name).changes())));
        }

        static String script(String name) {
            return SqlEngine.text("tables") + "\n" + SqlEngine.text(name);
        }

        @Override
        public long stepCount() {
            return durable.stepCount();
        }

        @Override
        public String notes() {
            return durable.recovery().notes().toString();
        }

        @Override
        public void push(EventsByType events) {
            SqlEngine.insert(events, 0, events.size(), durable.program());
        }

        @Override
        public void step() {
            durable.step();
        }

        @Override
        public void checkpoint() {
            durable.checkpoint();
        }

        @Override
        public List<String> finalView() {
            return lines(durable.program().view(view).contents());
        }
    }
}
