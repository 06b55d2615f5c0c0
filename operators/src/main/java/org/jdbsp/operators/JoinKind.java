package org.jdbsp.operators;

/** Which rows an equi-join produces besides the matching pairs. */
enum JoinKind {
    /** Matching pairs only. */
    INNER("join"),
    /** Plus {@code combine(a, null)} for each left row whose key has no match on the right. */
    LEFT("leftJoin"),
    /** Plus unmatched rows of both sides: {@code combine(a, null)} and {@code combine(null, b)}. */
    FULL("fullJoin");

    final String operator;

    JoinKind(String operator) {
        this.operator = operator;
    }
}
