package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.spi.RoutedKey;
import org.jdbsp.sql.runtime.Tuple;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How the compiled operators place rows among the workers, so that an operator keyed by a column its input is
 * already partitioned by adds no exchange (Nexmark q9's rank by the auction after the join on the auction; q4's
 * and q6's grouping by the auction and its category or seller after that join). The one routing is by an integer
 * column: a row goes to the worker owning {@code Long.hashCode(row.getLong(c))}, the hash the engine's
 * {@code long}-keyed joins, aggregates and ranks route by. A stream's routing is a {@link Columns}: every column
 * in it holds the same value on every row (an inner join's two key columns), is NOT NULL and integer. The
 * compiler sets it after an inner join on one integer column and where a window table function's input rows are
 * moved by a column before their windows are made ({@link #shard}, Nexmark q5), carries it through the columns a
 * projection keeps, and keys the operators after with {@link #longKey} or {@link #objectKey}. Internal.
 */
final class Routing {
    private Routing() {
    }

    /** Rows routed by the {@code long} value of any of {@code columns} (ascending): they are equal on every row. */
    record Columns(int[] columns) {
        boolean has(int column) {
            return Arrays.binarySearch(columns, column) >= 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Columns c && Arrays.equals(columns, c.columns);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(columns);
        }

        @Override
        public String toString() {
            return "routed by $" + Arrays.toString(columns);
        }
    }

    /** The routing of {@code s} when it is a {@link Columns}; else null. */
    static Columns of(Stream<?> s) {
        return s.routing() instanceof Columns c ? c : null;
    }

    /**
     * Declares {@code out} routed by the columns given, as positions in its rows, or leaves it unrouted when
     * there are none. Returns {@code out}.
     */
    static <T> Stream<T> declare(Stream<T> out, int... columns) {
        if (columns.length == 0) return out;
        int[] sorted = columns.clone();
        Arrays.sort(sorted);
        return out.circuit().routed(out, new Columns(sorted));
    }

    /**
     * Carries the routing of {@code in} to {@code out}, whose column {@code o} copies column {@code source[o]} of
     * {@code in} (-1: computed). Returns {@code out}.
     */
    static <T> Stream<T> carry(Stream<?> in, Stream<T> out, int[] source) {
        Columns r = of(in);
        if (r == null || source == null) return out;
        int[] kept = new int[source.length];
        int n = 0;
        for (int o = 0; o < source.length; o++) {
            if (source[o] >= 0 && r.has(source[o])) kept[n++] = o;
        }
        return declare(out, Arrays.copyOf(kept, n));
    }

    /** The routing a key on column {@code column} of {@code in}'s rows asks for: {@code in}'s own when it has it. */
    private static Columns routingFor(Stream<?> in, int column) {
        Columns r = of(in);
        return r != null && r.has(column) ? r : new Columns(new int[] {column});
    }

    /**
     * The {@code long} key of the integer column {@code column} of {@code in}'s rows (NOT NULL there), routed as
     * {@link Columns}: an operator keyed by it adds no exchange when {@code in} is routed by that column.
     */
    static ToLongFunction<Tuple> longKey(Stream<?> in, int column) {
        return new LongColumnKey(column, routingFor(in, column));
    }

    /**
     * {@code key}, the key of {@code columns} of {@code in}'s rows (a grouping or partition of several columns, made
     * by {@link Keys#of(String, int[])}), routed by the first of them that {@code in} is routed by: rows of one key
     * share that column's value, so they are on one worker already. Returns {@code key} itself when {@code in} is
     * routed by none of them (routing by one column of several could put more rows on one worker than the key's own
     * hash does).
     */
    static Function<Tuple, Object> objectKey(Stream<?> in, Function<Tuple, Object> key, int[] columns) {
        int position = routedBy(in, columns);
        if (position < 0) return key;
        int n = columns.length;
        return new ColumnRoutedKey(key, columns[position], of(in), k -> Keys.value(k, position, n));
    }

    /** The position in {@code columns} of the first column {@code in} is routed by, or -1. */
    static int routedBy(Stream<?> in, int[] columns) {
        Columns r = of(in);
        for (int i = 0; r != null && i < columns.length; i++) {
            if (r.has(columns[i])) return i;
        }
        return -1;
    }

    /**
     * {@code in}'s rows moved to the workers by the integer column {@code column} (NOT NULL): {@code in} itself when
     * it is routed so already ({@code CircuitBuilder.shard} names the routing).
     */
    static Stream<Tuple> shard(Stream<Tuple> in, int column, String what) {
        return in.circuit().shard(in, t -> hash(t.getLong(column)), what, routingFor(in, column));
    }

    /** The routing hash of a row whose column holds {@code value}. */
    private static int hash(long value) {
        return Long.hashCode(value);
    }

    /** A {@code long} column as a key, named as its routing. */
    private record LongColumnKey(int column, Columns routing) implements ToLongFunction<Tuple>, RoutedKey<Tuple> {
        @Override
        public long applyAsLong(Tuple row) {
            return row.getLong(column);
        }

        @Override
        public int routingHash(Tuple row) {
            return hash(row.getLong(column));
        }

        @Override
        public int routingHashOfKey(Object key) {
            return hash(((Number) key).longValue());
        }
    }

    /** A key of several columns, routed by its integer column {@code column}. */
    private record ColumnRoutedKey(Function<Tuple, Object> key, int column, Columns routing,
                                   Function<Object, Object> valueOfKey)
            implements Function<Tuple, Object>, RoutedKey<Tuple> {
        @Override
        public Object apply(Tuple row) {
            return key.apply(row);
        }

        @Override
        public int routingHash(Tuple row) {
            return hash(row.getLong(column));
        }

        @Override
        public int routingHashOfKey(Object k) {
            return hash(((Number) valueOfKey.apply(k)).longValue());
        }
    }
}
