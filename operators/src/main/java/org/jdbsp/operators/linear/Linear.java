package org.jdbsp.operators.linear;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.FlatMapper;

/**
 * Linear operators: map, filter, flatMap, UNION ALL and difference ({@code UNION} with set semantics is
 * {@code Distinct.union}). A linear operator commutes with the
 * integral, so the same code serves naive mode (snapshots in, snapshot out) and incremental mode (changes in,
 * change out): {@code Q(dX) = d(Q(X))}. They keep no state. The per-element operators ({@link #map},
 * {@link #filter}, {@link #flatMap}) are fusible: a chain of them runs as one pass over its input with no
 * intermediate Z-set. User functions that throw, or return {@code null}, fail the step with an exception naming
 * the operator; the circuit is left unchanged.
 */
public final class Linear {
    private Linear() {
    }

    /**
     * {@code SELECT f(x) FROM in}: each element {@code x} with weight {@code w} becomes {@code f(x)} with weight
     * {@code w}. Cost: O(|input|) per tick, no state; fusible.
     */
    public static <T, R> Stream<R> map(Stream<T> in, Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "map function");
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, "map");
        Stream<R> out = c.newStream("map");
        c.addNode(new MapNode<>(in, out, f));
        return out;
    }

    /**
     * {@code SELECT * FROM in WHERE p(x)}: keeps the elements satisfying {@code p}, with their weights.
     * Cost: O(|input|) per tick, no state; fusible.
     */
    public static <T> Stream<T> filter(Stream<T> in, Predicate<? super T> p) {
        Objects.requireNonNull(p, "filter predicate");
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, "filter");
        Stream<T> out = c.newStream("filter");
        c.addNode(new FilterNode<>(in, out, p));
        return out;
    }

    /**
     * Each element {@code x} with weight {@code w} becomes every element {@code f} emits for {@code x}, each with
     * weight {@code w}. The function emits to a consumer, so no collection is built per element.
     * Cost: O(|input| + |output|) per tick, no state; fusible.
     */
    public static <T, R> Stream<R> flatMap(Stream<T> in, FlatMapper<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "flatMap function");
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, "flatMap");
        Stream<R> out = c.newStream("flatMap");
        c.addNode(new FlatMapNode<>(in, out, f));
        return out;
    }

    /**
     * {@code UNION ALL}: the pointwise sum {@code a + b} (weights add). Cost: O(|a| + |b|) per tick, no state.
     */
    public static <T> Stream<T> union(Stream<T> a, Stream<T> b) {
        CircuitBuilder c = a.circuit();
        c.checkOwns(a, "union");
        c.checkOwns(b, "union");
        return a.plus(b);
    }

    /**
     * The pointwise difference {@code a - b} (weights subtract; for {@code EXCEPT ALL} on sets follow with a
     * distinct). Cost: O(|a| + |b|) per tick, no state.
     */
    public static <T> Stream<T> difference(Stream<T> a, Stream<T> b) {
        CircuitBuilder c = a.circuit();
        c.checkOwns(a, "difference");
        c.checkOwns(b, "difference");
        return a.minus(b);
    }
}
