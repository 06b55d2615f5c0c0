package org.jdbsp.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Values#hash} of a DECIMAL is the same for every representation of one value (1.5, 1.50, 15E-1), on the
 * fast path (at most 15 digits, scale 0 to 22) and off it, and spreads different values.
 */
class ValuesHashTest {
    @Test
    void equalDecimalsHashAlikeInEveryRepresentation() {
        long seed = 71207L;
        Random r = new Random(seed);
        Set<Integer> hashes = new HashSet<>();
        Set<BigDecimal> values = new HashSet<>(); // stripped: one per value
        for (int i = 0; i < 200_000; i++) {
            BigDecimal d = draw(r);
            if (d.signum() == 0) continue;
            values.add(d.stripTrailingZeros());
            int h = Values.hash(d);
            hashes.add(h);
            String at = d + " (unscaled " + d.unscaledValue() + ", scale " + d.scale() + "; seed " + seed + ")";
            assertEquals(h, Values.hash(d.stripTrailingZeros()), at);
            for (int more = 1; more <= 24; more += 1 + r.nextInt(4)) {
                BigDecimal wider = d.setScale(d.scale() + more); // more trailing zeros: crosses 15 and 18 digits
                assertEquals(0, wider.compareTo(d));
                assertEquals(h, Values.hash(wider), at + " at scale " + wider.scale());
            }
            BigDecimal viaBigInteger = new BigDecimal(d.unscaledValue().multiply(BigInteger.TEN.pow(3)), d.scale() + 3);
            assertEquals(h, Values.hash(viaBigInteger), at + " made from a BigInteger");
            assertEquals(h, Values.hash(new BigDecimal(d.toPlainString())), at + " parsed");
        }
        assertTrue(hashes.size() > values.size() * 0.99, hashes.size() + " hashes of " + values.size() + " values");
        assertEquals(0, Values.hash(new BigDecimal("0.000")));
        assertEquals(0, Values.hash(new BigDecimal("0E+5")));
        assertEquals(Values.hash(new BigDecimal("9000")), Values.hash(new BigDecimal("9E+3")));
        assertEquals(Values.hash(new BigDecimal("-908.000")), Values.hash(BigDecimal.valueOf(-908)));
        assertTrue(Values.hash(new BigDecimal("908")) != Values.hash(new BigDecimal("-908")));
    }

    /** A decimal of 1 to 30 digits at a scale from -5 to 25, often with trailing zeros. */
    private static BigDecimal draw(Random r) {
        int digits = 1 + r.nextInt(r.nextBoolean() ? 16 : 30);
        StringBuilder sb = new StringBuilder();
        if (r.nextBoolean()) sb.append('-');
        sb.append((char) ('1' + r.nextInt(9)));
        int zerosFrom = r.nextInt(4) == 0 ? r.nextInt(digits) : digits;
        for (int k = 1; k < digits; k++) sb.append(k >= zerosFrom ? '0' : (char) ('0' + r.nextInt(10)));
        return new BigDecimal(new BigInteger(sb.toString()), r.nextInt(31) - 5);
    }
}
