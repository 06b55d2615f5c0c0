package org.jdbsp.operators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.function.Function;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * The reference top-k: groups the input snapshot and sorts each group. No state; O(n log n) per tick.
 */
final class TopKNaiveNode<T> extends Node {
    private final Stream<T> in;
    private final Stream<Object> out;
    private final Function<? super T, ?> group;
    private final Comparator<? super T> order;
    private final int k;
    private final TopKGroup.Kind kind;

    TopKNaiveNode(String kind, Stream<T> in, Stream<Object> out, Function<? super T, ?> group,
                  Comparator<? super T> order, int k, TopKGroup.Kind what) {
        super(kind, List.of(in), out);
        this.in = in;
        this.out = out;
        this.group = group;
        this.order = order;
        this.k = k;
        this.kind = what;
    }

    @Override
    protected void eval() {
        ZSet<T> snapshot = in.value();
        ZSet<Object> result = new ZSet<>();
        try {
            Map<Object, List<T>> groups = new HashMap<>();
            for (int s = snapshot.nextSlot(0); s >= 0; s = snapshot.nextSlot(s + 1)) {
                T row = snapshot.elementAt(s);
                Object key = Objects.requireNonNull(group.apply(row), "top-k group key is null");
                groups.computeIfAbsent(key, x -> new ArrayList<>()).add(row);
            }
            for (List<T> rows : groups.values()) {
                TopKGroup.naive(rows, snapshot, order, k, kind, result);
            }
        } catch (RuntimeException e) {
            throw failure(e);
        }
        out.publish(result);
    }
}
