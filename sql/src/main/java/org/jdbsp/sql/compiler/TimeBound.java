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
        return dayText ? t -> lastMillisOfDay((String) t.get(column)) : t -> t.getLong(column);
    }

    /** The last millisecond of the day written {@code yyyy-MM-dd}: the greatest time the group of that day holds. */
    static long lastMillisOfDay(String day) {
        return Math.addExact(Math.multiplyExact(java.time.LocalDate.parse(day).toEpochDay() + 1, 86_400_000L), -1);
    }
}
