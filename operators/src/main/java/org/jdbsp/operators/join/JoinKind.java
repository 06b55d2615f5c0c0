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
    ANTI("antijoin"),
    /**
     * Each left change paired with the right side as it is when the change arrives; right changes pair with no
     * earlier left row (a lookup, or processing-time temporal join). Keeps no left rows.
     */
    LOOKUP("lookupJoin");

    final String operator;

    JoinKind(String operator) {
        this.operator = operator;
    }

    /** True when the right side's rows are kept (the kinds that emit them or pair with them). */
    boolean keepsRightRows() {
        return this == INNER || this == LEFT || this == FULL || this == LOOKUP;
    }

    /** True when the left side's rows are kept (all kinds but the lookup, whose right changes pair with none). */
    boolean keepsLeftRows() {
        return this != LOOKUP;
    }

    /** True when the output depends on whether a key is present on the right. */
    boolean tracksRightPresence() {
        return this != INNER && this != LOOKUP;
    }
}
