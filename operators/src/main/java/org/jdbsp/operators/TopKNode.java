package org.jdbsp.operators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Incremental top-k per group (object group keys). State: per group a {@code TreeMap} of its rows ordered by
 * the comparator. Per tick: group the change, and for each touched group emit (new top) - (old top), where
 * the new top is read from the committed state merged with the planned change; the state is updated on
 * commit. Cost per touched group: O(k + c log n) for c changed rows among n.
 */
final class TopKNode<T, K> extends Node {
    private final Stream<T> in;
    private final Stream<Object> out;
    private final Function<? super T, ? extends K> group;
    private final Comparator<? super T> order;
    private final int k;
    private final TopKGroup.Kind kind;
    private final HashMap<K, TreeMap<T, long[]>> groups = new HashMap<>();
    private long rows;
    private final List<K> pendingKeys = new ArrayList<>();
    private final List<List<TopKGroup.ClassUpdate<T>>> pendingPlans = new ArrayList<>();

    TopKNode(String kind, Stream<T> in, Stream<Object> out, Function<? super T, ? extends K> group,
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
        pendingKeys.clear();
        pendingPlans.clear();
        ZSet<T> delta = in.value();
        ZSet<Object> result = new ZSet<>();
        if (!delta.isEmpty()) {
            try {
                IndexedZSet<K, T> byGroup = new IndexedZSet<>();
                for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
                    T row = delta.elementAt(s);
                    byGroup.add(Objects.requireNonNull(group.apply(row), "top-k group key is null"), row,
                            delta.weightAt(s));
                }
                byGroup.forEachGroup((key, changes) -> {
                    TreeMap<T, long[]> state = groups.get(key);
                    List<TopKGroup.ClassUpdate<T>> plan = TopKGroup.plan(state, changes, order);
                    TopKGroup.emitOld(state, k, kind, -1, result);
                    TopKGroup.emitNew(state, plan, order, k, kind, 1, result);
                    pendingKeys.add(key);
                    pendingPlans.add(plan);
                });
            } catch (RuntimeException e) {
                pendingKeys.clear();
                pendingPlans.clear();
                throw failure(e);
            }
        }
        out.publish(result);
    }

    @Override
    protected void commit() {
        for (int i = 0, n = pendingKeys.size(); i < n; i++) {
            K key = pendingKeys.get(i);
            TreeMap<T, long[]> state = groups.get(key);
            if (state == null) {
                state = new TreeMap<>(order);
                groups.put(key, state);
            }
            rows += TopKGroup.apply(state, pendingPlans.get(i));
            if (state.isEmpty()) {
                groups.remove(key);
            }
        }
        pendingKeys.clear();
        pendingPlans.clear();
    }

    @Override
    protected void rollback() {
        pendingKeys.clear();
        pendingPlans.clear();
    }

    @Override
    public long stateRows() {
        return rows;
    }
}
