package org.jdbsp.operators;

import java.util.List;
import java.util.function.Function;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Naive grouped aggregate (the reference): groups the whole snapshot by key every tick and computes each
 * group's row ({@code null}: the group has no row). O(|snapshot|) per tick, no state.
 */
final class NaiveAggregateNode<T, K, R> extends Node {
    /** The row of one group, or null for none. */
    @FunctionalInterface
    interface GroupFunction<K, T, R> {
        R apply(K key, ZSet<T> group);
    }

    private final Stream<T> in;
    private final Stream<R> out;
    private final Function<? super T, ? extends K> key;
    private final GroupFunction<K, T, ? extends R> compute;

    NaiveAggregateNode(String kind, Stream<T> in, Function<? super T, ? extends K> key,
                       GroupFunction<K, T, ? extends R> compute, Stream<R> out) {
        super(kind, List.of(in), out);
        this.in = in;
        this.out = out;
        this.key = key;
        this.compute = compute;
    }

    @Override
    protected void eval() {
        ZSet<R> result = new ZSet<>();
        try {
            IndexedZSet<K, T> groups = in.value().indexBy(key);
            groups.forEachGroup((k, g) -> {
                R r = compute.apply(k, g);
                if (r != null) {
                    result.add(r, 1);
                }
            });
        } catch (RuntimeException e) {
            throw failure(e);
        }
        out.publish(result);
    }
}
