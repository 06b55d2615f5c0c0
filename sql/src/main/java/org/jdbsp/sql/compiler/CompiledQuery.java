package org.jdbsp.sql.compiler;

import org.jdbsp.sql.Schema;

import java.util.Comparator;
import java.util.Set;

/**
 * A query compiled into operators, ready to be wired into any number of circuits: its root operator, result
 * schema, the relations it reads, Calcite's plan as text, and for one-off queries the ORDER BY and the
 * projection that drops ORDER BY's hidden columns. Internal.
 */
public final class CompiledQuery {
    private final Op root;
    private final Schema schema;
    private final Set<String> sources;
    private final String plan;
    private final Comparator<org.jdbsp.sql.runtime.Tuple> order;
    private final int[] project;
    /** Per column of the root's rows: the bound a table's watermark puts on its changes (or null), and NOT NULL. */
    private final TimeBound[] bounds;
    private final boolean[] notNull;

    CompiledQuery(Op root, Schema schema, Set<String> sources, String plan,
            Comparator<org.jdbsp.sql.runtime.Tuple> order, int[] project, TimeBound[] bounds, boolean[] notNull) {
        this.root = root;
        this.bounds = bounds;
        this.notNull = notNull;
        this.schema = schema;
        this.sources = Set.copyOf(sources);
        this.plan = plan;
        this.order = order;
        this.project = project;
    }

    Op root() {
        return root;
    }

    /** The bound a table's watermark puts on column {@code c} of the root's rows, or null. */
    TimeBound bound(int c) {
        return bounds[c];
    }

    /** Whether column {@code c} of the root's rows is known never to hold NULL. */
    boolean notNull(int c) {
        return notNull[c];
    }

    public Schema schema() {
        return schema;
    }

    /** The lower-case names of the tables and views the query reads. */
    public Set<String> sources() {
        return sources;
    }

    public String explainPlan() {
        return plan;
    }

    /** The ORDER BY of a one-off query over its unprojected rows, or null. */
    public Comparator<org.jdbsp.sql.runtime.Tuple> order() {
        return order;
    }

    /** The columns of the unprojected rows that form the result, or null when the rows are the result. */
    public int[] project() {
        return project;
    }

    /** The operators, one per line, indented by depth. */
    public String explainOperators() {
        StringBuilder sb = new StringBuilder();
        explain(root, 0, sb);
        return sb.toString();
    }

    private static void explain(Op op, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth + 1)).append(op.describe()).append('\n');
        for (Op in : op.inputs()) explain(in, depth + 1, sb);
    }
}
