package org.jdbsp.operators;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.jdbsp.circuit.Stream;

/** {@link AppendOnlyMinMaxNode} grouped by an arbitrary (non-null) key. */
final class AppendOnlyMinMaxByKeyNode<T, K, R> extends AppendOnlyMinMaxNode<T, R> {
    private final Function<? super T, ? extends K> key;
    private final BiFunction<? super K, Long, ? extends R> result;
    private final ObjectLongHashMap<K> state = new ObjectLongHashMap<>();
    private final GroupIndex<K> index = new GroupIndex<>();

    AppendOnlyMinMaxByKeyNode(boolean max, Stream<T> in, Function<? super T, ? extends K> key,
                              ToLongFunction<? super T> value, BiFunction<? super K, Long, ? extends R> result,
                              Stream<R> out) {
        super(max, in, value, out);
        this.key = key;
        this.result = result;
    }

    @Override
    int touch(T row) {
        return index.indexOf(Objects.requireNonNull(key.apply(row), () -> "key function returned null for row "
                + row));
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
    boolean exists(int g) {
        return state.containsKey(index.key(g));
    }

    @Override
    long extreme(int g) {
        return state.get(index.key(g));
    }

    @Override
    void store(int g, long v) {
        state.put(index.key(g), v);
    }

    @Override
    R result(int g, long v) {
        return result.apply(index.key(g), v);
    }

    @Override
    public long stateRows() {
        return state.size();
    }
}
