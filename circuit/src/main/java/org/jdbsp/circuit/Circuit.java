package org.jdbsp.circuit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A built circuit: {@link #step()} runs one clock tick, evaluating every operator once in the order computed
 * at build time, then committing. A step that fails (a user function throws) leaves every operator's state as
 * it was before the step and its input pending; the exception names the operator. Not thread-safe: one thread
 * steps a circuit (the multi-worker runtime runs one replica per worker).
 */
public final class Circuit implements CircuitRuntime {
    private final Mode mode;
    private final Schedule schedule;
    private final Map<String, InputHandle<?>> inputs;
    private final Map<String, OutputHandle<?>> outputs;
    private long steps;
    private boolean closed;

    Circuit(Mode mode, Schedule schedule, Map<String, InputHandle<?>> inputs, Map<String, OutputHandle<?>> outputs) {
        this.mode = mode;
        this.schedule = schedule;
        this.inputs = Map.copyOf(inputs);
        this.outputs = Map.copyOf(outputs);
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Runs one tick.
     *
     * @throws OperatorFailedException if an operator failed; the circuit is unchanged
     * @throws IllegalStateException   if the circuit is closed
     */
    @Override
    public void step() {
        if (closed) {
            throw new IllegalStateException("step() on a closed circuit");
        }
        schedule.step(steps);
        steps++;
    }

    // ---- the two phases of a step, for the multi-worker runtime (one replica per worker) ----------------

    /** Evaluates this replica's tick; on failure the caller must {@link #rollbackPhase()}. */
    void evalPhase() {
        if (closed) {
            throw new IllegalStateException("step() on a closed circuit");
        }
        schedule.eval(steps);
    }

    void commitPhase() {
        schedule.commit();
        steps++;
    }

    void rollbackPhase() {
        schedule.rollback();
    }

    /** Number of completed steps. */
    @Override
    public long stepCount() {
        return steps;
    }

    /** The input declared under {@code name}. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> InputHandle<T> input(String name) {
        InputHandle<?> h = inputs.get(name);
        if (h == null) {
            throw new IllegalArgumentException("unknown input '" + name + "'; inputs are " + inputs.keySet());
        }
        return (InputHandle<T>) h;
    }

    /** The output declared under {@code name}. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> OutputHandle<T> output(String name) {
        OutputHandle<?> h = outputs.get(name);
        if (h == null) {
            throw new IllegalArgumentException("unknown output '" + name + "'; outputs are " + outputs.keySet());
        }
        return (OutputHandle<T>) h;
    }

    /** The schedule as operator names in run order; fused chains show as {@code fused[map#3 -> filter#4]}. */
    @Override
    public List<String> schedule() {
        return schedule.describe();
    }

    /** Rows of state kept by all operators (traces, aggregates, delays, output views). */
    @Override
    public long stateRows() {
        long n = 0;
        for (Node node : schedule.nodes()) {
            n += node.stateRows();
        }
        return n;
    }

    /** Per operator, the rows of state it keeps. */
    public Map<String, Long> stateRowsByOperator() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (Node node : schedule.nodes()) {
            m.put(node.name(), node.stateRows());
        }
        return m;
    }

    /** Closes the circuit; later steps throw. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    /** Always 1: a plain circuit is run by the thread that steps it. */
    @Override
    public int workers() {
        return 1;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    java.util.Set<String> inputNames() {
        return inputs.keySet();
    }

    java.util.Set<String> outputNames() {
        return outputs.keySet();
    }

    List<Node> nodes() {
        return new ArrayList<>(schedule.nodes());
    }
}
