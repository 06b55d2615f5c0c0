package org.jdbsp.circuit;

import java.util.List;

/**
 * One operator in a circuit: reads the current values of its input streams and publishes the value of its
 * output stream, once per tick, in the order of the schedule.
 *
 * <p>A step is two-phase so that a failure leaves the circuit unchanged: {@link #eval()} computes this tick's
 * output from the committed state and the inputs without changing the committed state; when every node has
 * evaluated, each node's {@link #commit()} applies the tick to its state. If any node throws, every node's
 * {@link #rollback()} discards what {@code eval} prepared. {@code commit} must not call user functions.
 *
 * <p>Nodes hold no static or shared state, so a circuit can be replicated per worker.
 */
public abstract class Node {
    private final String kind;
    private final List<Stream<?>> inputs;
    private final Stream<?> output;
    private String name;
    /** The name the builder gave, {@code kind#n}, which a user name ({@link Stream#named}) replaces. */
    private String generatedName;

    /**
     * @param kind   what the operator is, e.g. {@code "join"}; the node's name is the kind plus a number
     * @param inputs the streams it reads
     * @param output the stream it publishes, or null for a sink
     */
    protected Node(String kind, List<Stream<?>> inputs, Stream<?> output) {
        this.kind = kind;
        this.inputs = List.copyOf(inputs);
        this.output = output;
    }

    /** Computes this tick's output without changing committed state. */
    protected abstract void eval();

    /** Applies this tick to the operator's state. Must not throw on valid state nor call user functions. */
    protected void commit() {
    }

    /** Discards what {@link #eval()} prepared for this tick. */
    protected void rollback() {
    }

    /** Number of rows (entries) of state this operator keeps; 0 for stateless operators. */
    public long stateRows() {
        return 0;
    }

    /**
     * True when, given input changes with only positive weights, this operator publishes changes with only
     * positive weights (map, filter, an inner join of insertions): its output stream is then append-only too
     * ({@link Stream#isAppendOnly()}). False unless an operator says so.
     */
    public boolean keepsAppendOnly() {
        return false;
    }

    /**
     * True when the operator's output has only positive weights whatever its inputs hold (it drops the rest): its
     * output stream is append-only. False unless an operator says so.
     */
    public boolean makesAppendOnly() {
        return false;
    }

    /**
     * True when the operator keeps state from one step to the next, which a checkpoint must save: such an operator
     * implements {@link org.jdbsp.circuit.state.Checkpointable}, or circuits holding it refuse checkpoints. By
     * default the non-linear operators; a linear one that keeps state (a delay, an integral, an output's view)
     * and a non-linear one that keeps none say so.
     */
    public boolean keepsState() {
        return !isLinear();
    }

    /** True when the operator is linear and time-invariant: the same code serves naive and incremental mode. */
    public boolean isLinear() {
        return false;
    }

    public final String kind() {
        return kind;
    }

    /**
     * Unique within the circuit: the builder's {@code kind#n} (e.g. {@code join#4}) or the name given with
     * {@link Stream#named}. Used by the schedule and in {@link OperatorFailedException} messages.
     */
    public final String name() {
        return name;
    }

    /** Gives the builder's name ({@code kind#n}); a later {@link #rename} replaces it. */
    final void setName(String name) {
        this.name = name;
        this.generatedName = name;
    }

    /** Replaces the name with one a user chose (checked for uniqueness by {@link OperatorNames}). */
    final void rename(String userName) {
        this.name = userName;
    }

    /** The name the builder gave, whatever the user renamed it to. */
    final String generatedName() {
        return generatedName;
    }

    public final List<Stream<?>> inputs() {
        return inputs;
    }

    public final Stream<?> output() {
        return output;
    }

    /** Wraps a failure of a user function so that it names this operator. */
    protected final RuntimeException failure(RuntimeException e) {
        if (e instanceof OperatorFailedException) {
            return e;
        }
        return new OperatorFailedException(name, e);
    }

    @Override
    public String toString() {
        return name;
    }
}
