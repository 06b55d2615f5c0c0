package org.jdbsp.operators.window;

/** Time arithmetic shared by the session-window nodes. */
final class SessionTimes {
    private SessionTimes() {
    }

    /** True when {@code a <= b} and {@code b - a < gap}, without overflow ({@code gap > 0}). */
    static boolean near(long a, long b, long gap) {
        return b >= a && Long.compareUnsigned(b - a, gap) < 0;
    }
}
