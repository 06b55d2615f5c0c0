package org.jdbsp.operators;

/**
 * The check every operator specialised for append-only streams ({@link org.jdbsp.circuit.Stream#isAppendOnly()})
 * makes of each row it reads: a weight above 0. O(1), and the message is built only when it fails.
 */
final class AppendOnlyRows {
    private AppendOnlyRows() {
    }

    /** @throws IllegalStateException if {@code weight <= 0}: the stream was not append-only after all */
    static void checkWeight(Object row, long weight) {
        if (weight <= 0) {
            throw new IllegalStateException("an append-only stream carried weight " + weight + " for " + row);
        }
    }
}
