package org.jdbsp.operators.topk;

/**
 * A row of a ranked top-k result: {@code row} with its 1-based {@code rank} within its group (see
 * {@link TopK#rowNumber} and {@link TopK#rank}).
 *
 * @param row  the ranked row
 * @param rank its 1-based position in the group's order
 * @param <T>  the row type
 */
public record Ranked<T>(T row, long rank) {
}
