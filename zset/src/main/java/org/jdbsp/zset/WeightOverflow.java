package org.jdbsp.zset;

/** Builds the exception thrown when a weight leaves the range of {@code long}. */
final class WeightOverflow {
    private WeightOverflow() {
    }

    static ArithmeticException adding(Object element, long weight, long delta) {
        return new ArithmeticException("weight overflow for element " + element + ": "
                + weight + " + " + delta + " does not fit in a long");
    }

    static ArithmeticException scaling(Object element, long weight, long factor) {
        return new ArithmeticException("weight overflow for element " + element + ": "
                + weight + " * " + factor + " does not fit in a long");
    }
}
