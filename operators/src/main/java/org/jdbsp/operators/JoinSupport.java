package org.jdbsp.operators;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.LongIndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Helpers shared by the join family: indexing a change by a user key function, cross products of two groups,
 * and the overflow checks that let {@code commit()} apply a tick without failing. Exceptions are thrown raw;
 * the calling node wraps them with {@code failure(e)} so that they name the operator.
 */
final class JoinSupport {
    private JoinSupport() {
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

    /** Indexes {@code z} by a {@code long} key, without boxing. O(|z|). */
    static <V> LongIndexedZSet<V> indexLong(ZSet<V> z, ToLongFunction<? super V> key) {
        LongIndexedZSet<V> r = new LongIndexedZSet<>(z.size());
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            V v = z.elementAt(s);
            r.add(key.applyAsLong(v), v, z.weightAt(s));
        }
        return r;
    }

    /** Sums, per key, the weights of {@code z}'s elements (keys with total 0 are dropped). O(|z|). */
    static <K, V> ObjectLongHashMap<K> keyWeights(ZSet<V> z, Function<? super V, ? extends K> key, String what) {
        ObjectLongHashMap<K> r = new ObjectLongHashMap<>();
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            V v = z.elementAt(s);
            K k = key.apply(v);
            if (k == null) {
                throw new NullPointerException(what + " returned null for " + v);
            }
            long nw = Math.addExact(r.get(k), z.weightAt(s));
            if (nw == 0) {
                r.remove(k);
            } else {
                r.put(k, nw);
            }
        }
        return r;
    }

    /** {@link #keyWeights} for {@code long} keys. */
    static <V> LongLongHashMap keyWeightsLong(ZSet<V> z, ToLongFunction<? super V> key) {
        LongLongHashMap r = new LongLongHashMap();
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            long k = key.applyAsLong(z.elementAt(s));
            long nw = Math.addExact(r.get(k), z.weightAt(s));
            if (nw == 0) {
                r.remove(k);
            } else {
                r.put(k, nw);
            }
        }
        return r;
    }

    /** Adds {@code sign * combine(a, b)} with weight {@code wa * wb} for every pair of the two groups. */
    static <A, B, R> void cross(ZSet<A> ga, ZSet<B> gb, BiFunction<? super A, ? super B, ? extends R> combine,
                                ZSet<R> out, boolean negate) {
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
                long w = Math.multiplyExact(wa, gb.weightAt(j));
                out.add(r, negate ? Math.negateExact(w) : w);
            }
        }
    }

    /** Adds {@code sign * combine(a, null)} for every {@code a} of the group (left rows without a match). */
    static <A, B, R> void leftUnmatched(ZSet<A> ga, BiFunction<? super A, ? super B, ? extends R> combine,
                                        ZSet<R> out, boolean negate) {
        if (ga == null) {
            return;
        }
        for (int i = ga.nextSlot(0); i >= 0; i = ga.nextSlot(i + 1)) {
            A a = ga.elementAt(i);
            R r = combine.apply(a, null);
            if (r == null) {
                throw new NullPointerException("combine function returned null for (" + a + ", null)");
            }
            long w = ga.weightAt(i);
            out.add(r, negate ? Math.negateExact(w) : w);
        }
    }

    /** Adds {@code sign * combine(null, b)} for every {@code b} of the group (right rows without a match). */
    static <A, B, R> void rightUnmatched(ZSet<B> gb, BiFunction<? super A, ? super B, ? extends R> combine,
                                         ZSet<R> out, boolean negate) {
        if (gb == null) {
            return;
        }
        for (int j = gb.nextSlot(0); j >= 0; j = gb.nextSlot(j + 1)) {
            B b = gb.elementAt(j);
            R r = combine.apply(null, b);
            if (r == null) {
                throw new NullPointerException("combine function returned null for (null, " + b + ")");
            }
            long w = gb.weightAt(j);
            out.add(r, negate ? Math.negateExact(w) : w);
        }
    }

    /** Adds {@code sign * g} into {@code out}. */
    static <V> void addGroup(ZSet<V> g, ZSet<V> out, boolean negate) {
        if (g != null) {
            out.addAll(g, negate ? -1 : 1);
        }
    }

    /** Sum of the weights of a group (0 for null). */
    static long total(ZSet<?> g) {
        if (g == null) {
            return 0;
        }
        long t = 0;
        for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
            t = Math.addExact(t, g.weightAt(s));
        }
        return t;
    }

    /** Throws ArithmeticException now if {@code trace += delta} would overflow, so that commit cannot fail. */
    static <K, V> void checkAdd(IndexedZSet<K, V> trace, IndexedZSet<K, V> delta) {
        delta.forEachGroup((k, g) -> {
            ZSet<V> t = trace.group(k);
            if (t != null) {
                for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                    Math.addExact(t.weight(g.elementAt(s)), g.weightAt(s));
                }
            }
        });
    }

    /** {@link #checkAdd(IndexedZSet, IndexedZSet)} for long keys. */
    static <V> void checkAdd(LongIndexedZSet<V> trace, LongIndexedZSet<V> delta) {
        delta.forEachGroup((k, g) -> {
            ZSet<V> t = trace.group(k);
            if (t != null) {
                for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                    Math.addExact(t.weight(g.elementAt(s)), g.weightAt(s));
                }
            }
        });
    }

    /** {@code counts += delta}, dropping keys that reach 0 (validated in eval, so no overflow here). */
    static <K> void addCounts(ObjectLongHashMap<K> counts, ObjectLongHashMap<K> delta) {
        delta.forEachKeyValue((k, w) -> {
            long nw = counts.get(k) + w;
            if (nw == 0) {
                counts.remove(k);
            } else {
                counts.put(k, nw);
            }
        });
    }

    /** {@code counts += delta} for long keys. */
    static void addCounts(LongLongHashMap counts, LongLongHashMap delta) {
        delta.forEachKeyValue((k, w) -> {
            long nw = counts.get(k) + w;
            if (nw == 0) {
                counts.remove(k);
            } else {
                counts.put(k, nw);
            }
        });
    }
}
