package org.jdbsp.operators.window;

import java.util.Arrays;

/**
 * One key's current sessions for session windows: a sorted map {@code start -> (last, count)} (start and last
 * the first and last present times of the session, count its summed weights), stored without boxing as a treap
 * on parallel primitive arrays (priority: a hash of the start).
 *
 * <p>Cost: {@link #floor}, {@link #lower}, {@link #put}, {@link #remove} expected O(log n). Node indexes are
 * valid until the next modification. Not thread-safe.
 */
final class SessionSpans {
    private long[] start;
    private long[] last;
    private long[] count;
    private int[] prio;
    private int[] left;
    private int[] right;
    private int root = -1;
    private int size;
    private int used;
    private int free = -1;

    SessionSpans() {
        allocate(2);
    }

    private void allocate(int capacity) {
        start = start == null ? new long[capacity] : Arrays.copyOf(start, capacity);
        last = last == null ? new long[capacity] : Arrays.copyOf(last, capacity);
        count = count == null ? new long[capacity] : Arrays.copyOf(count, capacity);
        prio = prio == null ? new int[capacity] : Arrays.copyOf(prio, capacity);
        left = left == null ? new int[capacity] : Arrays.copyOf(left, capacity);
        right = right == null ? new int[capacity] : Arrays.copyOf(right, capacity);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long startAt(int node) {
        return start[node];
    }

    long lastAt(int node) {
        return last[node];
    }

    long countAt(int node) {
        return count[node];
    }

    /** The node of the session with the largest start {@code <= t}, or -1. */
    int floor(long t) {
        int x = root;
        int best = -1;
        while (x >= 0) {
            if (start[x] <= t) {
                best = x;
                x = right[x];
            } else {
                x = left[x];
            }
        }
        return best;
    }

    /** The node of the session with the largest start {@code < t}, or -1. */
    int lower(long t) {
        int x = root;
        int best = -1;
        while (x >= 0) {
            if (start[x] < t) {
                best = x;
                x = right[x];
            } else {
                x = left[x];
            }
        }
        return best;
    }

    /** The node of the first session, or -1 when empty. */
    int first() {
        int x = root;
        if (x < 0) {
            return -1;
        }
        while (left[x] >= 0) {
            x = left[x];
        }
        return x;
    }

    /** Sets the session starting at {@code s}. */
    void put(long s, long l, long c) {
        int x = root;
        while (x >= 0) {
            if (start[x] == s) {
                last[x] = l;
                count[x] = c;
                return;
            }
            x = s < start[x] ? left[x] : right[x];
        }
        root = insert(root, newNode(s, l, c));
        size++;
    }

    /** Removes the session starting at {@code s}, if any. */
    void remove(long s) {
        int x = root;
        while (x >= 0 && start[x] != s) {
            x = s < start[x] ? left[x] : right[x];
        }
        if (x >= 0) {
            root = delete(root, s);
            size--;
        }
    }

    private int newNode(long s, long l, long c) {
        int x;
        if (free >= 0) {
            x = free;
            free = left[x];
        } else {
            if (used == start.length) {
                allocate(used * 2);
            }
            x = used++;
        }
        start[x] = s;
        last[x] = l;
        count[x] = c;
        prio[x] = priority(s);
        left[x] = -1;
        right[x] = -1;
        return x;
    }

    private static int priority(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private int insert(int x, int n) {
        if (x < 0) {
            return n;
        }
        if (start[n] < start[x]) {
            int l = insert(left[x], n);
            left[x] = l;
            if (prio[l] > prio[x]) {
                left[x] = right[l];
                right[l] = x;
                return l;
            }
        } else {
            int r = insert(right[x], n);
            right[x] = r;
            if (prio[r] > prio[x]) {
                right[x] = left[r];
                left[r] = x;
                return r;
            }
        }
        return x;
    }

    private int delete(int x, long s) {
        if (start[x] == s) {
            int merged = merge(left[x], right[x]);
            left[x] = free;
            free = x;
            return merged;
        }
        if (s < start[x]) {
            left[x] = delete(left[x], s);
        } else {
            right[x] = delete(right[x], s);
        }
        return x;
    }

    private int merge(int a, int b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        if (prio[a] > prio[b]) {
            right[a] = merge(right[a], b);
            return a;
        }
        left[b] = merge(a, left[b]);
        return b;
    }
}
