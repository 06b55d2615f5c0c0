package org.jdbsp.operators.topk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbsp.zset.ZSet;

/**
 * The reference top-k, for naive circuits: groups the snapshot in a {@link HashMap}, sorts each group's present
 * rows with {@link List#sort} and emits the first k positions as the {@link TopKKind} defines. Fails on two
 * different rows comparing equal, as the incremental operator does. Shares no code with {@link TopKNode}.
 * O(n log n) per step.
 */
final class TopKReference {
    private TopKReference() {
    }

    static <T> ZSet<Object> of(ZSet<T> snapshot, Function<? super T, ?> group, Comparator<? super T> order, int k,
                               TopKKind kind) {
        Map<Object, List<T>> groups = new HashMap<>();
        snapshot.forEach((row, w) -> {
            Object g = group.apply(row);
            if (g == null) {
                throw new NullPointerException("key function returned null for row " + row);
            }
            if (w > 0) {
                groups.computeIfAbsent(g, x -> new ArrayList<>()).add(row);
            }
        });
        ZSet<Object> out = new ZSet<>();
        for (List<T> rows : groups.values()) {
            rows.sort(order);
            for (int i = 1; i < rows.size(); i++) {
                if (order.compare(rows.get(i - 1), rows.get(i)) == 0) {
                    throw new IllegalArgumentException("the top-k comparator is not total: rows " + rows.get(i - 1)
                            + " and " + rows.get(i) + " compare equal but are different; add a unique column to "
                            + "the comparator");
                }
            }
            long position = 0;
            for (int i = 0; i < rows.size() && position < k; i++) {
                T row = rows.get(i);
                long w = snapshot.weight(row);
                long take = Math.min(w, k - position);
                switch (kind) {
                    case ROWS -> out.add(row, take);
                    case ROW_NUMBER -> {
                        for (long p = position + 1; p <= position + take; p++) {
                            out.add(new Ranked<>(row, p), 1);
                        }
                    }
                    case RANK -> out.add(new Ranked<>(row, position + 1), w);
                    default -> throw new AssertionError(kind);
                }
                position += w;
            }
        }
        return out;
    }
}
