package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.sql.runtime.Tuple;

import java.util.List;

/**
 * {@code INTERSECT ALL} and {@code EXCEPT ALL}: per distinct row, its count in each input (one grouped count
 * per input, by row), then the row as many times as SQL says: the least count (INTERSECT ALL) or the first
 * input's count less the others', at least zero (EXCEPT ALL). State: one group per distinct row.
 */
final class BagSetOp extends Op {
    private final boolean intersect;
    private final int width;

    BagSetOp(List<Op> inputs, boolean intersect, int width) {
        super(inputs);
        this.intersect = intersect;
        this.width = width;
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        int n = inputs().size();
        int[] all = Keys.range(width);
        Stream<Tuple> tagged = null;
        for (int i = 0; i < n; i++) {
            int tag = i;
            Stream<Tuple> s = Linear.map(w.stream(inputs().get(i)), t -> {
                Object[] v = new Object[width + 1];
                t.copyTo(0, v, 0, width);
                v[width] = tag;
                return Tuple.of(v);
            });
            tagged = tagged == null ? s : Linear.union(tagged, s);
        }
        @SuppressWarnings("unchecked")
        Agg<Tuple>[] counts = new Agg[n];
        for (int i = 0; i < n; i++) {
            Integer tag = i;
            counts[i] = Agg.count(t -> tag.equals(t.get(width)) ? Boolean.TRUE : null);
        }
        Stream<Tuple> perRow = Aggregates.aggregate(tagged, t -> Keys.pick(t, all),
                (k, r) -> {
                    long m;
                    if (intersect) {
                        m = Long.MAX_VALUE;
                        for (int i = 0; i < n; i++) m = Math.min(m, r.getLong(i));
                    } else {
                        m = r.getLong(0);
                        for (int i = 1; i < n; i++) m -= r.getLong(i);
                    }
                    Object[] v = new Object[width + 1];
                    ((Tuple) k).copyTo(0, v, 0, width);
                    v[width] = Math.max(0, m);
                    return Tuple.of(v);
                }, counts);
        return Linear.<Tuple, Tuple>flatMap(perRow, (t, out) -> {
            long m = t.getLong(width);
            Tuple row = Keys.pick(t, all);
            for (long c = 0; c < m; c++) out.accept(row);
        });
    }

    @Override
    String describe() {
        return intersect ? "intersect all" : "except all";
    }
}
