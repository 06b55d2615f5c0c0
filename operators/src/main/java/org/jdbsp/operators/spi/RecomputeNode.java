package org.jdbsp.operators.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * The naive form of every stateful operator: at each step it recomputes the output snapshot from the input
 * snapshots with a <em>reference</em> function, a plain whole-collection implementation that shares no code
 * with the incremental operator it checks (each family keeps its own, beside the operator). Naive circuits
 * ({@code CircuitBuilder.naive()}) are built from these; tests and benchmarks compare the incremental circuit
 * against them. No state; cost per step that of the reference function over the whole snapshots. A reference
 * that throws fails the step under this node's name.
 *
 * @param <R> the output row type
 */
public final class RecomputeNode<R> extends Node {
    private final Function<ZSet<Object>, ZSet<R>> unary;
    private final BiFunction<ZSet<Object>, ZSet<Object>, ZSet<R>> binary;
    private final List<Stream<?>> in;
    private final Stream<R> out;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private RecomputeNode(String kind, List<Stream<?>> in, Stream<R> out, Function<? extends ZSet<?>, ZSet<R>> unary,
                          BiFunction<? extends ZSet<?>, ? extends ZSet<?>, ZSet<R>> binary) {
        super(kind, in, out);
        this.in = in;
        this.out = out;
        this.unary = (Function) unary;
        this.binary = (BiFunction) binary;
    }

    /** A node publishing {@code reference(snapshot of in)} at each step. */
    public static <A, R> RecomputeNode<R> of(String kind, Stream<A> in, Stream<R> out,
                                             Function<ZSet<A>, ZSet<R>> reference) {
        return new RecomputeNode<>(kind, List.of(in), out, Objects.requireNonNull(reference, "reference"), null);
    }

    /** A node publishing {@code reference(snapshot of a, snapshot of b)} at each step. */
    public static <A, B, R> RecomputeNode<R> of(String kind, Stream<A> a, Stream<B> b, Stream<R> out,
                                                BiFunction<ZSet<A>, ZSet<B>, ZSet<R>> reference) {
        return new RecomputeNode<>(kind, List.of(a, b), out, null, Objects.requireNonNull(reference, "reference"));
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void eval() {
        ZSet<R> r;
        try {
            r = unary != null ? unary.apply((ZSet<Object>) in.get(0).value())
                    : binary.apply((ZSet<Object>) in.get(0).value(), (ZSet<Object>) in.get(1).value());
        } catch (RuntimeException e) {
            throw failure(e);
        }
        out.publish(r);
    }

    /** Recomputes from the input snapshots at every step: nothing is kept between steps. */
    @Override
    public boolean keepsState() {
        return false;
    }
}
