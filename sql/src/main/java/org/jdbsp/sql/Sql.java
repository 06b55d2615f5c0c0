package org.jdbsp.sql;

/**
 * The entry point of jdbsp's SQL front end. {@link #compile(String)} runs a script of DDL ({@code CREATE TABLE},
 * {@code CREATE VIEW}, ...) and DML, and returns the {@link SqlProgram} that keeps every view up to date as the
 * tables change. Apache Calcite parses, validates and plans each view; jdbsp compiles the plan into an
 * incremental circuit whose per-row expressions are generated JVM bytecode.
 */
public final class Sql {
    private Sql() {
    }

    /** Compiles {@code script} into a program run incrementally on one worker. */
    public static SqlProgram compile(String script) {
        return compile(script, SqlOptions.incremental());
    }

    /**
     * Compiles {@code script} into a program run as {@code options} say.
     *
     * @throws SqlException naming the statement's line:column when a statement is invalid or unsupported
     */
    public static SqlProgram compile(String script, SqlOptions options) {
        SqlProgram program = new SqlProgram(options);
        try {
            program.execute(script);
        } catch (RuntimeException e) {
            program.close();
            throw e;
        }
        return program;
    }
}
