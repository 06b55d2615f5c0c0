package org.jdbsp.operators;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.jdbsp.circuit.Stream;

/** {@link AggregateNode} grouped by an arbitrary key; state in two {@code ObjectLongHashMap}s. */
final class AggregateByKeyNode<T, K, R> extends AggregateNode<T, R> {
    private final Function<? super T, ? extends K> key;
    private final BiFunction<? super K, Long, ? extends R> result;
    private final ObjectLongHashMap<K> counts = new ObjectLongHashMap<>();
    private final ObjectLongHashMap<K> sums = new ObjectLongHashMap<>();
    private final GroupIndex<K> index = new GroupIndex<>();

    AggregateByKeyNode(Kind kind, Stream<T> in, Function<? super T, ? extends K> key,
                       ToLongFunction<? super T> value, BiFunction<? super K, Long, ? extends R> result,
                       Stream<R> out) {
        super(kind, in, value, out);
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
    long committedCount(int g) {
        return counts.getIfAbsent(index.key(g), 0);
    }

    @Override
    long committedSum(int g) {
        return sums.getIfAbsent(index.key(g), 0);
    }

    @Override
    void store(int g, long count, long sum) {
        K k = index.key(g);
        if (count == 0 && sum == 0) {
            counts.removeKey(k);
            sums.removeKey(k);
        } else {
            counts.put(k, count);
            sums.put(k, sum);
        }
    }

    @Override
    R result(int g, long v) {
        return result.apply(index.key(g), v);
    }

    @Override
    public long stateRows() {
        return counts.size();
    }
}
