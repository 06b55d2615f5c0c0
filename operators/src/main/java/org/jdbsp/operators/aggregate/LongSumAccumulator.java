package org.jdbsp.operators.aggregate;

import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.operators.spi.Checked;

/**
 * {@code SUM} and {@code AVG} of a {@code long} column: per group the sum of {@code value * weight} and the summed
 * weights of the non-null values; the sum is NULL with no non-null value, the average is the sum divided by that
 * count, truncated toward zero. Overflow fails the step naming the row or group. State: two {@code long}s per
 * group; O(1) per changed row.
 */
final class LongSumAccumulator<T> extends Accumulator<T> {
    private final boolean average;
    private final ToLongFunction<? super T> primitive;
    private final Function<? super T, ?> nullable;
    private long[] sum = new long[16];
    private long[] count = new long[16];
    private long[] dSum = new long[16];
    private long[] dCount = new long[16];

    LongSumAccumulator(boolean average, ToLongFunction<? super T> primitive, Function<? super T, ?> nullable) {
        super(average ? "avg" : "sum");
        this.average = average;
        this.primitive = primitive;
        this.nullable = nullable;
    }

    @Override
    void reserve(int limit) {
        sum = grow(sum, limit);
        count = grow(count, limit);
    }

    @Override
    void begin(int ord, int id) {
        dSum = grow(dSum, ord + 1);
        dCount = grow(dCount, ord + 1);
        dSum[ord] = 0;
        dCount[ord] = 0;
    }

    @Override
    void add(int ord, T row, long w) {
        long v;
        if (primitive != null) {
            v = primitive.applyAsLong(row);
        } else {
            Object o = nullable.apply(row);
            if (o == null) {
                return;
            }
            v = ((Number) o).longValue();
        }
        dSum[ord] = Checked.add(dSum[ord], Checked.multiply(v, w, row), row);
        dCount[ord] = Checked.add(dCount[ord], w, row);
    }

    @Override
    boolean prepare(int ord, int id) {
        long newSum = Checked.add(sum[id], dSum[ord], keys, id);
        long newCount = Checked.add(count[id], dCount[ord], keys, id);
        // keep the new values in the change columns: the reads below and commit use them
        dSum[ord] = newSum;
        dCount[ord] = newCount;
        if (isNull(id, -1) != isNull(id, ord)) {
            return true;
        }
        return !isNull(id, ord) && value(sum[id], count[id]) != value(newSum, newCount);
    }

    private long value(long s, long c) {
        return average ? s / c : s;
    }

    @Override
    void commit(int ord, int id) {
        sum[id] = dSum[ord];
        count[id] = dCount[ord];
    }

    @Override
    boolean isEmpty(int id) {
        return sum[id] == 0 && count[id] == 0;
    }

    @Override
    void drop(int id) {
        sum[id] = 0;
        count[id] = 0;
    }

    @Override
    boolean isNull(int id, int ord) {
        return (ord < 0 ? count[id] : dCount[ord]) <= 0;
    }

    @Override
    long getLong(int id, int ord) {
        if (isNull(id, ord)) {
            throw nullValue();
        }
        return ord < 0 ? value(sum[id], count[id]) : value(dSum[ord], dCount[ord]);
    }

    @Override
    Object get(int id, int ord) {
        return isNull(id, ord) ? null : getLong(id, ord);
    }
}
