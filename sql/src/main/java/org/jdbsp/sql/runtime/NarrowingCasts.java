package org.jdbsp.sql.runtime;

/**
 * Checked narrowing of an integer to a narrower integer type, called from generated code in place of Calcite's
 * {@code ((Number) Primitive.of(int.class).numberValueRoundDown(x)).intValue()}, which boxes the value twice and
 * checks its range through doubles: same result, same {@link ArithmeticException} message, no allocation; and a
 * DECIMAL cast done once where Calcite's code does it twice. Internal.
 */
public final class NarrowingCasts {
    private NarrowingCasts() {
    }

    /** {@code value} as an int; throws if it does not fit. */
    public static int toInt(long value) {
        if ((int) value != value) throw outOfRange(value);
        return (int) value;
    }

    /** {@code value} as a short; throws if it does not fit. */
    public static short toShort(long value) {
        if ((short) value != value) throw outOfRange(value);
        return (short) value;
    }

    /** {@code value} as a byte; throws if it does not fit. */
    public static byte toByte(long value) {
        if ((byte) value != value) throw outOfRange(value);
        return (byte) value;
    }

    /**
     * {@code value} cast to DECIMAL({@code precision}, {@code scale}), or null for null: Calcite's
     * {@code Primitive.decimalDecimalCast} (its rounding and its error), done once.
     */
    public static java.math.BigDecimal toDecimal(java.math.BigDecimal value, int precision, int scale,
            java.math.RoundingMode mode) {
        if (value == null) return null;
        // Calcite rounds to the scale, strips trailing zeros and sets the scale back, which leaves the rounded
        // value as it was: its BigInteger divisions (one per zero) are skipped here
        java.math.BigDecimal result = value.setScale(scale, mode);
        if (result.precision() > precision) {
            throw new ArithmeticException("Value " + value + " cannot be represented as a DECIMAL(" + precision + ", "
                    + scale + ")");
        }
        return result;
    }

    private static ArithmeticException outOfRange(long value) {
        return new ArithmeticException("Value " + value + " out of range");
    }
}
