package org.jdbsp.sql;

/**
 * A view of a {@link SqlProgram}: after each step, the step's changes to its contents and the contents
 * themselves. Both are computed by the program's circuit; reading them costs O(n log n) to sort n rows.
 */
public final class SqlView {
    private final SqlProgram program;
    private final String name;
    private final Schema schema;

    SqlView(SqlProgram program, String name, Schema schema) {
        this.program = program;
        this.name = name;
        this.schema = schema;
    }

    public String name() {
        return name;
    }

    public Schema schema() {
        return schema;
    }

    /** The last step's changes: a row with weight +n was inserted n times, -n deleted n times. */
    public Rows changes() {
        return new Rows(schema, program.viewDelta(name));
    }

    /** The number of distinct rows the last step changed, without reading them: O(1). */
    public int changeCount() {
        return program.viewChangeCount(name);
    }

    /** The contents as of the last step. */
    public Rows contents() {
        return new Rows(schema, program.viewContents(name));
    }

    @Override
    public String toString() {
        return "view " + name + " " + schema;
    }
}
