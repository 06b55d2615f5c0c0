package org.jdbsp.sql.compiler;

/**
 * What the plan knows of a column of an event-time table's descendants: every change that can still reach it has
 * a value at least {@code W + offset}, where {@code W} is table {@code table}'s watermark at the start of the step
 * (the table ignores changes below it). A grouping by such a column can drop every group below that bound: no
 * change will reach it again. Internal.
 *
 * <p>A column of days as text ({@code DATE_FORMAT(ts, 'yyyy-MM-dd')} of a bounded {@code ts}) is bounded too: every
 * change still to come is on a day that contains a time of at least {@code W + offset}; a day whose last
 * millisecond lies below that bound is done.
 *
 * @param table   the name of the table whose watermark bounds the column
 * @param offset  added to the watermark (negative for a window's start, which lies before its rows' times)
 * @param dayText whether the column holds days as {@code yyyy-MM-dd} text rather than times
 */
record TimeBound(String table, long offset, boolean dayText) {
    TimeBound(String table, long offset) {
        this(table, offset, false);
    }

    /** The same bound moved by {@code delta}, or null when that overflows or the column holds days. */
    TimeBound plus(long delta) {
        long o = offset + delta;
        return dayText || ((offset ^ o) & (delta ^ o)) < 0 ? null : new TimeBound(table, o);
    }

    /**
     * The time a row holds in column {@code column}, which this bound is for: the value itself, or for days written
     * as text the last millisecond of the day (the greatest time the group of that day holds).
     */
    java.util.function.ToLongFunction<org.jdbsp.sql.runtime.Tuple> timeOf(int column) {
        return dayText ? new DayEnd(column) : t -> t.getLong(column);
    }

    /**
     * {@link #lastMillisOfDay} of a column of days, remembering the last day read: the rows of a step fall on a
     * day or two, so the text is read once per change of day instead of once per row (Nexmark q16 read it for
     * every bid: 8% of its time). The remembered pair is immutable, so workers sharing the function see a whole
     * pair, an older one being merely a miss.
     */
    private static final class DayEnd implements java.util.function.ToLongFunction<org.jdbsp.sql.runtime.Tuple> {
        private record Last(String day, long millis) {
        }

        private final int column;
        /** The last day read and its last millisecond; null before the first. */
        private Last last;

        DayEnd(int column) {
            this.column = column;
        }

        @Override
        public long applyAsLong(org.jdbsp.sql.runtime.Tuple t) {
            String day = (String) t.get(column);
            Last l = last;
            if (l != null && (day == l.day() || day.equals(l.day()))) return l.millis();
            long millis = lastMillisOfDay(day);
            last = new Last(day, millis);
            return millis;
        }
    }

    /** The last millisecond of the day written {@code yyyy-MM-dd}: the greatest time the group of that day holds. */
    static long lastMillisOfDay(String day) {
        return Math.addExact(Math.multiplyExact(epochDay(day) + 1, 86_400_000L), -1);
    }

    /**
     * The day {@code yyyy-MM-dd} as days since 1970-01-01: read digit by digit (it is read for every row of a
     * grouping by day), anything else as {@link java.time.LocalDate#parse} reads it, with its errors.
     */
    static long epochDay(String day) {
        if (day.length() == 10 && day.charAt(4) == '-' && day.charAt(7) == '-') {
            int y = digits(day, 0, 4);
            int m = digits(day, 5, 7);
            int d = digits(day, 8, 10);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                try {
                    return java.time.LocalDate.of(y, m, d).toEpochDay();
                } catch (java.time.DateTimeException e) {
                    // a day the month lacks: refused below, with the parser's message
                }
            }
        }
        return java.time.LocalDate.parse(day).toEpochDay();
    }

    /** The number written in {@code s[from, to)}, or -1 if a character there is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
