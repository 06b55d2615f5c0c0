package org.jdbsp.nexmark.harness;

import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.WorkerCircuit;
import org.jdbsp.circuit.WorkerTimings;
import org.jdbsp.nexmark.model.EventsByType;
import org.jdbsp.nexmark.queries.NexmarkQuery;
import org.jdbsp.nexmark.queries.QueryCircuit;
import org.jdbsp.zset.ZSet;

/**
 * Creates the {@link QueryEngine} for a query, a mode and a number of workers: a {@link QueryCircuit}, a plain
 * circuit stepped by the calling thread for one worker, the multi-worker runtime
 * ({@link org.jdbsp.circuit.Workers}: worker 0 on the calling thread, one thread {@code jdbsp-worker-<i>} per
 * other worker) for more.
 */
public final class Engines {
    /** Largest {@code --workers} accepted (threads per circuit; more than the cores only time-slices them). */
    public static final int MAX_WORKERS = 64;

    private Engines() {
    }

    /** The cores of this JVM ({@link Runtime#availableProcessors()}). */
    public static int availableCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The default {@code --workers}: the available cores, at most {@link #MAX_WORKERS}. */
    public static int defaultWorkers() {
        return Math.max(1, Math.min(availableCores(), MAX_WORKERS));
    }

    /**
     * The cores a run on {@code workers} workers computes on, {@code min(workers, available cores)}: the divisor
     * of events/s/core (workers beyond the cores share them).
     */
    public static int coresUsed(int workers) {
        return Math.max(1, Math.min(workers, availableCores()));
    }

    /** Why {@code workers} cannot run, or {@code null} if it can. */
    public static String unsupported(int workers) {
        if (workers < 1) {
            return "--workers must be at least 1";
        }
        if (workers > MAX_WORKERS) {
            return "--workers " + workers + ": at most " + MAX_WORKERS + " workers";
        }
        return null;
    }

    /** A fresh engine running {@code query} in {@code mode} on {@code workers} workers, keeping its view. */
    public static QueryEngine create(NexmarkQuery<?> query, Mode mode, int workers) {
        return create(query, mode, workers, true);
    }

    /**
     * A fresh engine running {@code query} in {@code mode} on {@code workers} workers; {@code keepView}: its
     * output keeps the view ({@link QueryEngine#view()}), else it only publishes changes and keeps no state.
     */
    public static QueryEngine create(NexmarkQuery<?> query, Mode mode, int workers, boolean keepView) {
        return create(query, mode, workers, keepView, "circuit");
    }

    /**
     * As {@link #create(NexmarkQuery, Mode, int, boolean)} on {@code engine}: {@code circuit}, or {@code sql}
     * (the query's SQL text compiled by jdbsp's SQL).
     */
    public static QueryEngine create(NexmarkQuery<?> query, Mode mode, int workers, boolean keepView,
                                     String engine) {
        String why = unsupported(workers);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        if (engine.equals("sql")) {
            return new SqlEngine(query, mode, workers, keepView);
        }
        return new CircuitEngine(QueryCircuit.of(query, mode, workers, keepView));
    }

    /**
     * As {@link #create(NexmarkQuery, Mode, int, boolean, String)} on the circuit engine, journaling every step in
     * {@code journal} (emptied first) with a {@link org.jdbsp.circuit.DurableCircuit}, whose checkpoints go there
     * too ({@code --journal}).
     */
    public static QueryEngine createJournaled(NexmarkQuery<?> query, Mode mode, int workers, boolean keepView,
                                              java.nio.file.Path journal) {
        String why = unsupported(workers);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        Checkpointing.empty(journal);
        QueryCircuit<?> c = QueryCircuit.of(query, mode, workers, keepView);
        return new CircuitEngine(c, org.jdbsp.circuit.DurableCircuit.open(journal, c::circuit, null));
    }

    /** A query circuit, on one worker (the calling thread) or several (worker threads), journaled or not. */
    private static final class CircuitEngine implements QueryEngine {
        private final QueryCircuit<?> circuit;
        /** The journal of every step, or null. */
        private final org.jdbsp.circuit.DurableCircuit durable;

        CircuitEngine(QueryCircuit<?> circuit) {
            this(circuit, null);
        }

        CircuitEngine(QueryCircuit<?> circuit, org.jdbsp.circuit.DurableCircuit durable) {
            this.circuit = circuit;
            this.durable = durable;
        }

        @Override
        public void push(EventsByType events, int off, int len) {
            circuit.push(events, off, len);
        }

        @Override
        public void step() {
            if (durable != null) {
                durable.step();
            } else {
                circuit.step();
            }
        }

        @Override
        public int outputDeltaSize() {
            return circuit.output().deltaSize();
        }

        @Override
        public ZSet<?> view() {
            return circuit.output().view();
        }

        @Override
        public void startProfile() {
            circuit.circuit().profile(true);
        }

        @Override
        public org.jdbsp.circuit.OperatorProfile profile() {
            return circuit.circuit().profile();
        }

        @Override
        public long stateRows() {
            return circuit.circuit().stateRows();
        }

        @Override
        public WorkerTimings timings() {
            return circuit.circuit() instanceof WorkerCircuit<?> w && w.workers() > 1 ? w.timings() : null;
        }

        @Override
        public org.jdbsp.circuit.CheckpointStore.Saved checkpoint(org.jdbsp.circuit.CheckpointStore store) {
            return durable != null ? durable.checkpoint() : store.save(circuit.circuit());
        }

        @Override
        public int workers() {
            return circuit.workers();
        }

        @Override
        public void close() {
            circuit.close();
        }
    }
}
