package org.jdbsp.operators.spi;

/**
 * Overflow-checked {@code long} arithmetic for operators, whose error names the row being processed (the
 * operator's name is added by {@code Node.failure}). The message is built only on failure, so the check costs what
 * {@link Math#addExact} costs.
 */
public final class Checked {
    private Checked() {
    }

    /** {@code a + b}; on overflow an {@link ArithmeticException} naming {@code row}. */
    public static long add(long a, long b, Object row) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw overflow(a + " + " + b, row);
        }
        return r;
    }

    /** {@code a + b}; on overflow an {@link ArithmeticException} naming the group {@code id} of {@code keys}. */
    public static long add(long a, long b, KeySpace keys, int id) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw new ArithmeticException("long overflow: " + a + " + " + b + " at group " + keys.describe(id));
        }
        return r;
    }

    /** {@code a * b}; on overflow an {@link ArithmeticException} naming {@code row}. */
    public static long multiply(long a, long b, Object row) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        throw overflow(a + " * " + b, row);
    }

    /** The exception for an overflowing {@code what} while processing {@code row}. */
    public static ArithmeticException overflow(String what, Object row) {
        return new ArithmeticException("long overflow: " + what + " at row " + row);
    }

    /**
     * The check an operator specialised for append-only streams makes of each row it reads.
     *
     * @throws IllegalStateException if {@code weight <= 0}: the stream was not append-only after all
     */
    public static void positive(long weight, Object row) {
        if (weight <= 0) {
            throw new IllegalStateException("an append-only stream carried weight " + weight + " for " + row);
        }
    }
}
