package org.jdbsp.operators.spi;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The key of a row in a {@link KeySpace}: a user key function bound to the space that numbers its keys. A keyed
 * operator is written once against this class and serves {@code long} keys ({@link #ofLong}, never boxed) and
 * object keys ({@link #of}) alike; the two sides of a join use two row keys over one space. Only these two
 * implementations exist, so a call site sees at most two receiver types and the JIT inlines both.
 *
 * <p>Cost: one call of the user's key function and one {@link KeySpace} probe per {@link #id}.
 *
 * @param <T> the row type
 */
public abstract class RowKey<T> {
    RowKey() {
    }

    /**
     * Object keys: {@code key} must not return null (a null key fails with a message naming the row). A
     * {@link RoutedKey} also sets how {@code space} re-partitions its keys ({@link KeySpace#shardHash}).
     */
    public static <T> RowKey<T> of(ObjectKeySpace space, Function<? super T, ?> key) {
        return new ObjectRowKey<>(routedBy(space, key), Objects.requireNonNull(key, "key"));
    }

    /** Primitive {@code long} keys; a {@link RoutedKey} as in {@link #of}. */
    public static <T> RowKey<T> ofLong(LongKeySpace space, ToLongFunction<? super T> key) {
        return new LongRowKey<>(routedBy(space, key), Objects.requireNonNull(key, "key"));
    }

    private static <S extends KeySpace> S routedBy(S space, Object key) {
        Objects.requireNonNull(space, "space");
        if (key instanceof RoutedKey<?> r) {
            space.routedBy = r; // the sides of a join share a space: their routings are equal
        }
        return space;
    }

    /** The id of {@code row}'s key, adding the key to the space if absent. Calls the user's key function. */
    public abstract int id(T row);

    /**
     * Whether reading ahead pays for this key: the space is large enough that its lookups miss the cache, and the
     * key's hash can be had without making the key. When true, an operator may take a batch of rows' {@link #hash}es,
     * then {@link #touch} them all, then look the rows up: the lookups' cache misses overlap in the touches.
     */
    public abstract boolean readsAhead();

    /** The hash by which the space will look {@code row}'s key up (only when {@link #readsAhead}). */
    public abstract int hash(T row);

    /** Reads the memory a lookup of the key of {@link #hash} {@code h} will probe; returns what it read. */
    public abstract int touch(int h);

    /** The id of {@code row}'s key, or -1 if the space does not hold it. */
    public abstract int find(T row);

    /**
     * The hash by which an exchange routes {@code row} to a worker: {@code Objects.hashCode(key)} for object
     * keys (from {@link HashedKey#keyHash} when the key function is one, without making the key) and
     * {@code Long.hashCode(key)} for {@code long} keys, so that both forms of an operator partition rows alike;
     * {@link RoutedKey#routingHash} when the key function is a {@link RoutedKey}.
     */
    public abstract int shardHash(T row);

    /**
     * The routing of the key function ({@link RoutedKey#routing}), for {@code CircuitBuilder.shard}; null when it
     * names none.
     */
    public abstract Object routing();

    /** The space holding the keys. */
    public abstract KeySpace space();

    /** Object keys. */
    static final class ObjectRowKey<T> extends RowKey<T> {
        private final ObjectKeySpace space;
        private final Function<? super T, ?> key;
        /** {@link #key} when it can hash a row's key without making it; null otherwise. */
        private final HashedKey<? super T> hashed;
        /** {@link #key} when it names its routing; null otherwise. */
        private final RoutedKey<? super T> routed;

        @SuppressWarnings("unchecked")
        ObjectRowKey(ObjectKeySpace space, Function<? super T, ?> key) {
            this.space = space;
            this.key = key;
            this.hashed = key instanceof HashedKey<?> h ? (HashedKey<? super T>) h : null;
            this.routed = key instanceof RoutedKey<?> r ? (RoutedKey<? super T>) r : null;
        }

        private Object keyOf(T row) {
            Object k = key.apply(row);
            if (k == null) {
                throw new NullPointerException("key function returned null for row " + row);
            }
            return k;
        }

        @Override
        public int id(T row) {
            return space.id(keyOf(row));
        }

        @Override
        public int find(T row) {
            return space.find(keyOf(row));
        }

        @Override
        public boolean readsAhead() {
            return hashed != null && space.worthTouching();
        }

        @Override
        public int hash(T row) {
            return KeySpace.mix(hashed.keyHash(row));
        }

        @Override
        public int touch(int h) {
            return space.touch(h);
        }

        @Override
        public int shardHash(T row) {
            return routed != null ? routed.routingHash(row)
                    : hashed != null ? hashed.keyHash(row) : Objects.hashCode(key.apply(row));
        }

        @Override
        public Object routing() {
            return routed == null ? null : routed.routing();
        }

        @Override
        public KeySpace space() {
            return space;
        }
    }

    /** {@code long} keys. */
    static final class LongRowKey<T> extends RowKey<T> {
        private final LongKeySpace space;
        private final ToLongFunction<? super T> key;
        /** {@link #key} when it names its routing; null otherwise. */
        private final RoutedKey<? super T> routed;

        @SuppressWarnings("unchecked")
        LongRowKey(LongKeySpace space, ToLongFunction<? super T> key) {
            this.space = space;
            this.key = key;
            this.routed = key instanceof RoutedKey<?> r ? (RoutedKey<? super T>) r : null;
        }

        @Override
        public int id(T row) {
            return space.id(key.applyAsLong(row));
        }

        @Override
        public int find(T row) {
            return space.find(key.applyAsLong(row));
        }

        @Override
        public boolean readsAhead() {
            return space.worthTouching();
        }

        @Override
        public int hash(T row) {
            return KeySpace.mix(key.applyAsLong(row));
        }

        @Override
        public int touch(int h) {
            return space.touchSlot(h);
        }

        @Override
        public int shardHash(T row) {
            return routed != null ? routed.routingHash(row) : Long.hashCode(key.applyAsLong(row));
        }

        @Override
        public Object routing() {
            return routed == null ? null : routed.routing();
        }

        @Override
        public KeySpace space() {
            return space;
        }
    }
}
