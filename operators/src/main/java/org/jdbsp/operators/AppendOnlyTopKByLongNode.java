package org.jdbsp.operators;

import java.util.Comparator;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.jdbsp.circuit.Stream;

/** {@link AppendOnlyTopKNode} grouped by a primitive {@code long} key, without boxing. */
final class AppendOnlyTopKByLongNode<T> extends AppendOnlyTopKNode<T> {
    private final ToLongFunction<? super T> group;
    private final LongObjectHashMap<Kept> state = new LongObjectHashMap<>();
    private final GroupIndexLong index = new GroupIndexLong();

    AppendOnlyTopKByLongNode(String name, Stream<T> in, Stream<Object> out, ToLongFunction<? super T> group,
                             Comparator<? super T> order, int k, TopKGroup.Kind kind) {
        super(name, in, out, order, k, kind);
        this.group = group;
    }

    @Override
    int touch(T row) {
        return index.indexOf(group.applyAsLong(row));
    }

    @Override
    int touched() {
        return index.size();
    }

    @Override
    void clearTouched() {
        index.clear();
    }

    @Override
    Kept lookup(int g) {
        return state.get(index.key(g));
    }

    @Override
    void store(int g, Kept kept) {
        state.put(index.key(g), kept);
    }
}
