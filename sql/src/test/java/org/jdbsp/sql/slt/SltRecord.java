package org.jdbsp.sql.slt;

import java.util.List;
import java.util.Objects;

/**
 * One record of a sqllogictest file: a {@code statement}, a {@code query}, a {@code halt} or a
 * {@code hash-threshold}, with the {@code skipif}/{@code onlyif} conditions written before it and the line where
 * its keyword stands.
 */
sealed interface SltRecord permits SltRecord.Statement, SltRecord.Query, SltRecord.Halt, SltRecord.HashThreshold {

    /** The name of the database jdbsp plays in the conditions: it follows PostgreSQL's expected results. */
    String DIALECT = "postgresql";

    /** The 1-based line of the record's keyword ({@code statement}, {@code query}, ...). */
    int line();

    /** The {@code skipif}/{@code onlyif} lines before the record, in order. */
    List<Condition> conditions();

    /**
     * Whether the record runs on {@code database}: not when a {@code skipif} names it, and when there are
     * {@code onlyif} lines only if they all name it.
     */
    default boolean appliesTo(String database) {
        for (Condition c : conditions()) {
            if (c.skip() == c.database().equalsIgnoreCase(database)) return false;
        }
        return true;
    }

    /** {@code skipif DB} ({@code skip} true) or {@code onlyif DB}. */
    record Condition(boolean skip, String database) {
        public Condition {
            Objects.requireNonNull(database, "database");
        }

        @Override
        public String toString() {
            return (skip ? "skipif " : "onlyif ") + database;
        }
    }

    /** {@code statement ok} ({@code expectOk}) or {@code statement error}, with its SQL. */
    record Statement(int line, List<Condition> conditions, String sql, boolean expectOk) implements SltRecord {
        public Statement {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * A {@code query}: its column types (one of {@code I}, {@code R}, {@code T} per column), sort mode, optional
     * label, SQL, and expected result: either the listed values ({@code expected}, one per line of the file) or a
     * count of values and the MD5 hash of them ({@code expected} null).
     */
    record Query(int line, List<Condition> conditions, String types, SortMode sort, String label, String sql,
                 List<String> expected, int expectedCount, String expectedHash) implements SltRecord {
        public Query {
            conditions = List.copyOf(conditions);
            if (expected != null) {
                expected = List.copyOf(expected);
                if (expectedCount != expected.size()) {
                    throw new IllegalArgumentException("count " + expectedCount + " != " + expected.size());
                }
            } else {
                Objects.requireNonNull(expectedHash, "expectedHash");
            }
        }

        /** Whether the expected result is given as a hash. */
        public boolean hashed() {
            return expected == null;
        }

        /** The number of columns. */
        public int columns() {
            return types.length();
        }
    }

    /** {@code halt}: the rest of the file is not run (when the conditions apply). */
    record Halt(int line, List<Condition> conditions) implements SltRecord {
        public Halt {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code hash-threshold N}: results with more than N values were written as a hash. */
    record HashThreshold(int line, List<Condition> conditions, int threshold) implements SltRecord {
        public HashThreshold {
            conditions = List.copyOf(conditions);
        }
    }

    /** How a query's result values are ordered before they are compared. */
    enum SortMode {
        /** As the query returns them (its ORDER BY). */
        NOSORT,
        /** Rows sorted, comparing their formatted values as strings, column by column. */
        ROWSORT,
        /** All values sorted as strings, ignoring rows. */
        VALUESORT;

        static SortMode parse(String word) {
            switch (word) {
                case "nosort": return NOSORT;
                case "rowsort": return ROWSORT;
                case "valuesort": return VALUESORT;
                default: return null;
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
