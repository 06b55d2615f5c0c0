package org.jdbsp.sql.compiler;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.sql.runtime.Tuple;

import java.util.List;

/**
 * {@code ORDER BY ... LIMIT n OFFSET m} as an incremental top-k: the first {@code m + n} rows by the order (made
 * total by every column), of which the first {@code m} positions are dropped. Without LIMIT or OFFSET a sort
 * is the identity (a view is a set).
 */
final class TopKOp extends Op {
    private final OrderComparator order;
    private final long offset;
    private final long fetch;

    TopKOp(Op input, OrderComparator order, long offset, long fetch) {
        super(List.of(input));
        this.order = order;
        this.offset = offset;
        this.fetch = fetch;
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        Stream<Tuple> in = w.stream(inputs().get(0));
        java.util.Comparator<Tuple> cmp = order != null ? order : org.jdbsp.sql.runtime.TupleOrder.INSTANCE;
        long k = offset + fetch;
        if (k > Integer.MAX_VALUE) k = Integer.MAX_VALUE;
        if (offset == 0) return TopK.topK(in, cmp, (int) k);
        long skip = offset;
        return Linear.map(Linear.filter(TopK.rowNumber(in, t -> Tuple.EMPTY, cmp, (int) k),
                r -> r.rank() > skip), r -> r.row());
    }

    @Override
    String describe() {
        return "top-k offset " + offset + " fetch " + fetch;
    }
}
