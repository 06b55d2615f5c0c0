package org.jdbsp.operators.join;

import java.util.Arrays;
import org.jdbsp.zset.ZSet;

/**
 * The history of one key on one side of a {@link NestedJoinNode}: for each inner iteration {@code i}, the sum
 * over earlier outer ticks of the side's changes with this key at iteration {@code i} ({@code H[i]}, only the
 * non-empty ones, in insertion order). Usually a handful of entries per key.
 */
final class NestedJoinHistory<V> {
    int[] iterations = new int[2];
    @SuppressWarnings("unchecked")
    ZSet<V>[] groups = new ZSet[2];
    int size;

    /** Adds {@code weight} to {@code value} at {@code iteration}; drops the iteration when it becomes empty. */
    void add(int iteration, V value, long weight) {
        int at = -1;
        for (int j = 0; j < size; j++) {
            if (iterations[j] == iteration) {
                at = j;
                break;
            }
        }
        if (at < 0) {
            if (size == iterations.length) {
                iterations = Arrays.copyOf(iterations, size * 2);
                groups = Arrays.copyOf(groups, size * 2);
            }
            at = size++;
            iterations[at] = iteration;
            groups[at] = new ZSet<>();
        }
        groups[at].add(value, weight);
        if (groups[at].isEmpty()) {
            size--;
            iterations[at] = iterations[size];
            groups[at] = groups[size];
            groups[size] = null;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    long rows() {
        long n = 0;
        for (int j = 0; j < size; j++) {
            n += groups[j].size();
        }
        return n;
    }
}
