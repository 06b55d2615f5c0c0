package org.jdbsp.propertytests.circuits;

import java.util.Comparator;
import java.util.List;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.operators.window.Windows;

/**
 * One step of a random circuit: an operator applied to one or two streams of the pool (chosen by index
 * modulo the pool's size), producing a new stream of rows. The menu covers every operator family.
 */
public record Instruction(int op, int x, int y) {
    static final String[] NAMES = {"filter", "map", "flatMap", "distinct", "count", "sum", "min", "max", "topK",
        "join", "semijoin", "antijoin", "leftJoin", "fullJoin", "union", "rowNumber", "tumbling", "average"};
    private static final Comparator<Row> BY_B_DESC =
            Comparator.comparingLong(Row::b).reversed().thenComparingLong(Row::a);

    Stream<Row> apply(List<Stream<Row>> pool) {
        Stream<Row> s = pool.get(Math.floorMod(x, pool.size()));
        Stream<Row> t = pool.get(Math.floorMod(y, pool.size()));
        switch (op) {
            case 0: return Linear.filter(s, r -> (r.a() + r.b()) % 2 == 0);
            case 1: return Linear.map(s, r -> new Row(r.b(), r.a()));
            case 2: return Linear.flatMap(s, (r, out) -> {
                out.accept(r);
                out.accept(new Row(r.a(), (r.b() + 1) % 3));
            });
            case 3: return Distinct.distinct(s);
            case 4: return Aggregates.countByLong(s, Row::a, Row::new);
            case 5: return Aggregates.sum(s, Row::a, Row::b, (k, v) -> new Row(k, v));
            case 6: return Aggregates.minByLong(s, Row::a, Row::b, Row::new);
            case 7: return Aggregates.max(s, Row::a, Row::b, (k, v) -> new Row(k, v));
            case 8: return TopK.topKByLong(s, Row::a, BY_B_DESC, 2);
            case 9: return Joins.joinOnLong(s, t, Row::a, Row::a, (l, r) -> new Row(l.b(), r.b()));
            case 10: return Joins.semijoinOnLong(s, t, Row::a, Row::b);
            case 11: return Joins.antijoin(s, t, Row::a, Row::a);
            case 12: return Joins.leftJoin(s, t, Row::a, Row::b, (l, r) -> new Row(l.b(), r == null ? -1 : r.a()));
            case 13: return Joins.fullJoin(s, t, Row::b, Row::b,
                    (l, r) -> new Row(l == null ? -1 : l.a(), r == null ? -1 : r.a()));
            case 14: return Linear.union(s, t);
            case 15: return Linear.map(TopK.rowNumber(s, Row::a, BY_B_DESC, 2), r -> new Row(r.rank(), r.row().b()));
            case 16: return Linear.map(Windows.tumbling(s, Row::b, 2), w -> new Row(w.start(), w.row().a()));
            case 17: return Aggregates.average(s, Row::b, Row::a, (k, v) -> new Row(k, v));
            default: throw new IllegalArgumentException("op " + op);
        }
    }

    @Override
    public String toString() {
        return NAMES[op] + "(" + x + (op >= 9 && op <= 14 ? "," + y : "") + ")";
    }
}
