package org.jdbsp.operators.aggregate;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jdbsp.operators.spi.Checked;

/**
 * {@code SUM} and {@code AVG} of a {@code double} column: per group the IEEE sum of {@code value * weight} and the
 * summed weights of the non-null values; NULL with no non-null value, and the sum is reset to exactly 0 when the
 * last value goes (so deletions leave no residue in an emptied group). State: a {@code double} and a {@code long}
 * per group; O(1) per changed row.
 */
final class DoubleSumAccumulator<T> extends Accumulator<T> {
    private final boolean average;
    private final ToDoubleFunction<? super T> primitive;
    private final Function<? super T, ?> nullable;
    private double[] sum = new double[16];
    private long[] count = new long[16];
    private double[] dSum = new double[16];
    private long[] dCount = new long[16];

    DoubleSumAccumulator(boolean average, ToDoubleFunction<? super T> primitive, Function<? super T, ?> nullable) {
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
        double v;
        if (primitive != null) {
            v = primitive.applyAsDouble(row);
        } else {
            Object o = nullable.apply(row);
            if (o == null) {
                return;
            }
            v = ((Number) o).doubleValue();
        }
        dSum[ord] += v * w;
        dCount[ord] = Checked.add(dCount[ord], w, row);
    }

    @Override
    boolean prepare(int ord, int id) {
        long newCount = Checked.add(count[id], dCount[ord], keys, id);
        dSum[ord] = newCount == 0 ? 0.0 : sum[id] + dSum[ord];
        dCount[ord] = newCount;
        if (isNull(id, -1) != isNull(id, ord)) {
            return true;
        }
        return !isNull(id, ord) && Double.compare(getDouble(id, -1), getDouble(id, ord)) != 0;
    }

    @Override
    void commit(int ord, int id) {
        sum[id] = dSum[ord];
        count[id] = dCount[ord];
    }

    @Override
    boolean isEmpty(int id) {
        return count[id] == 0;
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
        throw wrongType("long");
    }

    @Override
    double getDouble(int id, int ord) {
        if (isNull(id, ord)) {
            throw nullValue();
        }
        double s = ord < 0 ? sum[id] : dSum[ord];
        return average ? s / (ord < 0 ? count[id] : dCount[ord]) : s;
    }

    @Override
    Object get(int id, int ord) {
        return isNull(id, ord) ? null : getDouble(id, ord);
    }
}
