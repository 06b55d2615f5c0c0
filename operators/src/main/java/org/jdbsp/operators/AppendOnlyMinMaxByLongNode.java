package org.jdbsp.operators;

import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.jdbsp.circuit.Stream;

/** {@link AppendOnlyMinMaxNode} grouped by a primitive {@code long} key, without boxing. */
final class AppendOnlyMinMaxByLongNode<T, R> extends AppendOnlyMinMaxNode<T, R> {
    private final ToLongFunction<? super T> key;
    private final Aggregates.LongResult<? extends R> result;
    private final LongLongHashMap state = new LongLongHashMap();
    private final GroupIndexLong index = new GroupIndexLong();

    AppendOnlyMinMaxByLongNode(boolean max, Stream<T> in, ToLongFunction<? super T> key,
                               ToLongFunction<? super T> value, Aggregates.LongResult<? extends R> result,
                               Stream<R> out) {
        super(max, in, value, out);
        this.key = key;
        this.result = result;
    }

    @Override
    int touch(T row) {
        return index.indexOf(key.applyAsLong(row));
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
