package org.jdbsp.zset;

import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * A Z-set of {@code long} elements with no boxing: the primitive specialisation of {@link ZSet}, with the same
 * algebra (abelian group under {@link #plus}) and the same failure guarantees (an overflow leaves it unchanged).
 *
 * <p>Cost: backed by {@link LongWeightMap}, 16 bytes per slot, 16 to 32 bytes per element; {@code add} and
 * {@code weight} expected O(1) with no allocation; iteration by slot or {@link #forEach} allocates nothing.
 */
public final class LongZSet {
    private final LongWeightMap map;

    public LongZSet() {
        map = new LongWeightMap();
    }

    public LongZSet(int expectedSize) {
        map = new LongWeightMap(expectedSize);
    }

    private LongZSet(LongWeightMap map) {
        this.map = map;
    }

    /** A Z-set with weight +1 for each occurrence of each element. */
    public static LongZSet of(long... elements) {
        LongZSet z = new LongZSet(elements.length);
        for (long e : elements) {
            z.map.add(e, 1);
        }
        return z;
    }

    public LongZSet copy() {
        return new LongZSet(new LongWeightMap(map));
    }

    /** Adds {@code weight} to {@code element} in place; returns the new weight. Overflow leaves it unchanged. */
    public long add(long element, long weight) {
        return map.add(element, weight);
    }

    /** {@code this += other}, in place; atomic on overflow. */
    public void addAll(LongZSet other) {
        addAll(other, 1);
    }

    /** {@code this += factor * other}, in place; on overflow every change is undone before the exception. */
    public void addAll(LongZSet other, long factor) {
        if (factor == 0 || other.isEmpty()) {
            return;
        }
        LongZSet src = other == this ? other.copy() : other;
        map.ensureCapacity(map.size() + src.size());
        int s = src.nextSlot(0);
        try {
            for (; s >= 0; s = src.nextSlot(s + 1)) {
                map.add(src.elementAt(s), ZSet.scaled(src.elementAt(s), src.weightAt(s), factor));
            }
        } catch (ArithmeticException e) {
            for (int u = src.nextSlot(0); u >= 0 && u < s; u = src.nextSlot(u + 1)) {
                ZSet.undo(map, src.elementAt(u), ZSet.scaled(src.elementAt(u), src.weightAt(u), factor));
            }
            throw e;
        }
    }

    public void clear() {
        map.clear();
    }

    public LongZSet plus(LongZSet other) {
        LongZSet r = copyWithRoom(other.size());
        r.addAll(other, 1);
        return r;
    }

    public LongZSet minus(LongZSet other) {
        LongZSet r = copyWithRoom(other.size());
        r.addAll(other, -1);
        return r;
    }

    private LongZSet copyWithRoom(int extra) {
        LongWeightMap m = new LongWeightMap(map);
        m.ensureCapacity(map.size() + extra);
        return new LongZSet(m);
    }

    public LongZSet negate() {
        return scale(-1);
    }

    public LongZSet scale(long factor) {
        LongZSet r = new LongZSet(factor == 0 ? 0 : size());
        if (factor != 0) {
            for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
                r.map.add(elementAt(s), ZSet.scaled(elementAt(s), weightAt(s), factor));
            }
        }
        return r;
    }

    public long weight(long element) {
        return map.get(element);
    }

    public boolean contains(long element) {
        return map.get(element) != 0;
    }

    public int size() {
        return map.size();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public long totalWeight() {
        long sum = 0;
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            sum = Math.addExact(sum, weightAt(s));
        }
        return sum;
    }

    /** Elements with positive weight, each with weight 1. */
    public LongZSet distinct() {
        LongZSet r = new LongZSet(size());
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            if (weightAt(s) > 0) {
                r.map.add(elementAt(s), 1);
            }
        }
        return r;
    }

    public LongZSet map(LongUnaryOperator f) {
        LongZSet r = new LongZSet(size());
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            r.map.add(f.applyAsLong(elementAt(s)), weightAt(s));
        }
        return r;
    }

    /** Maps to objects: the bridge from primitive to generic Z-sets. */
    public <U> ZSet<U> mapToObj(LongFunction<? extends U> f) {
        ZSet<U> r = new ZSet<>(size());
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            U u = f.apply(elementAt(s));
            if (u == null) {
                throw new NullPointerException("map function returned null for element " + elementAt(s));
            }
            r.add(u, weightAt(s));
        }
        return r;
    }

    public LongZSet filter(LongPredicate p) {
        LongZSet r = new LongZSet();
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            if (p.test(elementAt(s))) {
                r.map.add(elementAt(s), weightAt(s));
            }
        }
        return r;
    }

    public LongZSet flatMap(LongFlatMapper f) {
        LongZSet r = new LongZSet();
        long[] weight = new long[1];
        LongConsumer out = u -> r.map.add(u, weight[0]);
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            weight[0] = weightAt(s);
            f.apply(elementAt(s), out);
        }
        return r;
    }

    /** Groups the elements by a {@code long} key; the values are the boxed elements. */
    public LongIndexedZSet<Long> indexBy(LongUnaryOperator key) {
        LongIndexedZSet<Long> r = new LongIndexedZSet<>();
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            long e = elementAt(s);
            r.add(key.applyAsLong(e), e, weightAt(s));
        }
        return r;
    }

    /** The same Z-set with boxed elements. */
    public ZSet<Long> boxed() {
        return mapToObj(Long::valueOf);
    }

    public int nextSlot(int slot) {
        return map.nextSlot(slot);
    }

    public long elementAt(int slot) {
        return map.keyAt(slot);
    }

    public long weightAt(int slot) {
        return map.weightAt(slot);
    }

    public void forEach(LongWeightConsumer consumer) {
        map.forEach(consumer);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LongZSet)) {
            return false;
        }
        LongZSet other = (LongZSet) o;
        if (other.size() != size()) {
            return false;
        }
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            if (other.weight(elementAt(s)) != weightAt(s)) {
                return false;
            }
        }
        return true;
    }

    /** Equal to the {@code hashCode} of the same Z-set as {@code ZSet<Long>}. */
    @Override
    public int hashCode() {
        long h = 0;
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            h += Hashing.mix(Long.hashCode(elementAt(s)) * 31L + weightAt(s));
        }
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        long[] elements = new long[size()];
        int n = 0;
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            elements[n++] = elementAt(s);
        }
        Arrays.sort(elements);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(elements[i]).append(" => ").append(weight(elements[i]));
        }
        return sb.append('}').toString();
    }
}
