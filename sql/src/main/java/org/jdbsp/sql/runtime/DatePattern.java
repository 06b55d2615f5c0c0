package org.jdbsp.sql.runtime;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code DATE_FORMAT} pattern, compiled once. A pattern made only of {@code yyyy}, {@code MM}, {@code dd},
 * {@code HH}, {@code mm}, {@code ss}, {@code SSS} and characters other than letters and quotes (the patterns of
 * streaming queries: {@code 'yyyy-MM-dd'}, {@code 'HH:mm'}) is written by integer arithmetic into one char array,
 * the text {@link DateTimeFormatter} writes for years 1 to 9999; any other pattern, or year, goes through the
 * formatter. The fast path remembers its last texts, each with the interval of times that share it (the minute of
 * {@code 'HH:mm'}, the day of {@code 'yyyy-MM-dd'}), in {@value #RECENT} slots by the interval's number, so
 * consecutive intervals never evict each other: a stream of times in order, as event times are, makes one String
 * per interval, not per call, even when workers format the two halves of a step's rows at once. Cost: up to
 * {@value #RECENT} comparisons of two longs when the time falls in a remembered interval, one String and one small
 * object when it does not.
 */
final class DatePattern {
    private static final char YEAR = 'y';
    private static final char MONTH = 'M';
    private static final char DAY = 'd';
    private static final char HOUR = 'H';
    private static final char MINUTE = 'm';
    private static final char SECOND = 's';
    private static final char MILLI = 'S';

    private final DateTimeFormatter formatter;
    /** The fast path's tokens: a field letter, or 0 for the literal at the same index; null when it does not apply. */
    private final char[] fields;
    private final char[] literals;
    private final int length;
    /** Milliseconds from one text to the next on the fast path: the unit of the pattern's finest field. */
    private final long unit;
    /** Slots of remembered texts (a power of two). */
    static final int RECENT = 4;
    /** The last texts written, interval {@code n} in slot {@code n % RECENT}; at first empty intervals. */
    private final Last[] recent = new Last[RECENT];

    /**
     * A text and the interval of times it is the text of. Immutable: threads formatting with one pattern share
     * the slots of {@link #recent} without locks, each seeing a whole interval (an older one is merely a miss).
     */
    private record Last(long from, long to, String text) {
    }

    private DatePattern(DateTimeFormatter formatter, char[] fields, char[] literals, int length) {
        this.formatter = formatter;
        this.fields = fields;
        this.literals = literals;
        this.length = length;
        this.unit = fields == null ? 1 : unitOf(fields);
        java.util.Arrays.fill(recent, new Last(0, 0, null));
    }

    /** The unit of the finest field among {@code fields}: a day when none is finer (or there is none). */
    private static long unitOf(char[] fields) {
        long unit = 86_400_000L;
        for (char f : fields) {
            switch (f) {
                case HOUR: unit = Math.min(unit, 3_600_000L); break;
                case MINUTE: unit = Math.min(unit, 60_000L); break;
                case SECOND: unit = Math.min(unit, 1_000L); break;
                case MILLI: unit = 1; break;
                default: break;
            }
        }
        return unit;
    }

    /** Compiles {@code pattern}; throws {@link IllegalArgumentException} if the formatter refuses it. */
    static DatePattern of(String pattern) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        List<Character> fields = new ArrayList<>();
        List<Character> literals = new ArrayList<>();
        int length = 0;
        for (int i = 0; i < pattern.length(); ) {
            char c = pattern.charAt(i);
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) run++;
            int width = widthOf(c);
            if (width > 0 && run == width) {
                fields.add(c);
                literals.add('\0');
                length += width;
                i += run;
            } else if (Character.isLetter(c) || c == '\'' || c == '[' || c == ']' || c == '{' || c == '}'
                    || c == '#') {
                return new DatePattern(f, null, null, 0); // not a pattern the fast path writes
            } else {
                fields.add('\0');
                literals.add(c);
                length++;
                i++;
            }
        }
        char[] fs = new char[fields.size()];
        char[] ls = new char[fields.size()];
        for (int k = 0; k < fs.length; k++) {
            fs[k] = fields.get(k);
            ls[k] = literals.get(k);
        }
        return new DatePattern(f, fs, ls, length);
    }

    private static int widthOf(char c) {
        switch (c) {
            case YEAR: return 4;
            case MONTH: case DAY: case HOUR: case MINUTE: case SECOND: return 2;
            case MILLI: return 3;
            default: return 0;
        }
    }

    /** The time {@code ms} milliseconds after 1970-01-01 00:00:00 (no time zone) as text. */
    String format(long ms) {
        if (fields == null) return formatted(ms);
        Last[] r = recent;
        for (int i = 0; i < RECENT; i++) {
            Last l = r[i];
            if (ms >= l.from && ms < l.to) return l.text;
        }
        long days = Math.floorDiv(ms, 86_400_000L);
        int msOfDay = (int) Math.floorMod(ms, 86_400_000L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        int year = date.getYear();
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        if (year < 1 || year > 9999) return formatted(ms);
        char[] out = new char[length];
        int at = 0;
        for (int k = 0; k < fields.length; k++) {
            switch (fields[k]) {
                case YEAR: at = digits(out, at, year, 4); break;
                case MONTH: at = digits(out, at, month, 2); break;
                case DAY: at = digits(out, at, day, 2); break;
                case HOUR: at = digits(out, at, msOfDay / 3_600_000, 2); break;
                case MINUTE: at = digits(out, at, msOfDay / 60_000 % 60, 2); break;
                case SECOND: at = digits(out, at, msOfDay / 1000 % 60, 2); break;
                case MILLI: at = digits(out, at, msOfDay % 1000, 3); break;
                default: out[at++] = literals[k]; break;
            }
        }
        String text = new String(out);
        long n = Math.floorDiv(ms, unit);
        long from = n * unit; // years 1 to 9999: no overflow
        r[(int) (n & (RECENT - 1))] = new Last(from, from + unit, text);
        return text;
    }

    /** {@code ms} as the formatter writes it. */
    private String formatted(long ms) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L), (int) Math.floorMod(ms, 1000L) * 1_000_000,
                ZoneOffset.UTC).format(formatter);
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
