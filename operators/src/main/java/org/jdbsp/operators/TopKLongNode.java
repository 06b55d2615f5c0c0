package org.jdbsp.operators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.LongIndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Incremental top-k per {@code long} group key, without boxing the keys: same rule and cost as
 * {@link TopKNode}, with the groups in a primitive-keyed hash map.
 */
final class TopKLongNode<T> extends Node {
    private final Stream<T> in;
    private final Stream<Object> out;
    private final ToLongFunction<? super T> group;
    private final Comparator<? super T> order;
    private final int k;
    private final TopKGroup.Kind kind;
    private final LongObjectHashMap<TreeMap<T, long[]>> groups = new LongObjectHashMap<>();
    private long rows;
    private final LongArrayList pendingKeys = new LongArrayList();
    private final List<List<TopKGroup.ClassUpdate<T>>> pendingPlans = new ArrayList<>();

    TopKLongNode(String kind, Stream<T> in, Stream<Object> out, ToLongFunction<? super T> group,
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
                LongIndexedZSet<T> byGroup = new LongIndexedZSet<>();
                for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
                    T row = delta.elementAt(s);
                    byGroup.add(group.applyAsLong(row), row, delta.weightAt(s));
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
            long key = pendingKeys.get(i);
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
