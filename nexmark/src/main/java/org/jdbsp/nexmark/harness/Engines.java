package org.jdbsp.nexmark.harness;

import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.queries.NexmarkQuery;
import org.jdbsp.nexmark.queries.QueryCircuit;
import org.jdbsp.zset.ZSet;

/** Creates the {@link QueryEngine} for a query, a mode and a number of workers. */
public final class Engines {
    /** Largest {@code --workers} supported: 1 until the multi-worker runtime is wired in here. */
    public static final int MAX_WORKERS = 1;

    private Engines() {
    }

    /** Why {@code workers} cannot run, or {@code null} if it can. */
    public static String unsupported(int workers) {
        if (workers < 1) {
            return "--workers must be at least 1";
        }
        if (workers > MAX_WORKERS) {
            return "--workers " + workers + ": only single-worker circuits exist so far (--workers 1); "
                    + "the multi-worker runtime is not wired into the harness yet";
        }
        return null;
    }

    /** A fresh engine running {@code query} in {@code mode} on {@code workers} workers. */
    public static QueryEngine create(NexmarkQuery<?> query, Mode mode, int workers) {
        String why = unsupported(workers);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return new SingleWorker(QueryCircuit.of(query, mode));
    }

    /** One circuit on the calling thread. */
    private static final class SingleWorker implements QueryEngine {
        private final QueryCircuit<?> circuit;

        SingleWorker(QueryCircuit<?> circuit) {
            this.circuit = circuit;
        }

        @Override
        public void push(Event[] events, int off, int len) {
            circuit.push(events, off, len);
        }

        @Override
        public void step() {
            circuit.step();
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
        public long stateRows() {
            return circuit.circuit().stateRows();
        }

        @Override
        public int workers() {
            return 1;
        }

        @Override
        public void close() {
            circuit.circuit().close();
        }
    }
}
