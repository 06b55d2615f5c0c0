package org.jdbsp.zset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A Z-set: a finite map from elements to non-zero {@code long} weights (insert = +1, delete = -1, absent = 0).
 * Z-sets form an abelian group under {@link #plus}; {@link #negate} is the inverse and the empty Z-set is zero.
 *
 * <p>Elements need consistent {@code equals}/{@code hashCode} (records are ideal) and must not be null. A Z-set
 * is mutable: {@link #add} and {@link #addAll} change it in place, every other operation returns a new Z-set.
 * A failed operation (null element, weight overflow, throwing user function) leaves the Z-set unchanged.
 *
 * <p>Reading: a for-each loop ({@code for (Weighted<T> e : z)}), {@link #stream()} and {@link #toSortedList}
 * give the entries as {@link Weighted} (element, weight) records, in no particular order except for
 * {@code toSortedList}; they fail fast with a {@link java.util.ConcurrentModificationException} if the Z-set
 * changes during the loop. They allocate one record per entry.
 *
 * <p>Cost: backed by {@link ObjectWeightMap}; {@code add}/{@code weight} expected O(1) with no allocation;
 * whole-set operations O(size). Iterate without allocation by slot
 * ({@code for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1))}) or with {@link #forEach(WeightedConsumer)};
 * neither checks for changes made during the loop.
 *
 * @param <T> the element type
 */
public final class ZSet<T> implements Iterable<Weighted<T>> {
    private final ObjectWeightMap<T> map;

    public ZSet() {
        map = new ObjectWeightMap<>();
    }

    /** An empty Z-set presized for {@code expectedSize} elements. */
    public ZSet(int expectedSize) {
        map = new ObjectWeightMap<>(expectedSize);
    }

    private ZSet(ObjectWeightMap<T> map) {
        this.map = map;
    }

    /** The most elements {@link #sizedLike} presizes for. */
    public static final int MOST_PRESIZED = 4096;

    /**
     * An empty Z-set for the next change of a stream whose last change had {@code lastSize} elements: presized
     * for as many, up to {@value #MOST_PRESIZED}. A steady stream of changes then fills it without growing it
     * (growing from empty allocates a table about twice over), and a bulk load does not leave every later, smaller
     * change in a huge table (clearing and iterating a table cost its capacity).
     */
    public static <T> ZSet<T> sizedLike(int lastSize) {
        return new ZSet<>(Math.min(lastSize, MOST_PRESIZED));
    }

    /** A new empty Z-set. */
    public static <T> ZSet<T> empty() {
        return new ZSet<>();
    }

    /** A Z-set with weight +1 for each occurrence of each element (duplicates add up). */
    @SafeVarargs
    public static <T> ZSet<T> of(T... elements) {
        ZSet<T> z = new ZSet<>(elements.length);
        for (T e : elements) {
            Objects.requireNonNull(e, "Z-set element must not be null");
        }
        for (T e : elements) {
            z.map.add(e, 1);
        }
        return z;
    }

    /** A builder for bulk loads, presized for {@code expectedSize} distinct elements. */
    public static <T> ZSetBuilder<T> builder(int expectedSize) {
        return new ZSetBuilder<>(expectedSize);
    }

    /** A deep copy of the table (elements are shared). */
    public ZSet<T> copy() {
        return new ZSet<>(new ObjectWeightMap<>(map));
    }

    // ---- in-place updates --------------------------------------------------------------------------------

    /**
     * Adds {@code weight} to {@code element} in place and returns its new weight (0: the element is now absent).
     *
     * @throws NullPointerException if {@code element} is null
     * @throws ArithmeticException if the weight overflows; this Z-set is unchanged
     */
    public long add(T element, long weight) {
        return map.add(element, weight);
    }

    /**
     * {@link #add(Object, long)} for an element whose hash code is known, for example read with
     * {@link #hashAt} from another Z-set: moving rows between Z-sets this way skips {@code hashCode}, which for
     * a record hashes every field. {@code hash} must equal {@code element.hashCode()}.
     */
    public long addHashed(T element, int hash, long weight) {
        return map.add(element, hash, weight);
    }

    /** Adds {@code other} into this Z-set in place ({@code this += other}); atomic on overflow. */
    public void addAll(ZSet<? extends T> other) {
        addAll(other, 1);
    }

    /**
     * {@code this += factor * other}, in place. If any weight overflows, every change already made is undone
     * and the {@link ArithmeticException} names the element.
     */
    @SuppressWarnings("unchecked")
    public void addAll(ZSet<? extends T> other, long factor) {
        if (factor == 0 || other.isEmpty()) {
            return;
        }
        ZSet<T> src = (ZSet<T>) (other == this ? other.copy() : other);
        map.ensureCapacity(map.size() + src.size());
        int s = src.nextSlot(0);
        try {
            for (; s >= 0; s = src.nextSlot(s + 1)) {
                map.add(src.elementAt(s), src.hashAt(s), scaled(src.elementAt(s), src.weightAt(s), factor));
            }
        } catch (ArithmeticException e) {
            for (int u = src.nextSlot(0); u >= 0 && u < s; u = src.nextSlot(u + 1)) {
                undo(map, src.elementAt(u), scaled(src.elementAt(u), src.weightAt(u), factor));
            }
            throw e;
        }
    }

    /**
     * Takes back an addition of {@code applied} that succeeded. {@code -Long.MIN_VALUE} does not exist, so that
     * one is taken back in two steps, neither of which can overflow.
     */
    static <T> void undo(ObjectWeightMap<T> map, T element, long applied) {
        if (applied == Long.MIN_VALUE) {
            map.add(element, Long.MAX_VALUE);
            map.add(element, 1);
        } else {
            map.add(element, -applied);
        }
    }

    static void undo(LongWeightMap map, long element, long applied) {
        if (applied == Long.MIN_VALUE) {
            map.add(element, Long.MAX_VALUE);
            map.add(element, 1);
        } else {
            map.add(element, -applied);
        }
    }

    static long scaled(Object element, long weight, long factor) {
        if (factor == 1) {
            return weight;
        }
        long hi = Math.multiplyHigh(weight, factor);
        long lo = weight * factor;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        throw WeightOverflow.scaling(element, weight, factor);
    }

    /** Removes every element; keeps the allocated capacity for reuse. */
    public void clear() {
        map.clear();
    }

    // ---- group operations (new Z-sets) --------------------------------------------------------------------

    /** {@code this + other} as a new Z-set. */
    public ZSet<T> plus(ZSet<? extends T> other) {
        ZSet<T> r = copyWithRoom(other.size());
        r.addAll(other, 1);
        return r;
    }

    /** {@code this - other} as a new Z-set. */
    public ZSet<T> minus(ZSet<? extends T> other) {
        ZSet<T> r = copyWithRoom(other.size());
        r.addAll(other, -1);
        return r;
    }

    private ZSet<T> copyWithRoom(int extra) {
        return new ZSet<>(new ObjectWeightMap<>(map, map.size() + extra));
    }

    /** {@code -this}: every weight negated. */
    public ZSet<T> negate() {
        return scale(-1);
    }

    /** {@code factor * this}; {@code scale(0)} is empty. */
    public ZSet<T> scale(long factor) {
        ZSet<T> r = new ZSet<>(factor == 0 ? 0 : size());
        if (factor != 0) {
            for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
                r.map.add(elementAt(s), scaled(elementAt(s), weightAt(s), factor));
            }
        }
        return r;
    }

    // ---- queries -----------------------------------------------------------------------------------------

    /** The weight of {@code element}, 0 if absent. */
    public long weight(Object element) {
        return map.get(element);
    }

    /**
     * {@link #weight(Object)} for an element whose hash code is known, for example read with {@link #hashAt}
     * from another Z-set: skips {@code hashCode}. {@code hash} must equal {@code element.hashCode()}.
     */
    public long weightHashed(Object element, int hash) {
        return map.get(element, hash);
    }

    public boolean contains(Object element) {
        return map.get(element) != 0;
    }

    /** Number of elements with non-zero weight. */
    public int size() {
        return map.size();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** Sum of all weights (the multiset cardinality when all weights are positive). */
    public long totalWeight() {
        long sum = 0;
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            sum = Math.addExact(sum, weightAt(s));
        }
        return sum;
    }

    /** The elements with positive weight, each with weight 1 (SQL DISTINCT). Idempotent. */
    public ZSet<T> distinct() {
        ZSet<T> r = new ZSet<>(size());
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            if (weightAt(s) > 0) {
                r.map.add(elementAt(s), 1);
            }
        }
        return r;
    }

    // ---- linear operators --------------------------------------------------------------------------------

    /** Applies {@code f} to every element, adding the weights of elements that map to the same result. */
    public <U> ZSet<U> map(Function<? super T, ? extends U> f) {
        ZSet<U> r = new ZSet<>(size());
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            T e = elementAt(s);
            U u = f.apply(e);
            if (u == null) {
                throw new NullPointerException("map function returned null for element " + e);
            }
            r.map.add(u, weightAt(s));
        }
        return r;
    }

    /** The elements satisfying {@code p}, with their weights. */
    public ZSet<T> filter(Predicate<? super T> p) {
        ZSet<T> r = new ZSet<>();
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            T e = elementAt(s);
            if (p.test(e)) {
                r.map.add(e, weightAt(s));
            }
        }
        return r;
    }

    /** Each element becomes the elements {@code f} emits, each carrying the input's weight. */
    public <U> ZSet<U> flatMap(FlatMapper<? super T, ? extends U> f) {
        ZSet<U> r = new ZSet<>();
        Emitter<U> out = new Emitter<>(r);
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            out.source = elementAt(s);
            out.weight = weightAt(s);
            f.apply(elementAt(s), out);
        }
        return r;
    }

    /** Each element becomes the elements of the collection {@code f} returns, each with the input's weight. */
    public <U> ZSet<U> flatMapIterable(Function<? super T, ? extends Iterable<? extends U>> f) {
        return flatMap((e, out) -> {
            Iterable<? extends U> us = f.apply(e);
            if (us == null) {
                throw new NullPointerException("flatMap function returned a null collection for element " + e);
            }
            for (U u : us) {
                out.accept(u);
            }
        });
    }

    /** Adds what a flatMap function emits into the result Z-set with the current input's weight. */
    private static final class Emitter<U> implements Consumer<U> {
        private final ZSet<U> target;
        Object source;
        long weight;

        Emitter(ZSet<U> target) {
            this.target = target;
        }

        @Override
        public void accept(U u) {
            if (u == null) {
                throw new NullPointerException("flatMap function emitted null for element " + source);
            }
            target.map.add(u, weight);
        }
    }

    /** Groups the elements by {@code key}: key -> Z-set of the elements with that key. */
    public <K> IndexedZSet<K, T> indexBy(Function<? super T, ? extends K> key) {
        IndexedZSet<K, T> r = new IndexedZSet<>();
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            T e = elementAt(s);
            K k = key.apply(e);
            if (k == null) {
                throw new NullPointerException("key function returned null for element " + e);
            }
            r.add(k, e, weightAt(s));
        }
        return r;
    }

    /** Groups the elements by a {@code long} key, without boxing the key. */
    public LongIndexedZSet<T> indexByLong(ToLongFunction<? super T> key) {
        LongIndexedZSet<T> r = new LongIndexedZSet<>();
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            T e = elementAt(s);
            r.add(key.applyAsLong(e), e, weightAt(s));
        }
        return r;
    }

    // ---- iteration ---------------------------------------------------------------------------------------

    /** The first occupied slot at or after {@code slot}, or -1. Slots are valid until the next update. */
    public int nextSlot(int slot) {
        return map.nextSlot(slot);
    }

    public T elementAt(int slot) {
        return map.keyAt(slot);
    }

    public long weightAt(int slot) {
        return map.weightAt(slot);
    }

    /** The hash code of the element in an occupied slot, cached by the table (no {@code hashCode} call). */
    public int hashAt(int slot) {
        return map.hashAt(slot);
    }

    /** Calls {@code consumer} with every element and weight; allocates nothing per element. */
    public void forEach(WeightedConsumer<? super T> consumer) {
        map.forEach(consumer);
    }

    // ---- reading entries ---------------------------------------------------------------------------------

    /**
     * The entries, in no particular order. Fails fast: {@code hasNext}/{@code next} throw
     * {@link java.util.ConcurrentModificationException} once this Z-set has changed since the iterator was made.
     * {@code remove} is not supported. Cost: O(capacity) over the whole iteration, one {@link Weighted} per entry.
     */
    @Override
    public Iterator<Weighted<T>> iterator() {
        return new WeightedIterator<>(map);
    }

    /** A sized spliterator over {@link #iterator()} (distinct, non-null entries; fails fast the same way). */
    @Override
    public Spliterator<Weighted<T>> spliterator() {
        return Spliterators.spliterator(iterator(), size(), Spliterator.DISTINCT | Spliterator.NONNULL);
    }

    /**
     * The entries as a sequential stream, in no particular order. Late-binding: the entries are those at the
     * stream's terminal operation, which fails with {@link java.util.ConcurrentModificationException} if this
     * Z-set changes while it runs (e.g. a {@code forEach} that adds to it). Cost: as {@link #iterator()}.
     */
    public Stream<Weighted<T>> stream() {
        return StreamSupport.stream(this::spliterator,
                Spliterator.DISTINCT | Spliterator.NONNULL | Spliterator.SIZED | Spliterator.SUBSIZED, false);
    }

    /**
     * The entries sorted by element with {@code order}, as an unmodifiable list (a snapshot: later changes to
     * this Z-set do not show). Elements that {@code order} finds equal keep no particular order between them.
     * Cost: O(size log size) time, one {@link Weighted} per entry.
     *
     * @throws NullPointerException if {@code order} is null
     */
    public List<Weighted<T>> toSortedList(Comparator<? super T> order) {
        Objects.requireNonNull(order, "toSortedList: null comparator (toSortedList() sorts as toString does)");
        List<Weighted<T>> entries = new ArrayList<>(size());
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            entries.add(new Weighted<>(elementAt(s), weightAt(s)));
        }
        entries.sort((a, b) -> order.compare(a.element(), b.element()));
        return Collections.unmodifiableList(entries);
    }

    /**
     * The entries sorted as {@link #toString()} lists them: by natural order for {@link Comparable} elements of
     * one class, else by class name, then by {@code String.valueOf}. Deterministic, so good for printing and
     * tests. Cost: as {@link #toSortedList(Comparator)}.
     */
    public List<Weighted<T>> toSortedList() {
        return toSortedList(Render.ELEMENT_ORDER);
    }

    // ---- object methods ----------------------------------------------------------------------------------

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ZSet)) {
            return false;
        }
        ZSet<?> other = (ZSet<?>) o;
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

    @Override
    public int hashCode() {
        long h = 0;
        for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1)) {
            h += Hashing.mix(elementAt(s).hashCode() * 31L + weightAt(s));
        }
        return (int) (h ^ (h >>> 32));
    }

    /** Entries sorted by element, e.g. {@code {a => 1, b => -2}}. */
    @Override
    public String toString() {
        return Render.zset(this);
    }
}
