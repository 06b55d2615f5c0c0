package org.jdbsp.operators;

import java.util.Map;
import java.util.TreeMap;

/**
 * Navigation over one key's event times for session windows: the committed multiset {@code base}
 * (time -> {weight}) optionally overlaid with a change {@code d} (time -> {weight delta}), read without
 * modifying either. A time is present when its weight is {@code > 0}.
 */
final class SessionTimes {
    private SessionTimes() {
    }

    static long weight(TreeMap<Long, long[]> base, TreeMap<Long, long[]> d, long t) {
        long w = 0;
        if (base != null) {
            long[] b = base.get(t);
            if (b != null) {
                w = b[0];
            }
        }
        if (d != null) {
            long[] x = d.get(t);
            if (x != null) {
                w = Math.addExact(w, x[0]);
            }
        }
        return w;
    }

    private static Long min(Long a, Long b) {
        return a == null ? b : b == null ? a : (a <= b ? a : b);
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : (a >= b ? a : b);
    }

    static Long nextPresent(TreeMap<Long, long[]> base, TreeMap<Long, long[]> d, long t) {
        Long x = t;
        do {
            long from = x;
            x = min(base == null ? null : base.higherKey(from), d == null ? null : d.higherKey(from));
        } while (x != null && weight(base, d, x) <= 0);
        return x;
    }

    static Long prevPresent(TreeMap<Long, long[]> base, TreeMap<Long, long[]> d, long t) {
        Long x = t;
        do {
            long from = x;
            x = max(base == null ? null : base.lowerKey(from), d == null ? null : d.lowerKey(from));
        } while (x != null && weight(base, d, x) <= 0);
        return x;
    }

    /** True when {@code a <= b} and {@code b - a < gap}, without overflow. */
    static boolean near(long a, long b, long gap) {
        long diff = b - a;
        return diff >= 0 && diff < gap;
    }

    /**
     * Adds to {@code found} (start -> {last, count}) the sessions of the view that have a present time within
     * {@code gap} of {@code c}; at most two. Cost O(size of those sessions * log n).
     */
    static void sessionsNear(TreeMap<Long, long[]> base, TreeMap<Long, long[]> d, long c, long gap,
                             TreeMap<Long, long[]> found) {
        Long p = weight(base, d, c) > 0 ? Long.valueOf(c) : prevPresent(base, d, c);
        if (p != null && near(p, c, gap)) {
            addSession(base, d, p, gap, found);
        }
        Long q = nextPresent(base, d, c);
        if (q != null && near(c, q, gap)) {
            addSession(base, d, q, gap, found);
        }
    }

    /** Adds the session containing the present time {@code p}, unless already found. */
    static void addSession(TreeMap<Long, long[]> base, TreeMap<Long, long[]> d, long p, long gap,
                           TreeMap<Long, long[]> found) {
        Map.Entry<Long, long[]> f = found.floorEntry(p);
        if (f != null && f.getValue()[0] >= p) {
            return;
        }
        long start = p;
        Long x;
        while ((x = prevPresent(base, d, start)) != null && near(x, start, gap)) {
            start = x;
        }
        long last = start;
        long count = weight(base, d, start);
        while ((x = nextPresent(base, d, last)) != null && near(last, x, gap)) {
            last = x;
            count = Math.addExact(count, weight(base, d, x));
        }
        found.put(start, new long[] {last, count});
    }

    /** The last present time of the session starting at the present time {@code start} of {@code base}. */
    static long sessionLast(TreeMap<Long, long[]> base, long start, long gap) {
        long last = start;
        Long x;
        while ((x = nextPresent(base, null, last)) != null && near(last, x, gap)) {
            last = x;
        }
        return last;
    }
}
