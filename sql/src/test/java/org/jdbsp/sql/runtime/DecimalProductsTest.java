package org.jdbsp.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A DECIMAL times an integer equals {@code d.multiply(BigDecimal.valueOf(x))}, value and scale, for small and
 * huge unscaled values, products that overflow a long, negative scales, and DECIMALs that alternate (the
 * remembered unscaled value changes), on two threads at once.
 */
class DecimalProductsTest {
    @Test
    void equalsBigDecimalMultiply() throws InterruptedException {
        long seed = 90814L;
        BigDecimal[] ds = {new BigDecimal("0.908"), new BigDecimal("-12.5"), new BigDecimal("1E+3"), BigDecimal.ZERO,
                new BigDecimal("92233720368547758.07"), new BigDecimal(BigInteger.ONE.shiftLeft(70), 4),
                BigDecimal.valueOf(Long.MIN_VALUE, 2), BigDecimal.valueOf(Long.MAX_VALUE, 0)};
        long[] xs = {0, 1, -1, 7, 1_000_000, Long.MAX_VALUE, Long.MIN_VALUE, 3_037_000_500L, -3_037_000_500L};
        Runnable check = () -> {
            Random r = new Random(seed);
            for (int i = 0; i < 200_000; i++) {
                BigDecimal d = ds[r.nextInt(ds.length)];
                long x = r.nextBoolean() ? xs[r.nextInt(xs.length)] : r.nextLong() >> r.nextInt(64);
                BigDecimal expected = d.multiply(BigDecimal.valueOf(x));
                BigDecimal got = DecimalProducts.multiply(d, x);
                String at = d + " * " + x + " (seed " + seed + ")";
                assertEquals(expected, got, at); // BigDecimal.equals: value and scale
                assertEquals(expected.hashCode(), got.hashCode(), at);
            }
        };
        Thread other = new Thread(check);
        Throwable[] failed = {null};
        other.setUncaughtExceptionHandler((t, e) -> failed[0] = e);
        other.start();
        check.run();
        other.join();
        if (failed[0] != null) throw new AssertionError("the other thread failed", failed[0]);
        assertNull(DecimalProducts.multiply(null, 3));
    }
}
