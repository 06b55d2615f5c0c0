package org.jdbsp.sql;

/**
 * A valid SQL construct that jdbsp does not support. Thrown at compile time, naming the construct and, where
 * known, its line:column; jdbsp never runs such a statement with a silently different meaning.
 */
public final class UnsupportedSqlException extends SqlException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSqlException(String message) {
        super(message);
    }
}
