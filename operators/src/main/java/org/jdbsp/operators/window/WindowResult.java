package org.jdbsp.operators.window;

/**
 * One row of a windowed aggregate ({@code Aggregates.perWindow}): the aggregate {@code value} of the rows of
 * {@code key} in the window {@code [start, end)}.
 *
 * @param start window start, inclusive
 * @param end   window end, exclusive
 * @param key   the group key
 * @param value the aggregate
 * @param <K>   the key type
 */
public record WindowResult<K>(long start, long end, K key, long value) {
}
