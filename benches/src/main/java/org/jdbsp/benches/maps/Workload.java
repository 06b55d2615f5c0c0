package org.jdbsp.benches.maps;

/**
 * Sizing shared by the map benchmarks: every invocation touches {@link #ELEMENTS} elements (a small map is
 * processed {@code ELEMENTS / size} times), so {@code @OperationsPerInvocation} is a constant and scores are per
 * element for every size.
 */
final class Workload {
    static final int ELEMENTS = 1_000_000;
    /** Churn removes then re-inserts this many keys at a time. */
    static final int CHURN_BATCH = 1_000;

    private Workload() {
    }

    /** How many times a map of {@code size} entries is processed per invocation. */
    static int repeats(int size) {
        if (size <= 0 || ELEMENTS % size != 0 || size % CHURN_BATCH != 0) {
            throw new IllegalArgumentException("size must divide " + ELEMENTS + " and be a multiple of "
                    + CHURN_BATCH + ": " + size);
        }
        return ELEMENTS / size;
    }
}
