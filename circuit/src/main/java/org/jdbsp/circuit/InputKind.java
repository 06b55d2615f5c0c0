package org.jdbsp.circuit;

/** What an input accepts, chosen at its declaration in {@link CircuitBuilder}. */
enum InputKind {
    /** Any change: {@link CircuitBuilder#input(String)}. */
    PLAIN("input"),
    /** Insertions only: {@link CircuitBuilder#appendOnlyInput(String)}. */
    APPEND_ONLY("append-only input"),
    /** Deletes only of rows present: {@link CircuitBuilder#strictInput(String)}. */
    STRICT("strict input"),
    /** At most one row per key: {@link CircuitBuilder#keyedInput(String, java.util.function.Function)}. */
    KEYED("keyed input");

    final String description;

    InputKind(String description) {
        this.description = description;
    }
}
