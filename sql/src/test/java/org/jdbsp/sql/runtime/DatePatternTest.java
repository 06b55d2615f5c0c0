package org.jdbsp.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/** DATE_FORMAT's compiled patterns write what {@link DateTimeFormatter} writes, on the fast path and off it. */
class DatePatternTest {
    private static final String[] PATTERNS = {"yyyy-MM-dd", "HH:mm", "yyyy-MM-dd HH:mm:ss.SSS", "dd/MM/yyyy",
            "yyyyMMdd", "HH", "ss.SSS", "yy-MM", "yyyy-MM-dd'T'HH", "MMM d, yyyy", "", "-"};

    @Test
    void writesWhatTheFormatterWrites() {
        long seed = 61207L;
        Random r = new Random(seed);
        long[] edges = {0, -1, 1, 86_399_999, 86_400_000, -86_400_000, 951_782_400_000L /* 2000-02-29 */,
                -62_135_596_800_000L /* 0001-01-01 */, -62_135_596_800_001L, 253_402_300_799_999L /* 9999-12-31 */,
                253_402_300_800_000L, 4_102_444_800_000L /* 2100-01-01 */};
        for (String pattern : PATTERNS) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            DatePattern p = DatePattern.of(pattern);
            for (int i = 0; i < 20_000 + edges.length; i++) {
                long ms = i < edges.length ? edges[i]
                        : i % 2 == 0 ? r.nextLong() % 400_000_000_000_000L : r.nextLong() % 5_000_000_000_000L;
                String expected = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L),
                        (int) Math.floorMod(ms, 1000L) * 1_000_000, ZoneOffset.UTC).format(f);
                assertEquals(expected, p.format(ms), pattern + " at " + ms + " ms (seed " + seed + ")");
            }
        }
    }

    /**
     * Two workers formatting the two halves of a step's rows at once, in adjacent minutes: each keeps getting the
     * text remembered for its minute (the same String), neither evicts the other's.
     */
    @Test
    void timesInAdjacentIntervalsKeepTheirTexts() {
        DatePattern p = DatePattern.of("HH:mm");
        long a = 1_436_918_400_000L + 17 * 60_000L;
        long b = a + 60_000L;
        String ta = p.format(a);
        String tb = p.format(b);
        assertEquals("00:17", ta);
        assertEquals("00:18", tb);
        for (long d = 0; d < 60_000; d += 997) {
            assertSame(ta, p.format(a + d), "at +" + d + " ms");
            assertSame(tb, p.format(b + d), "at +" + d + " ms");
        }
    }

    /**
     * Times close together, mostly in order as event times are, and now and then back or across a year: the
     * text remembered for the last interval is reused only within it.
     */
    @Test
    void timesInOrderReuseTheLastTextOnlyWithinItsInterval() {
        long seed = 61208L;
        Random r = new Random(seed);
        for (String pattern : PATTERNS) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            DatePattern p = DatePattern.of(pattern);
            long ms = 1_436_918_400_000L; // 2015-07-15
            for (int i = 0; i < 50_000; i++) {
                int kind = r.nextInt(100);
                ms += kind < 80 ? r.nextInt(2_000) : kind < 95 ? r.nextInt(200_000) - 50_000
                        : kind < 99 ? r.nextInt(8_000_000) - 2_000_000 : r.nextLong() % 40_000_000_000L;
                String expected = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L),
                        (int) Math.floorMod(ms, 1000L) * 1_000_000, ZoneOffset.UTC).format(f);
                assertEquals(expected, p.format(ms), pattern + " at " + ms + " ms, draw " + i + " (seed " + seed
                        + ")");
            }
        }
    }
}
