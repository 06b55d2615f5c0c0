package org.jdbsp.operators;

import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.jdbsp.circuit.Stream;

/** {@link AggregateNode} grouped by a primitive {@code long} key; state in two {@code LongLongHashMap}s. */
final class AggregateByLongNode<T, R> extends AggregateNode<T, R> {
    private final ToLongFunction<? super T> key;
    private final Aggregates.LongResult<? extends R> result;
    private final LongLongHashMap counts = new LongLongHashMap();
    private final LongLongHashMap sums = new LongLongHashMap();
    private final GroupIndexLong index = new GroupIndexLong();

    AggregateByLongNode(Kind kind, Stream<T> in, ToLongFunction<? super T> key, ToLongFunction<? super T> value,
                        Aggregates.LongResult<? extends R> result, Stream<R> out) {
        super(kind, in, value, out);
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
    long committedCount(int g) {
        return counts.getIfAbsent(index.key(g), 0);
    }

    @Override
    long committedSum(int g) {
        return sums.getIfAbsent(index.key(g), 0);
    }

    @Override
    void store(int g, long count, long sum) {
        long k = index.key(g);
        if (count == 0 && sum == 0) {
            counts.remove(k);
            sums.remove(k);
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
