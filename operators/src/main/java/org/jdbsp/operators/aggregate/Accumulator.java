package org.jdbsp.operators.aggregate;

import java.math.BigDecimal;
import java.util.Arrays;
import org.jdbsp.operators.spi.KeySpace;

/**
 * The state of one aggregate function over every group of an {@link AggregateNode}, in columns: committed values in
 * arrays indexed by group id, the step's change and new value in arrays indexed by the group's order in the step.
 * A step calls {@link #begin} once per touched group, {@link #add} per changed row, {@link #prepare} once per
 * touched group (computing the new value and saying whether it changed), then {@link #commit} (or nothing, on
 * rollback). Reads take an order of -1 for the committed value. {@code commit} calls no user code and cannot fail.
 *
 * @param <T> the row type
 */
abstract class Accumulator<T> {
    /** Names groups in error messages. */
    KeySpace keys;
    private final String name;

    Accumulator(String name) {
        this.name = name;
    }

    /** Called at the start of every step, before any {@link #begin}. */
    void startStep() {
    }

    /** Drops references the step's scratch of {@code ord} holds (called after commit or rollback). */
    void dropScratch(int ord) {
    }

    /** Makes room for committed state of ids below {@code limit}. */
    abstract void reserve(int limit);

    /** Starts the change of a group touched {@code ord}-th in this step. */
    abstract void begin(int ord, int id);

    /** Adds {@code row} with weight {@code w} to the change of the group at {@code ord}. May call user code. */
    abstract void add(int ord, T row, long w);

    /** Computes the group's new value; true when it differs from the committed one. */
    abstract boolean prepare(int ord, int id);

    /** Makes the new value of the group at {@code ord} the committed value of {@code id}. */
    abstract void commit(int ord, int id);

    /** True when {@code id} holds no committed state (so the group may be released once its count is 0). */
    /** Writes group {@code id}'s committed state for a checkpoint. */
    abstract void writeGroup(int id, org.jdbsp.circuit.state.StateWriter out);

    /** Reads back what {@link #writeGroup} wrote, into group {@code id} of a fresh accumulator (reserved for it). */
    abstract void readGroup(int id, org.jdbsp.circuit.state.StateReader in);

    abstract boolean isEmpty(int id);

    /** Forgets {@code id}'s committed state (the group was released or evicted). */
    abstract void drop(int id);

    /** Entries of state held beyond one value per group (the values of min/max multisets, a fold's rows). */
    long stateRows() {
        return 0;
    }

    abstract boolean isNull(int id, int ord);

    /** A {@code long} result; by default read from {@link #get} (accumulators of primitives override it). */
    long getLong(int id, int ord) {
        Object v = nonNull(id, ord);
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw wrongType("long");
    }

    /** A {@code double} result, or another number widened; by default read from {@link #get}. */
    double getDouble(int id, int ord) {
        Object v = nonNull(id, ord);
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw wrongType("double");
    }

    /** A {@code BigDecimal} result; by default read from {@link #get}. */
    BigDecimal getDecimal(int id, int ord) {
        Object v = nonNull(id, ord);
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        throw wrongType("BigDecimal");
    }

    private Object nonNull(int id, int ord) {
        Object v = get(id, ord);
        if (v == null) {
            throw nullValue();
        }
        return v;
    }

    abstract Object get(int id, int ord);

    final IllegalArgumentException wrongType(String type) {
        return new IllegalArgumentException(name + " is not a " + type + " aggregate; read it with its own getter, "
                + "or with get");
    }

    final IllegalStateException nullValue() {
        return new IllegalStateException(name + " is NULL for this group; check isNull first");
    }

    static long[] grow(long[] a, int limit) {
        return limit <= a.length ? a : Arrays.copyOf(a, Math.max(limit, a.length * 2));
    }

    static double[] grow(double[] a, int limit) {
        return limit <= a.length ? a : Arrays.copyOf(a, Math.max(limit, a.length * 2));
    }

    static Object[] grow(Object[] a, int limit) {
        return limit <= a.length ? a : Arrays.copyOf(a, Math.max(limit, a.length * 2));
    }

    static boolean[] grow(boolean[] a, int limit) {
        return limit <= a.length ? a : Arrays.copyOf(a, Math.max(limit, a.length * 2));
    }
}
