package org.jdbsp.operators.aggregate;

import java.math.BigDecimal;

/**
 * The results of a group's aggregates, by position in the list of {@link Agg}s given to the operator, as a result
 * function reads them to build the group's output row. The object is a view reused for every group and step: read
 * it inside the result function and do not keep it. Reading a {@code long} or {@code double} result boxes nothing.
 *
 * <p>The getters throw {@link IllegalStateException} for a NULL result (check {@link #isNull} first where the
 * aggregate can be NULL) and {@link IllegalArgumentException} for a getter that does not fit the aggregate's type
 * ({@link #getDouble} also reads {@code long} results, {@link #get} reads every result, boxed).
 */
public interface Aggregated {
    /** Number of aggregates. */
    int size();

    /** True when aggregate {@code i} is NULL (a nullable aggregate over a group with no non-null value). */
    boolean isNull(int i);

    /** A {@code long} result: count, and sum, average, min or max of a {@code long} column. */
    long getLong(int i);

    /** A {@code double} result (or a {@code long} one, widened). */
    double getDouble(int i);

    /** A {@code BigDecimal} result: sum or average of a {@code DECIMAL} column, or a min/max of one. */
    BigDecimal getDecimal(int i);

    /** Any result as an object ({@code Long}, {@code Double}, {@code BigDecimal}, a min/max value, a fold's result), or null. */
    Object get(int i);
}
