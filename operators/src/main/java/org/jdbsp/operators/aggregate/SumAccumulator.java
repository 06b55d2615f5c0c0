package org.jdbsp.operators.aggregate;

import java.math.BigDecimal;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jdbsp.operators.spi.Checked;

/**
 * {@code SUM} and {@code AVG} over one of three number systems, each in its own columns: per group the sum of
 * {@code value * weight} and the summed weights of the non-null values ({@code count}). The result is NULL while
 * that count is not positive; the sum is kept exactly all the same (a group's count can return to 0 with values
 * left when weights are negative). {@code long}: exact, overflow fails the step naming the row or group; the
 * average is truncated toward zero. {@code double}: IEEE sums, so deleting a value may leave a rounding residue
 * (as in every incremental engine). {@code BigDecimal}: exact; the average is rounded half up to the aggregate's
 * scale; over {@code long} values, a step's changes are summed as a {@code long} while they fit and the sum is
 * made a {@code BigDecimal} once per group and step. State: a sum and a {@code long} per group; O(1)
 * arithmetic per changed row. {@link #prepare} leaves the new sum and count in the change columns.
 */
final class SumAccumulator<T> extends Accumulator<T> {
    /** The number system of the sum. */
    enum Num { LONG, DOUBLE, DECIMAL }

    private final Num num;
    private final boolean average;
    private final int scale;
    private final ToLongFunction<? super T> longValue;
    private final ToDoubleFunction<? super T> doubleValue;
    private final Function<? super T, ?> value;
    private long[] count = new long[16];
    private long[] longSum;
    private double[] doubleSum;
    private Object[] decimalSum;
    private long[] dCount = new long[16];
    private long[] dLong;
    private double[] dDouble;
    private Object[] dDecimal;

    SumAccumulator(Num num, boolean average, int scale, ToLongFunction<? super T> longValue,
                   ToDoubleFunction<? super T> doubleValue, Function<? super T, ?> value) {
        super(average ? "avg" : "sum");
        this.num = num;
        this.average = average;
        this.scale = scale;
        this.longValue = longValue;
        this.doubleValue = doubleValue;
        this.value = value;
        longSum = num == Num.LONG ? new long[16] : null;
        dLong = num == Num.LONG || longValue != null ? new long[16] : null;
        doubleSum = num == Num.DOUBLE ? new double[16] : null;
        dDouble = num == Num.DOUBLE ? new double[16] : null;
        decimalSum = num == Num.DECIMAL ? new Object[16] : null;
        dDecimal = num == Num.DECIMAL ? new Object[16] : null;
    }

    @Override
    void reserve(int limit) {
        count = grow(count, limit);
        switch (num) {
            case LONG -> longSum = grow(longSum, limit);
            case DOUBLE -> doubleSum = grow(doubleSum, limit);
            default -> decimalSum = grow(decimalSum, limit);
        }
    }

    @Override
    void begin(int ord, int id) {
        dCount = grow(dCount, ord + 1);
        dCount[ord] = 0;
        switch (num) {
            case LONG -> {
                dLong = grow(dLong, ord + 1);
                dLong[ord] = 0;
            }
            case DOUBLE -> {
                dDouble = grow(dDouble, ord + 1);
                dDouble[ord] = 0;
            }
            default -> {
                dDecimal = grow(dDecimal, ord + 1);
                dDecimal[ord] = BigDecimal.ZERO;
                if (longValue != null) {
                    dLong = grow(dLong, ord + 1);
                    dLong[ord] = 0;
                }
            }
        }
    }

    @Override
    void add(int ord, T row, long w) {
        if (longValue != null && num == Num.DECIMAL) {
            long v = longValue.applyAsLong(row);
            try {
                dLong[ord] = Math.addExact(dLong[ord], Math.multiplyExact(v, w)); // while the step's sum fits
            } catch (ArithmeticException beyondLong) {
                dDecimal[ord] = ((BigDecimal) dDecimal[ord]).add(BigDecimal.valueOf(v).multiply(BigDecimal.valueOf(w)));
            }
        } else if (longValue != null) {
            dLong[ord] = Checked.add(dLong[ord], Checked.multiply(longValue.applyAsLong(row), w, row), row);
        } else if (doubleValue != null) {
            dDouble[ord] += doubleValue.applyAsDouble(row) * w;
        } else {
            Object o = value.apply(row);
            if (o == null) {
                return;
            }
            switch (num) {
                case LONG -> dLong[ord] = Checked.add(dLong[ord], Checked.multiply(((Number) o).longValue(), w, row),
                        row);
                case DOUBLE -> dDouble[ord] += ((Number) o).doubleValue() * w;
                default -> {
                    BigDecimal v = (BigDecimal) o;
                    dDecimal[ord] = ((BigDecimal) dDecimal[ord]).add(w == 1 ? v : v.multiply(BigDecimal.valueOf(w)));
                }
            }
        }
        dCount[ord] = Checked.add(dCount[ord], w, row);
    }

