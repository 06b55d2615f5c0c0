package org.jdbsp.operators;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbsp.circuit.Stream;

/** {@link AppendOnlyTopKNode} grouped by an arbitrary (non-null) key. */
final class AppendOnlyTopKByKeyNode<T, K> extends AppendOnlyTopKNode<T> {
    private final Function<? super T, ? extends K> group;
    private final Map<K, Kept> state = new HashMap<>();
    private final GroupIndex<K> index = new GroupIndex<>();

    AppendOnlyTopKByKeyNode(String name, Stream<T> in, Stream<Object> out, Function<? super T, ? extends K> group,
                            Comparator<? super T> order, int k, TopKGroup.Kind kind) {
        super(name, in, out, order, k, kind);
        this.group = group;
    }

    @Override
    int touch(T row) {
        return index.indexOf(Objects.requireNonNull(group.apply(row), "top-k group key is null"));
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
