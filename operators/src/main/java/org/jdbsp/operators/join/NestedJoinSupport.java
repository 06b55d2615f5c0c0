package org.jdbsp.operators.join;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbsp.operators.spi.Checked;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.ZSet;

/** Indexing, cross products and overflow checks for {@link NestedJoinNode}, whose state is per-iteration Z-sets. */
final class NestedJoinSupport {
    private NestedJoinSupport() {
    }

    /** Indexes {@code z} by {@code key}; a null key is rejected. O(|z|). */
    static <K, V> IndexedZSet<K, V> index(ZSet<V> z, Function<? super V, ? extends K> key, String what) {
        IndexedZSet<K, V> r = new IndexedZSet<>(z.size());
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            V v = z.elementAt(s);
            K k = key.apply(v);
            if (k == null) {
                throw new NullPointerException(what + " returned null for " + v);
            }
            r.add(k, v, z.weightAt(s));
        }
        return r;
    }

    /** Adds {@code combine(a, b)} with weight {@code wa * wb} for every pair of the two groups (either may be null). */
    static <A, B, R> void cross(ZSet<A> ga, ZSet<B> gb, BiFunction<? super A, ? super B, ? extends R> combine,
                                ZSet<R> out) {
        if (ga == null || gb == null) {
            return;
        }
        for (int i = ga.nextSlot(0); i >= 0; i = ga.nextSlot(i + 1)) {
            A a = ga.elementAt(i);
            long wa = ga.weightAt(i);
            for (int j = gb.nextSlot(0); j >= 0; j = gb.nextSlot(j + 1)) {
                B b = gb.elementAt(j);
                R r = combine.apply(a, b);
                if (r == null) {
                    throw new NullPointerException("combine function returned null for (" + a + ", " + b + ")");
                }
                out.add(r, Checked.multiply(wa, gb.weightAt(j), r));
            }
        }
    }

    /** Throws ArithmeticException now if {@code trace += delta} would overflow, so that commit cannot fail. */
    static <K, V> void checkAdd(IndexedZSet<K, V> trace, IndexedZSet<K, V> delta) {
        delta.forEachGroup((k, g) -> {
            ZSet<V> t = trace.group(k);
            if (t != null) {
                for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                    Checked.add(t.weight(g.elementAt(s)), g.weightAt(s), g.elementAt(s));
                }
            }
        });
    }
}
