package org.jdbsp.operators;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Stream;

/** {@link MinMaxNode} grouped by an arbitrary key. */
final class MinMaxByKeyNode<T, K, R> extends MinMaxNode<T, R> {
    private final Function<? super T, ? extends K> key;
    private final BiFunction<? super K, Long, ? extends R> result;
    private final Map<K, LongMultiset> state = new HashMap<>();
    private final GroupIndex<K> index = new GroupIndex<>();

    MinMaxByKeyNode(boolean max, Stream<T> in, Function<? super T, ? extends K> key,
                    ToLongFunction<? super T> value, BiFunction<? super K, Long, ? extends R> result,
                    Stream<R> out) {
        super(max, in, value, out);
        this.key = key;
        this.result = result;
    }

    @Override
    int touch(T row) {
        K k = key.apply(row);
        if (k == null) {
            throw new NullPointerException("key function returned null for row " + row);
        }
        return index.indexOf(k);
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
        for (LongMultiset m : state.values()) {
            n += m.size();
        }
        return n;
    }
}
