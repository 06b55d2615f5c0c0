package org.jdbsp.operators;

import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.jdbsp.circuit.Stream;

/** {@link MinMaxNode} grouped by a primitive {@code long} key, without boxing. */
final class MinMaxByLongNode<T, R> extends MinMaxNode<T, R> {
    private final ToLongFunction<? super T> key;
    private final Aggregates.LongResult<? extends R> result;
    private final LongObjectHashMap<LongMultiset> state = new LongObjectHashMap<>();
    private final GroupIndexLong index = new GroupIndexLong();

    MinMaxByLongNode(boolean max, Stream<T> in, ToLongFunction<? super T> key, ToLongFunction<? super T> value,
                     Aggregates.LongResult<? extends R> result, Stream<R> out) {
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
    LongMultiset lookup(int g) {
        return state.get(index.key(g));
    }

    @Override
    void store(int g, LongMultiset m) {
        if (m == null) {
            state.remove(index.key(g));
        } else {
            state.put(index.key(g), m);
        }
    }

    @Override
    R result(int g, long v) {
        return result.apply(index.key(g), v);
    }

    @Override
    public long stateRows() {
        long n = 0;
        for (LongMultiset m : state) {
            n += m.size();
        }
        return n;
    }
}
