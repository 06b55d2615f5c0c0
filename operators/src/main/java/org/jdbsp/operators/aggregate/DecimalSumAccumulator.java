package org.jdbsp.operators.aggregate;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Function;
import org.jdbsp.operators.spi.Checked;

/**
 * {@code SUM} and {@code AVG} of a {@code DECIMAL} column, exact: per group the {@link BigDecimal} sum of
 * {@code value * weight} and the summed weights of the non-null values; NULL with no non-null value; the average
 * is the sum divided by that count, rounded half up to the aggregate's scale. State: one {@code BigDecimal} and
 * one {@code long} per group; O(1) arithmetic per changed row (on numbers of the values' size).
 */
final class DecimalSumAccumulator<T> extends Accumulator<T> {
    private final boolean average;
    private final int scale;
    private final Function<? super T, ?> value;
    private Object[] sum = new Object[16];
    private long[] count = new long[16];
    private Object[] dSum = new Object[16];
    private long[] dCount = new long[16];

    DecimalSumAccumulator(boolean average, int scale, Function<? super T, ?> value) {
        super(average ? "avg" : "sum");
        this.average = average;
        this.scale = scale;
        this.value = value;
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
        dSum[ord] = BigDecimal.ZERO;
        dCount[ord] = 0;
    }

    @Override
    void add(int ord, T row, long w) {
        Object o = value.apply(row);
        if (o == null) {
            return;
        }
        BigDecimal v = (BigDecimal) o;
        dSum[ord] = ((BigDecimal) dSum[ord]).add(w == 1 ? v : v.multiply(BigDecimal.valueOf(w)));
        dCount[ord] = Checked.add(dCount[ord], w, row);
    }

    @Override
    boolean prepare(int ord, int id) {
        long newCount = Checked.add(count[id], dCount[ord], keys, id);
        BigDecimal old = (BigDecimal) sum[id];
        dSum[ord] = newCount == 0 ? null : old == null ? dSum[ord] : old.add((BigDecimal) dSum[ord]);
        dCount[ord] = newCount;
        return !Objects.equals(get(id, -1), get(id, ord));
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
        sum[id] = null;
        count[id] = 0;
    }

    @Override
    void dropScratch(int ord) {
        dSum[ord] = null;
    }

    @Override
    boolean isNull(int id, int ord) {
        return (ord < 0 ? count[id] : dCount[ord]) <= 0;
    }

    @Override
    BigDecimal getDecimal(int id, int ord) {
        if (isNull(id, ord)) {
            throw nullValue();
        }
        BigDecimal s = (BigDecimal) (ord < 0 ? sum[id] : dSum[ord]);
        return average ? s.divide(BigDecimal.valueOf(ord < 0 ? count[id] : dCount[ord]), scale, Agg.AVG_ROUNDING) : s;
    }

    @Override
    double getDouble(int id, int ord) {
        return getDecimal(id, ord).doubleValue();
    }

    @Override
    Object get(int id, int ord) {
        return isNull(id, ord) ? null : getDecimal(id, ord);
    }
}
