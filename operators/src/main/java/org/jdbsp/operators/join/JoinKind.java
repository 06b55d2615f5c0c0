package org.jdbsp.operators.join;

/** Which rows an equi-join produces; every kind is served by {@link JoinNode}. */
enum JoinKind {
    /** Matching pairs only. */
    INNER("join"),
    /** Plus {@code combine(a, null)} for each left row whose key is not present on the right. */
    LEFT("leftJoin"),
    /** Plus unmatched rows of both sides: {@code combine(a, null)} and {@code combine(null, b)}. */
    FULL("fullJoin"),
    /** The left rows whose key is present on the right. */
    SEMI("semijoin"),
    /** The left rows whose key is not present on the right. */
    ANTI("antijoin");

    final String operator;

    JoinKind(String operator) {
        this.operator = operator;
    }

    /** True when the right side's rows are kept (the kinds that emit them or pair with them). */
    boolean keepsRightRows() {
        return this == INNER || this == LEFT || this == FULL;
    }

    /** True when the output depends on whether a key is present on the right. */
    boolean tracksRightPresence() {
        return this != INNER;
    }
}
