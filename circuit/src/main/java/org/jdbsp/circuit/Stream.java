package org.jdbsp.circuit;

import org.jdbsp.zset.ZSet;

/**
 * A stream of Z-sets in a circuit: one {@link ZSet} per clock tick. In an incremental circuit the values are
 * changes; in a naive one they are snapshots. A stream belongs to the circuit builder that made it and can
 * only feed operators of that builder.
 *
 * <p>Streams are wiring, not data: the methods here add operators to the circuit and cost nothing per tick
 * until the circuit runs. {@link #value()} is for operator implementations.
 *
 * @param <T> the element type
 */
public final class Stream<T> {
    private final CircuitBuilder owner;
    private final int id;
    private final String name;
    Node producer;
    int consumers;
    /** Every change has only positive weights (see {@link #isAppendOnly()}); set by the builder. */
    boolean appendOnly;
    /**
     * How the records are placed among the workers, when known ({@link CircuitBuilder#shard(Stream,
     * java.util.function.ToIntFunction, String, Object)}); null otherwise.
     */
    Object routing;
    private ZSet<T> value;

    Stream(CircuitBuilder owner, int id, String name) {
        this.owner = owner;
        this.id = id;
        this.name = name;
    }

    /** The builder (circuit) this stream belongs to. */
    public CircuitBuilder circuit() {
        return owner;
    }

    /** A readable name, e.g. {@code join#4}. */
    public String name() {
        return name;
    }

    int id() {
        return id;
    }

    /** The value at the current tick. For operator implementations; read-only by convention. */
    public ZSet<T> value() {
        return value;
    }

    /**
     * True when every change on this stream has only positive weights, known at wiring time: it comes from an
     * {@link CircuitBuilder#appendOnlyInput} (incremental mode) through operators that keep that
     * ({@link Node#keepsAppendOnly()}). Operators may then use cheaper forms that hold no state for deletions.
     */
    public boolean isAppendOnly() {
        return appendOnly;
    }

    /**
     * The routing of this stream's records among the workers when it is known: the value an exchange by a keyed
     * operator set ({@link CircuitBuilder#shard(Stream, java.util.function.ToIntFunction, String, Object)}) or
     * that {@link CircuitBuilder#routed} declared; null when it is not known.
     */
    public Object routing() {
        return routing;
    }

    /** Publishes this tick's value. For operator implementations (the stream's producer). */
    public void publish(ZSet<T> v) {
        value = v;
    }

    /**
     * Names the operator that produces this stream, e.g. {@code Linear.filter(orders, big).named("bigOrders")}:
     * the name replaces the generated {@code kind#n} in {@link Circuit#schedule()} (inside {@code fused[...]}
     * too) and in {@link OperatorFailedException} messages. A name is made of letters, digits and
     * {@code _ . : / -}; names are unique within a circuit (with several workers, within each worker's replica,
     * which the same wiring names alike). Naming an operator again replaces its name. Costs nothing per tick.
     * With one worker {@link CircuitBuilder#shard} and its kin return their input stream, so naming their result
     * would name the operator before them: name the operators around an exchange, not the exchange.
     *
     * @return this stream
     * @throws IllegalArgumentException if {@code name} is not a valid operator name
     * @throws CircuitWiringException   if another operator of the circuit has that name (the message names
     *                                  both), the stream is an input's (an input keeps its declared name) or has
     *                                  no producer yet, or the circuit is already built
     */
    public Stream<T> named(String name) {
        owner.rename(this, name);
        return this;
    }

    /** {@code z^-1}: the value of the previous tick (empty at the first tick). */
    public Stream<T> delay() {
        return owner.delay(this);
    }

    /** {@code I}: the running sum of this stream. */
    public Stream<T> integrate() {
        return owner.addLinear(new IntegrateNode<>(owner.checkOwns(this, "integrate"), owner.newStream("integrate")));
    }

    /** {@code D}: this tick's value minus the previous tick's. */
    public Stream<T> differentiate() {
        return owner.addLinear(new DifferentiateNode<>(owner.checkOwns(this, "differentiate"),
                owner.newStream("differentiate")));
    }

    /** Pointwise sum. */
    public Stream<T> plus(Stream<T> other) {
        return owner.addLinear(SumNode.of("plus", this, 1, other, 1, owner));
    }

    /** Pointwise difference. */
    public Stream<T> minus(Stream<T> other) {
        return owner.addLinear(SumNode.of("minus", this, 1, other, -1, owner));
    }

    /** Pointwise negation. */
    public Stream<T> negate() {
        return owner.addLinear(SumNode.of("negate", this, -1, null, 0, owner));
    }

    @Override
    public String toString() {
        return name;
    }
}
