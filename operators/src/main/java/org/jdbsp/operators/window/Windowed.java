package org.jdbsp.operators.window;

/**
 * A row assigned to the half-open time window {@code [start, end)} (epoch millis), produced by
 * {@link Windows#tumbling} and {@link Windows#hopping}.
 *
 * @param start window start, inclusive
 * @param end   window end, exclusive
 * @param row   the row
 * @param <T>   the row type
 */
public record Windowed<T>(long start, long end, T row) {
}
