package org.jdbsp.sql.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The product of a DECIMAL and an integer, called from generated code in place of Calcite's
 * {@code SqlFunctions.multiply(d, new BigDecimal(x))} (Nexmark's {@code 0.908 * price}): the same value at the same
 * scale, made as one {@code BigDecimal} from the unscaled product when it fits a {@code long}, where Calcite's code
 * makes one for {@code x} and one for the product. The unscaled value of the last DECIMAL multiplied is remembered,
 * as an immutable record the threads share without locks (a literal is the same object at every row; a miss only
 * recomputes it). Internal.
 */
public final class DecimalProducts {
    /** A DECIMAL and its unscaled value, when that fits a {@code long}. */
    private record Unscaled(BigDecimal of, long unscaled, boolean fits) {
    }

    private static Unscaled last = new Unscaled(BigDecimal.ZERO, 0, true);

    private DecimalProducts() {
    }

    /** {@code d * x} as {@code d.multiply(BigDecimal.valueOf(x))} gives it, or null when {@code d} is null. */
    public static BigDecimal multiply(BigDecimal d, long x) {
        if (d == null) return null;
        Unscaled u = last;
        if (u.of() != d) {
            BigInteger unscaled = d.unscaledValue();
            u = unscaled.bitLength() < 64 ? new Unscaled(d, unscaled.longValue(), true) : new Unscaled(d, 0, false);
            last = u;
        }
        if (u.fits()) {
            long low = u.unscaled() * x;
            if (Math.multiplyHigh(u.unscaled(), x) == (low >> 63)) return BigDecimal.valueOf(low, d.scale());
        }
        return d.multiply(BigDecimal.valueOf(x));
    }
}