    @Override
    boolean prepare(int ord, int id) {
        long newCount = Checked.add(count[id], dCount[ord], keys, id);
        switch (num) {
            case LONG -> dLong[ord] = Checked.add(longSum[id], dLong[ord], keys, id);
            case DOUBLE -> dDouble[ord] = doubleSum[id] + dDouble[ord];
            default -> {
                BigDecimal old = (BigDecimal) decimalSum[id];
                BigDecimal delta = (BigDecimal) dDecimal[ord];
                if (longValue != null && dLong[ord] != 0) delta = delta.add(BigDecimal.valueOf(dLong[ord]));
                BigDecimal sum = old == null ? delta : old.add(delta);
                dDecimal[ord] = sum.signum() == 0 && newCount == 0 ? null : sum;
            }
        }
        dCount[ord] = newCount;
        boolean wasNull = isNull(id, -1);
        if (wasNull || isNull(id, ord)) {
            return wasNull != isNull(id, ord);
        }
        return switch (num) { // compared unboxed
            case LONG -> getLong(id, -1) != getLong(id, ord);
            case DOUBLE -> Double.compare(getDouble(id, -1), getDouble(id, ord)) != 0;
            default -> !getDecimal(id, -1).equals(getDecimal(id, ord));
        };
    }

    @Override
    void commit(int ord, int id) {
        count[id] = dCount[ord];
        switch (num) {
            case LONG -> longSum[id] = dLong[ord];
            case DOUBLE -> doubleSum[id] = dDouble[ord];
            default -> decimalSum[id] = dDecimal[ord];
        }
    }

    @Override
    void dropScratch(int ord) {
        if (dDecimal != null) {
            dDecimal[ord] = null;
        }
    }

    @Override
    boolean isEmpty(int id) {
        return count[id] == 0 && switch (num) {
            case LONG -> longSum[id] == 0;
            case DOUBLE -> doubleSum[id] == 0;
            default -> decimalSum[id] == null;
        };
    }

    @Override
    void drop(int id) {
        count[id] = 0;
        switch (num) {
            case LONG -> longSum[id] = 0;
            case DOUBLE -> doubleSum[id] = 0;
            default -> decimalSum[id] = null;
        }
    }

    @Override
    boolean isNull(int id, int ord) {
        return (ord < 0 ? count[id] : dCount[ord]) <= 0;
    }

    private long countOf(int id, int ord) {
        return ord < 0 ? count[id] : dCount[ord];
    }

    @Override
    long getLong(int id, int ord) {
        if (num != Num.LONG) {
            throw wrongType("long");
        }
        if (isNull(id, ord)) {
            throw nullValue();
        }
        long s = ord < 0 ? longSum[id] : dLong[ord];
        return average ? s / countOf(id, ord) : s;
    }

    @Override
    double getDouble(int id, int ord) {
        if (num == Num.LONG) {
            return getLong(id, ord);
        }
        if (num == Num.DECIMAL) {
            return getDecimal(id, ord).doubleValue();
        }
        if (isNull(id, ord)) {
            throw nullValue();
        }
        double s = ord < 0 ? doubleSum[id] : dDouble[ord];
        return average ? s / countOf(id, ord) : s;
    }

    @Override
    BigDecimal getDecimal(int id, int ord) {
        if (num != Num.DECIMAL) {
            throw wrongType("BigDecimal");
        }
        if (isNull(id, ord)) {
            throw nullValue();
        }
        BigDecimal s = (BigDecimal) (ord < 0 ? decimalSum[id] : dDecimal[ord]);
        return average ? s.divide(BigDecimal.valueOf(countOf(id, ord)), scale, Agg.AVG_ROUNDING) : s;
    }

    @Override
    Object get(int id, int ord) {
        if (isNull(id, ord)) {
            return null;
        }
        return switch (num) {
            case LONG -> getLong(id, ord);
            case DOUBLE -> getDouble(id, ord);
            default -> getDecimal(id, ord);
        };
    }

    @Override
    void writeGroup(int id, org.jdbsp.circuit.state.StateWriter out) {
        out.writeSignedVarLong(count[id]);
        switch (num) {
            case LONG -> out.writeSignedVarLong(longSum[id]);
            case DOUBLE -> out.writeDouble(doubleSum[id]);
            default -> out.writeValue(decimalSum[id]);
        }
    }

    @Override
    void readGroup(int id, org.jdbsp.circuit.state.StateReader in) {
        count[id] = in.readSignedVarLong();
        switch (num) {
            case LONG -> longSum[id] = in.readSignedVarLong();
            case DOUBLE -> doubleSum[id] = in.readDouble();
            default -> decimalSum[id] = in.readValue();
        }
    }
}
