package org.jdbsp.sql.compiler;

import org.jdbsp.sql.Schema;

/**
 * A view's definition: its name, the compiled query that computes it, and whether it was declared
 * {@code MATERIALIZED} (every view's contents are kept and readable; the word is accepted for compatibility).
 * Internal.
 *
 * @param name         the view's name
 * @param query        its compiled query
 * @param materialized whether it was created as {@code MATERIALIZED}
 */
public record ViewDef(String name, CompiledQuery query, boolean materialized) {
    public Schema schema() {
        return query.schema();
    }

    /** Calcite's optimised plan, one operator per line. */
    public String explainPlan() {
        return query.explainPlan();
    }
}
