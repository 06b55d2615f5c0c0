package org.jdbsp.benches.maps;

/** Overflow arithmetic shared by the adapters that detect overflow after a single-probe wrapping add. */
final class Overflow {
    private Overflow() {
    }

    /** True if {@code old + delta} overflowed to {@code sum} (two's complement wrap-around). */
    static boolean overflowed(long sum, long delta) {
        long old = sum - delta; // exact: wrapping subtraction undoes wrapping addition
        return ((old ^ sum) & (delta ^ sum)) < 0;
    }

    static ArithmeticException exception(Object key, long sum, long delta) {
        return new ArithmeticException("weight overflow for element " + key + ": " + (sum - delta) + " + " + delta);
    }
}
