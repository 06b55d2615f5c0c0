package org.jdbsp.sql;

import org.jdbsp.sql.runtime.TextTable;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.TupleOrder;
import org.jdbsp.zset.ZSet;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A collection of rows with weights, all of one {@link Schema}: a view's contents (weights are multiplicities,
 * all positive) or a step's changes (a negative weight is a deletion). Rows come in a stable order: sorted by
 * their values, NULL first. Immutable; built once from a Z-set in O(n log n).
 */
public final class Rows extends AbstractList<Row> {
    private final Schema schema;
    private final Tuple[] tuples;
    private final long[] weights;

    Rows(Schema schema, ZSet<Tuple> zset) {
        this(schema, zset, null, null);
    }

    /**
     * The rows of {@code zset} sorted by {@code order} (then by value), each then reduced to the columns
     * {@code project} lists (all when null).
     */
    Rows(Schema schema, ZSet<Tuple> zset, Comparator<Tuple> order, int[] project) {
        this.schema = schema;
        List<Tuple> list = new ArrayList<>(zset.size());
        for (int s = zset.nextSlot(0); s >= 0; s = zset.nextSlot(s + 1)) list.add(zset.elementAt(s));
        list.sort(order != null ? order.thenComparing(TupleOrder.INSTANCE) : TupleOrder.INSTANCE);
        int n = list.size();
        Tuple[] ts = new Tuple[n];
        long[] ws = new long[n];
        int out = 0;
        for (int i = 0; i < n; i++) {
            Tuple t = list.get(i);
            long w = zset.weight(t);
            if (project != null) {
                Object[] v = new Object[project.length];
                for (int c = 0; c < project.length; c++) v[c] = t.get(project[c]);
                t = Tuple.of(v);
                if (out > 0 && ts[out - 1].equals(t) && order == null) {
                    ws[out - 1] += w;
                    continue;
                }
            }
            ts[out] = t;
            ws[out] = w;
            out++;
        }
        this.tuples = java.util.Arrays.copyOf(ts, out);
        this.weights = java.util.Arrays.copyOf(ws, out);
    }

    public Schema schema() {
        return schema;
    }

    /** The number of distinct rows. */
    @Override
    public int size() {
        return tuples.length;
    }

    /** The {@code i}-th distinct row. */
    @Override
    public Row get(int i) {
        return new Row(schema, tuples[i]);
    }

    /** The weight of the {@code i}-th row: its multiplicity in contents, +n inserted or -n deleted in changes. */
    public long weight(int i) {
        return weights[i];
    }

    /** The sum of the weights: the number of rows counting duplicates, for contents. */
    public long totalWeight() {
        long t = 0;
        for (long w : weights) t = Math.addExact(t, w);
        return t;
    }

    /** Every row repeated as many times as its (positive) weight says; for contents. */
    public List<Row> expanded() {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < tuples.length; i++) {
            for (long w = 0; w < weights[i]; w++) out.add(get(i));
        }
        return out;
    }

    /** The rows as a text table with a header, one line per distinct row, and a weight column when asked. */
    public String toTable(boolean withWeights) {
        return table(withWeights, false);
    }

    /**
     * The rows as a text table with every row repeated as many times as its weight (SQL's bag of a query's
     * result); when a weight is below 1, which contents do not have, the table with weights instead.
     */
    public String toExpandedTable() {
        for (long w : weights) {
            if (w < 1) return table(true, false);
        }
        return table(false, true);
    }

    private String table(boolean withWeights, boolean repeat) {
        int cols = schema.size() + (withWeights ? 1 : 0);
        String[] header = new String[cols];
        boolean[] right = new boolean[cols];
        for (int c = 0; c < schema.size(); c++) {
            header[c] = schema.column(c).name();
            right[c] = schema.column(c).type().isNumeric();
        }
        if (withWeights) {
            header[cols - 1] = "weight";
            right[cols - 1] = true;
        }
        List<String[]> lines = new ArrayList<>();
        for (int r = 0; r < tuples.length; r++) {
            Row row = get(r);
            String[] line = new String[cols];
            for (int c = 0; c < schema.size(); c++) {
                String s = row.getString(c);
                line[c] = s == null ? "NULL" : s;
            }
            if (withWeights) line[cols - 1] = (weights[r] > 0 ? "+" : "") + weights[r];
            for (long k = repeat ? weights[r] : 1; k > 0; k--) lines.add(line);
        }
        return TextTable.render(header, right, lines, "row", "rows");
    }
}
