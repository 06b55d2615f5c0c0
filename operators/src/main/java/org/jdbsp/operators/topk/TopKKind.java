package org.jdbsp.operators.topk;

/** What a top-k operator emits for the rows within the top k of their group. */
enum TopKKind {
    /** The rows at positions 1..k, each with the number of positions it occupies as weight. */
    ROWS,
    /** One {@link Ranked} row per position 1..k (ROW_NUMBER). */
    ROW_NUMBER,
    /** One {@link Ranked} row per row whose rank (1 + positions before it) is at most k, with its weight (RANK). */
    RANK
}
