package org.jdbsp.operators.aggregate;

import java.util.function.Function;
import org.jdbsp.operators.spi.Checked;

/**
 * {@code COUNT(column)}: per group the summed weights of the rows whose column is not null, a {@code long} that is
 * never NULL. ({@code COUNT(*)} is the group's own count, kept by the node: {@link AggregateNode.CountAll}.) State:
 * one {@code long} per group; O(1) per changed row.
 */
final class CountAccumulator<T> extends Accumulator<T> {
    private final Function<? super T, ?> column;
    private long[] count = new long[16];
    private long[] delta = new long[16];

    CountAccumulator(Function<? super T, ?> column) {
        super("count");
        this.column = column;
    }

    @Override
    void reserve(int limit) {
        count = grow(count, limit);
    }

    @Override
    void begin(int ord, int id) {
        delta = grow(delta, ord + 1);
        delta[ord] = 0;
    }

    @Override
    void add(int ord, T row, long w) {
        if (column.apply(row) != null) {
            delta[ord] = Checked.add(delta[ord], w, row);
        }
    }

    @Override
    boolean prepare(int ord, int id) {
        Checked.add(count[id], delta[ord], keys, id);
        return delta[ord] != 0;
    }

    @Override
    void commit(int ord, int id) {
        count[id] += delta[ord];
    }

    @Override
    boolean isEmpty(int id) {
        return count[id] == 0;
    }

    @Override
    void drop(int id) {
        count[id] = 0;
    }

    @Override
    boolean isNull(int id, int ord) {
        return false;
    }

    @Override
    long getLong(int id, int ord) {
        return ord < 0 ? count[id] : count[id] + delta[ord];
    }

    @Override
    double getDouble(int id, int ord) {
        return getLong(id, ord);
    }

    @Override
    Object get(int id, int ord) {
        return getLong(id, ord);
    }

    @Override
    void writeGroup(int id, org.jdbsp.circuit.state.StateWriter out) {
        out.writeSignedVarLong(count[id]);
    }

    @Override
    void readGroup(int id, org.jdbsp.circuit.state.StateReader in) {
        count[id] = in.readSignedVarLong();
    }
}
