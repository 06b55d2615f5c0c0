package org.jdbsp.operators.join;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbsp.zset.ZSet;

/**
 * The reference equi-join of two snapshots, for naive circuits: hashes both whole inputs into {@link HashMap}s by
 * their boxed keys and emits, per key, what the {@link JoinKind} defines: every pair with the product of the
 * weights; rows padded with {@code null} where the other side's total weight for the key is not positive; the left
 * rows of present (semi) or absent (anti) keys. Shares no code with {@link JoinNode}. O(|A| + |B| + output).
 */
final class JoinReference {
    private JoinReference() {
    }

    static <A, B, R> ZSet<Object> of(JoinKind kind, ZSet<A> a, ZSet<B> b, Function<? super A, ?> keyA,
                                     Function<? super B, ?> keyB, BiFunction<? super A, ? super B, ? extends R> combine) {
        Map<Object, ZSet<A>> left = group(a, keyA, "left");
        Map<Object, ZSet<B>> right = group(b, keyB, "right");
        ZSet<Object> out = new ZSet<>();
        for (Map.Entry<Object, ZSet<A>> e : left.entrySet()) {
            ZSet<A> ga = e.getValue();
            ZSet<B> gb = right.get(e.getKey());
            long rightTotal = gb == null ? 0 : gb.totalWeight();
            switch (kind) {
                case SEMI, ANTI -> {
                    if ((rightTotal > 0) == (kind == JoinKind.SEMI)) {
                        out.addAll(ga);
                    }
                }
                default -> {
                    if (gb != null) {
                        ga.forEach((x, wx) -> gb.forEach((y, wy) -> out.add(nonNull(combine.apply(x, y), x, y),
                                Math.multiplyExact(wx, wy))));
                    }
                    if (kind != JoinKind.INNER && rightTotal <= 0) {
                        ga.forEach((x, wx) -> out.add(nonNull(combine.apply(x, null), x, null), wx));
                    }
                }
            }
        }
        if (kind == JoinKind.FULL) {
            for (Map.Entry<Object, ZSet<B>> e : right.entrySet()) {
                ZSet<A> ga = left.get(e.getKey());
                if (ga == null || ga.totalWeight() <= 0) {
                    e.getValue().forEach((y, wy) -> out.add(nonNull(combine.apply(null, y), null, y), wy));
                }
            }
        }
        return out;
    }

    private static <V> Map<Object, ZSet<V>> group(ZSet<V> z, Function<? super V, ?> key, String side) {
        Map<Object, ZSet<V>> m = new HashMap<>();
        z.forEach((row, w) -> {
            Object k = key.apply(row);
            if (k == null) {
                throw new NullPointerException(side + " key function returned null for " + row);
            }
            m.computeIfAbsent(k, x -> new ZSet<>()).add(row, w);
        });
        return m;
    }

    private static Object nonNull(Object r, Object x, Object y) {
        if (r == null) {
            throw new NullPointerException("combine function returned null for (" + x + ", " + y + ")");
        }
        return r;
    }
}
