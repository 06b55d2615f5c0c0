package org.jdbsp.sql.runtime;

/** Helpers that generated code calls. Internal. */
public final class Conditions {
    private Conditions() {
    }

    /** The value of a condition, through a call the code generator cannot fold away (no unreachable code). */
    public static boolean truth(boolean condition) {
        return condition;
    }
}
