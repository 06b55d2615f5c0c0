package org.jdbsp.nexmark.harness;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn with {@code \r} at most every 200 ms; or nothing at all when
 * disabled (CI logs). Drawing happens between timed steps, never inside them.
 */
final class Progress {
    private static final long INTERVAL_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private long lastDraw;
    private int lastLength;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Redraws if due: {@code label}, a bar of {@code done/total}, and {@code detail}. */
    void update(String label, long done, long total, String detail) {
        if (due(done, total)) {
            draw(label, done, total, detail);
        }
    }

    /**
     * Redraws if due, with {@code nanos} shown in seconds: formats nothing otherwise, so a timed loop that calls
     * it every step runs no formatting code (which the JIT would compile while the workers run).
     */
    void update(String label, long done, long total, long nanos) {
        if (due(done, total)) {
            draw(label, done, total, String.format(Locale.ROOT, "%.1f s", nanos / 1e9));
        }
    }

    private boolean due(long done, long total) {
        if (!enabled) {
            return false;
        }
        long now = System.nanoTime();
        if (now - lastDraw < INTERVAL_NANOS && done < total) {
            return false;
        }
        lastDraw = now;
        return true;
    }

    private void draw(String label, long done, long total, String detail) {
        int filled = total == 0 ? WIDTH : (int) (WIDTH * Math.min(done, total) / total);
        String line = String.format(Locale.ROOT, "%-14s [%s%s] %3d%% %,d/%,d %s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), total == 0 ? 100 : 100 * done / total, done, total, detail);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /** Erases the bar. */
    void clear() {
        if (enabled && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
            lastDraw = 0;
        }
    }
}
