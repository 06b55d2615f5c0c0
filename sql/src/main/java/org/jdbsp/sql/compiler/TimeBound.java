package org.jdbsp.sql.compiler;

/**
 * What the plan knows of a column of an event-time table's descendants: every change that can still reach it has
 * a value at least {@code W + offset}, where {@code W} is table {@code table}'s watermark at the start of the step
 * (the table ignores changes below it). A grouping by such a column can drop every group below that bound: no
 * change will reach it again. Internal.
 *
 * @param table  the name of the table whose watermark bounds the column
 * @param offset added to the watermark (negative for a window's start, which lies before its rows' times)
 */
record TimeBound(String table, long offset) {
    /** The same bound moved by {@code delta}, or null when that overflows. */
    TimeBound plus(long delta) {
        long o = offset + delta;
        return ((offset ^ o) & (delta ^ o)) < 0 ? null : new TimeBound(table, o);
    }
}
