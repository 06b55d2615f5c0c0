package org.jdbsp.zset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.eclipse.collections.impl.map.mutable.UnifiedMap;

/**
 * An indexed Z-set: key -> non-empty Z-set of values, the shape of the state kept by joins and grouped
 * operators. As a Z-set of (key, value) pairs it is an abelian group; a key whose group becomes empty is removed.
 *
 * <p>Cost: a hash map from key to {@link ZSet} (Eclipse Collections {@code UnifiedMap}); {@code add} and
 * {@code group} expected O(1); iteration allocates nothing per entry. Each group is its own small table, so
 * memory per key is roughly 100 bytes plus 16 to 32 bytes per value. For {@code long} keys use
 * {@link LongIndexedZSet}.
 */
public final class IndexedZSet<K, V> {
    private final UnifiedMap<K, ZSet<V>> groups;

    public IndexedZSet() {
        groups = new UnifiedMap<>();
    }

    public IndexedZSet(int expectedKeys) {
        groups = new UnifiedMap<>(expectedKeys);
    }

    /**
     * Adds {@code weight} to {@code value} under {@code key}, in place; returns the new weight.
     *
     * @throws NullPointerException for a null key or value; nothing changes
     * @throws ArithmeticException on weight overflow; nothing changes
     */
    public long add(K key, V value, long weight) {
        Objects.requireNonNull(key, "indexed Z-set key must not be null");
        Objects.requireNonNull(value, "Z-set element must not be null");
        if (weight == 0) {
            return weight(key, value);
        }
        ZSet<V> g = groups.get(key);
        if (g == null) {
            g = new ZSet<>();
            g.add(value, weight);
            groups.put(key, g);
            return weight;
        }
        long nw = g.add(value, weight);
        if (g.isEmpty()) {
            groups.remove(key);
        }
        return nw;
    }

    /** {@code this += other}, in place; on overflow every change already made is undone. */
    public void addAll(IndexedZSet<K, V> other) {
        addAll(other, 1);
    }

    /** {@code this += factor * other}, in place; on overflow every change already made is undone. */
    public void addAll(IndexedZSet<K, V> other, long factor) {
        if (factor == 0) {
            return;
        }
        IndexedZSet<K, V> src = other == this ? other.copy() : other;
        int[] done = {0};
        try {
            src.forEach((k, v, w) -> {
                add(k, v, ZSet.scaled(v, w, factor));
                done[0]++;
            });
        } catch (ArithmeticException e) {
            int[] undo = {done[0]};
            src.forEach((k, v, w) -> {
                if (undo[0] > 0) {
                    undo[0]--;
                    long applied = ZSet.scaled(v, w, factor);
                    if (applied == Long.MIN_VALUE) {
                        add(k, v, Long.MAX_VALUE);
                        add(k, v, 1);
                    } else {
                        add(k, v, -applied);
                    }
                }
            });
            throw e;
        }
    }

    public IndexedZSet<K, V> copy() {
        IndexedZSet<K, V> r = new IndexedZSet<>(groups.size());
        groups.forEachKeyValue((k, g) -> r.groups.put(k, g.copy()));
        return r;
    }

    public IndexedZSet<K, V> plus(IndexedZSet<K, V> other) {
        IndexedZSet<K, V> r = copy();
        r.addAll(other, 1);
        return r;
    }

    public IndexedZSet<K, V> minus(IndexedZSet<K, V> other) {
        IndexedZSet<K, V> r = copy();
        r.addAll(other, -1);
        return r;
    }

    public IndexedZSet<K, V> negate() {
        IndexedZSet<K, V> r = new IndexedZSet<>(groups.size());
        groups.forEachKeyValue((k, g) -> r.groups.put(k, g.negate()));
        return r;
    }

    /** The live group of {@code key}, or null when it has none. Callers must not modify it. */
    public ZSet<V> group(Object key) {
        return groups.get(key);
    }

    public long weight(Object key, Object value) {
        ZSet<V> g = groups.get(key);
        return g == null ? 0 : g.weight(value);
    }

    /** Number of keys with a non-empty group. */
    public int keyCount() {
        return groups.size();
    }

    /** Number of (key, value) entries. */
    public long entryCount() {
        long n = 0;
        for (ZSet<V> g : groups.values()) {
            n += g.size();
        }
        return n;
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    public void clear() {
        groups.clear();
    }

    /** Calls {@code consumer} for every (key, value, weight); allocates nothing per entry. */
    public void forEach(IndexedConsumer<? super K, ? super V> consumer) {
        groups.forEachKeyValue((k, g) -> {
            for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                consumer.accept(k, g.elementAt(s), g.weightAt(s));
            }
        });
    }

    /** Calls {@code consumer} for every key and its (live, not to be modified) group. */
    public void forEachGroup(BiConsumer<? super K, ? super ZSet<V>> consumer) {
        groups.forEachKeyValue(consumer::accept);
    }

    /** The Z-set of {@code f(key, value)} over all entries: the inverse of indexing when f rebuilds the row. */
    public <R> ZSet<R> flatten(BiFunction<? super K, ? super V, ? extends R> f) {
        ZSet<R> r = new ZSet<>();
        forEach((k, v, w) -> {
            R row = f.apply(k, v);
            if (row == null) {
                throw new NullPointerException("flatten function returned null for key " + k + ", value " + v);
            }
            r.add(row, w);
        });
        return r;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IndexedZSet)) {
            return false;
        }
        IndexedZSet<?, ?> other = (IndexedZSet<?, ?>) o;
        return groups.equals(other.groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }

    /** Keys sorted, each with its group, e.g. {@code {k1 -> {a => 1}, k2 -> {b => -1}}}. */
    @Override
    public String toString() {
        List<K> keys = new ArrayList<>(groups.keySet());
        keys.sort(Render.ELEMENT_ORDER);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(keys.get(i)).append(" -> ").append(groups.get(keys.get(i)));
        }
        return sb.append('}').toString();
    }
}
