package org.jdbsp.sql.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A day written {@code yyyy-MM-dd} is read as {@link LocalDate#parse} reads it, and refused as it refuses it. */
class TimeBoundTest {
    @Test
    void readsEveryDayAsTheParserDoes() {
        for (long day = LocalDate.of(1, 1, 1).toEpochDay(); day <= LocalDate.of(9999, 12, 31).toEpochDay(); day += 7) {
            String text = LocalDate.ofEpochDay(day).toString();
            assertEquals(day, TimeBound.epochDay(text), text);
            assertEquals((day + 1) * 86_400_000L - 1, TimeBound.lastMillisOfDay(text), text);
        }
        for (String text : new String[] {"2024-02-29", "2000-02-29", "1970-01-01", "1969-12-31", "2026-12-31"}) {
            assertEquals(LocalDate.parse(text).toEpochDay(), TimeBound.epochDay(text), text);
        }
    }

    @Test
    void theTimeOfADayColumnIsItsLastMillisecondWhateverTheOrderOfTheDays() {
        java.util.function.ToLongFunction<org.jdbsp.sql.runtime.Tuple> f =
                new TimeBound("t", 0, true).timeOf(1);
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            // runs of one day, as equal and as distinct String objects, then another day
            long day = 20_000 + r.nextInt(i % 3 == 0 ? 2 : 40);
            String text = r.nextBoolean() ? LocalDate.ofEpochDay(day).toString()
                    : new String(LocalDate.ofEpochDay(day).toString().toCharArray());
            long got = f.applyAsLong(org.jdbsp.sql.runtime.Tuple.of(new Object[] {1L, text}));
            assertEquals((day + 1) * 86_400_000L - 1, got, text + " (seed 7, row " + i + ")");
        }
        f.applyAsLong(org.jdbsp.sql.runtime.Tuple.of(new Object[] {1L, "2026-01-01"}));
        assertThrows(DateTimeParseException.class,
                () -> f.applyAsLong(org.jdbsp.sql.runtime.Tuple.of(new Object[] {1L, "2026-01-32"})));
        assertThrows(DateTimeParseException.class,
                () -> f.applyAsLong(org.jdbsp.sql.runtime.Tuple.of(new Object[] {1L, ""})));
    }

    @Test
    void refusesWhatTheParserRefuses() {
        for (String text : new String[] {"2023-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
                "2026-1-01", "2026/01/01", "20a6-01-01", "+2026-01-01", ""}) {
            assertThrows(DateTimeParseException.class, () -> TimeBound.epochDay(text), text);
        }
    }
}
