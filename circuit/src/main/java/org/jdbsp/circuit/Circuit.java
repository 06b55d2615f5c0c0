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
    private final Map<String, InputFront<?>> inputs;
    private final Map<String, OutputHandle<?>> outputs;
    private long steps;
    private boolean closed;

    Circuit(Mode mode, Schedule schedule, Map<String, InputFront<?>> inputs, Map<String, OutputHandle<?>> outputs) {
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

    @Override
    public void profile(boolean on) {
        schedule.profile(on);
    }

    @Override
    public OperatorProfile profile() {
        OperatorProfile p = schedule.profileSnapshot();
        if (p == null) throw new IllegalStateException("profile() while profiling is off: call profile(true) first");
        return p;
    }

    /** Number of completed steps. */
    @Override
    public long stepCount() {
        return steps;
    }

    /**
     * The input declared under {@code name}, with rows of an unknown type: to push, look it up with its row type
     * ({@link #input(String, Class)}). A keyed input's handle is a {@link KeyedInputHandle}.
     *
     * @throws IllegalArgumentException if there is no such input, naming the inputs there are
     */
    @Override
    public Input<?> input(String name) {
        return front(name).handle();
    }

    /**
     * The input declared under {@code name}, taking rows of {@code rowType}: the type it was declared with, or,
     * if it was declared without one, any type, and then the handle checks each row it takes or returns
     * ({@link ClassCastException} naming the input, the row and its class, before anything changes). A keyed
     * input's handle keeps its checks (upsert and friends through {@link #keyedInput}).
     *
     * @throws IllegalArgumentException if there is no such input, or it was declared with another row type
     *                                  (naming both)
     */
    @Override
    public <T> Input<T> input(String name, Class<T> rowType) {
        return front(name).handle(rowType);
    }

    /**
     * The keyed input declared under {@code name}, with keys of {@code keyType} (each key passed in is checked
     * against it) and rows of {@code rowType} (as {@link #input(String, Class)}).
     *
     * @throws IllegalArgumentException if there is no such input, it is not keyed, or it was declared with
     *                                  another row type
     */
    @Override
    public <K, T> KeyedInputHandle<K, T> keyedInput(String name, Class<K> keyType, Class<T> rowType) {
        return front(name).keyedHandle(keyType, rowType);
    }

    InputFront<?> front(String name) {
        return InputFront.named(inputs, name);
    }

    /**
     * The output declared under {@code name}, with rows of an unknown type: to read rows of a type, look it up
     * with one ({@link #output(String, Class)}).
     *
     * @throws IllegalArgumentException if there is no such output, naming the outputs there are
     */
    @Override
    public OutputHandle<?> output(String name) {
        OutputHandle<?> h = outputs.get(name);
        if (h == null) {
            throw new IllegalArgumentException("unknown output '" + name + "'; outputs are " + outputs.keySet());
        }
        return h;
    }

    /**
     * The output declared under {@code name}, read as rows of {@code rowType}: its declared type or a supertype
     * of it; or, if it was declared without one, any type, and then {@code delta()} and {@code view()} check each
     * row ({@link ClassCastException} naming the output, the row and its class).
     *
     * @throws IllegalArgumentException if there is no such output, or its declared row type is not
     *                                  {@code rowType} nor a subtype of it (naming both)
     */
    @Override
    public <T> Output<T> output(String name, Class<T> rowType) {
        return CheckedOutput.of(output(name), rowType);
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

    /**
     * Closes the circuit: later steps, and every change pushed to its inputs, throw
     * {@link IllegalStateException}; outputs and pending changes stay readable. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (InputFront<?> f : inputs.values()) {
            f.close();
        }
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

    /** The inputs' shared state, by name (for checkpoints). */
    Map<String, InputFront<?>> fronts() {
        return inputs;
    }

    /** Sets the number of completed steps to a checkpoint's, on restore. */
    void restoreStepCount(long steps) {
        this.steps = steps;
    }
}
