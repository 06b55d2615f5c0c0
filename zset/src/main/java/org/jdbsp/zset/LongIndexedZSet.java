package org.jdbsp.zset;

import java.util.Objects;
import java.util.function.BiFunction;
import org.eclipse.collections.api.block.procedure.primitive.LongObjectProcedure;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * An indexed Z-set with {@code long} keys (key -> non-empty Z-set of values), stored without boxing the keys:
 * the state of joins and aggregates grouped on a {@code long} column. Same algebra as {@link IndexedZSet}.
 *
 * <p>Cost: Eclipse Collections {@code LongObjectHashMap} from key to {@link ZSet}; {@code add}/{@code group}
 * expected O(1) with no allocation except a new group; iteration allocates nothing per entry.
 */
public final class LongIndexedZSet<V> {
    private final LongObjectHashMap<ZSet<V>> groups;

    public LongIndexedZSet() {
        groups = new LongObjectHashMap<>();
    }

    public LongIndexedZSet(int expectedKeys) {
        groups = new LongObjectHashMap<>(expectedKeys);
    }

    /** Adds {@code weight} to {@code value} under {@code key}, in place; null values and overflow change nothing. */
    public long add(long key, V value, long weight) {
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

    public void addAll(LongIndexedZSet<V> other) {
        addAll(other, 1);
    }

    /** {@code this += factor * other}, in place; on overflow every change already made is undone. */
    public void addAll(LongIndexedZSet<V> other, long factor) {
        if (factor == 0) {
            return;
        }
        LongIndexedZSet<V> src = other == this ? other.copy() : other;
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

    public LongIndexedZSet<V> copy() {
        LongIndexedZSet<V> r = new LongIndexedZSet<>(groups.size());
        groups.forEachKeyValue((k, g) -> r.groups.put(k, g.copy()));
        return r;
    }

    public LongIndexedZSet<V> plus(LongIndexedZSet<V> other) {
        LongIndexedZSet<V> r = copy();
        r.addAll(other, 1);
        return r;
    }

    public LongIndexedZSet<V> minus(LongIndexedZSet<V> other) {
        LongIndexedZSet<V> r = copy();
        r.addAll(other, -1);
        return r;
    }

    public LongIndexedZSet<V> negate() {
        LongIndexedZSet<V> r = new LongIndexedZSet<>(groups.size());
        groups.forEachKeyValue((k, g) -> r.groups.put(k, g.negate()));
        return r;
    }

    /** The live group of {@code key}, or null. Callers must not modify it. */
    public ZSet<V> group(long key) {
        return groups.get(key);
    }

    public long weight(long key, Object value) {
        ZSet<V> g = groups.get(key);
        return g == null ? 0 : g.weight(value);
    }

    public int keyCount() {
        return groups.size();
    }

    public long entryCount() {
        long[] n = {0};
        groups.forEachValue(g -> n[0] += g.size());
        return n[0];
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    public void clear() {
        groups.clear();
    }

    /** Calls {@code consumer} for every (key, value, weight); allocates nothing per entry. */
    public void forEach(LongIndexedConsumer<? super V> consumer) {
        groups.forEachKeyValue((k, g) -> {
            for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                consumer.accept(k, g.elementAt(s), g.weightAt(s));
            }
        });
    }

    /** Calls {@code consumer} for every key and its (live, not to be modified) group. */
    public void forEachGroup(LongObjectProcedure<ZSet<V>> consumer) {
        groups.forEachKeyValue(consumer);
    }

    /** The Z-set of {@code f(key, value)} over all entries. */
    public <R> ZSet<R> flatten(BiFunction<Long, ? super V, ? extends R> f) {
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
        if (!(o instanceof LongIndexedZSet)) {
            return false;
        }
        return groups.equals(((LongIndexedZSet<?>) o).groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }

    @Override
    public String toString() {
        long[] keys = groups.keySet().toSortedArray();
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(keys[i]).append(" -> ").append(groups.get(keys[i]));
        }
        return sb.append('}').toString();
    }

}
