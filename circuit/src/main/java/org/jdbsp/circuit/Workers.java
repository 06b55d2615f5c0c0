package org.jdbsp.circuit;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds multi-worker circuits: one circuit run by {@code workers} workers (the caller's thread and
 * {@code workers - 1} threads), each running a replica over its shard of the data, with exactly the results of
 * one worker.
 *
 * <pre>{@code
 * try (WorkerCircuit<Void> c = Workers.build(4, Mode.INCREMENTAL, b -> {
 *     InputHandle<Row> in = b.input("rows", Row.class);
 *     b.output("counts", Count.class, Aggregates.count(in.stream(), Row::key, Count::new));
 * })) {
 *     Input<Row> rows = c.input("rows", Row.class);
 *     rows.insert(new Row(1, 2));
 *     c.step();
 *     ZSet<Count> view = c.output("counts", Count.class).view();
 * }
 * }</pre>
 *
 * <p>The wiring function is called once per worker, on that worker's builder, and must build the same circuit
 * every time (operators hold no shared state, except objects obtained from {@link CircuitBuilder#shared}, one
 * instance for all replicas). Rows pushed to an input are split among the workers by a hash
 * of the row (an insert and its later delete meet on the same worker); operators that group by a key insert an
 * exchange ({@link CircuitBuilder#shard}) that moves each record to the worker owning its key; an output's
 * change and view are the sums of the workers'. See {@link WorkerCircuit} for stepping and failure.
 *
 * <p>Operators outside the library must follow the same rules to be correct with several workers: a
 * non-linear operator that groups by a key calls {@link CircuitBuilder#shard} on each input (or
 * {@link CircuitBuilder#gather} when it has no key); a custom source node (e.g. a constant table) publishes
 * its rows in one worker only ({@code b.workerIndex() == 0}), or every worker would add a copy. Linear
 * operators need nothing.
 */
public final class Workers {
    private Workers() {
    }

    /** A circuit run by {@code workers >= 1} threads; {@code wiring} declares inputs, operators and outputs. */
    public static WorkerCircuit<Void> build(int workers, Mode mode, Consumer<CircuitBuilder> wiring) {
        Objects.requireNonNull(wiring, "wiring");
        return wire(workers, mode, b -> {
            wiring.accept(b);
            return null;
        });
    }

    /**
     * As {@link #build}, keeping what {@code wiring} returns for each replica ({@link WorkerCircuit#wired}),
     * e.g. handles or streams of that replica.
     */
    public static <X> WorkerCircuit<X> wire(int workers, Mode mode, Function<CircuitBuilder, X> wiring) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(wiring, "wiring");
        return new WorkerCircuit<>(workers, mode, wiring);
    }
}
