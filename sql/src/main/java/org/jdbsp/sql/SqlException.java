package org.jdbsp.sql;

/**
 * An error in a SQL statement or in the data given to a program: a syntax or validation error, an unknown table
 * or column, a value that does not fit its column, an arithmetic overflow. The message names what and where
 * (table, row, column, or the statement's line:column). When it is thrown the program's state is unchanged.
 */
public class SqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlException(String message) {
        super(message);
    }

    public SqlException(String message, Throwable cause) {
        super(message, cause);
    }
}
