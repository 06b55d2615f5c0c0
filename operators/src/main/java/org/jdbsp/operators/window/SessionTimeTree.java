package org.jdbsp.operators.window;

import java.util.Arrays;

/**
 * One key's event times for session windows: a sorted map {@code time -> weight} (weights non-zero, possibly
 * negative; a time is <em>present</em> when its weight is {@code > 0}), stored without boxing as a treap on
 * parallel primitive arrays (priority: a hash of the time). Every subtree keeps the sum of its positive weights,
 * so the first/last present time in a range and the sum of present weights over a range cost O(log n).
 *
 * <p>Cost: {@link #weight}, {@link #add}, {@link #firstPresentAtLeast}, {@link #lastPresentAtMost},
 * {@link #sumPresent} expected O(log n); {@link #removeAtMost} O(log n + removed). Node indexes are valid until
 * the next modification. Not thread-safe.
 */
final class SessionTimeTree {
    /** A subtree sum that does not fit in a long. Real sums are never negative. */
    private static final long OVERFLOW = -1;

    private long[] key;
    private long[] weight;
    private long[] psum;
    private int[] prio;
    private int[] left;
    private int[] right;
    private int root = -1;
    private int size;
    private int used;
    private int free = -1;
    private int splitLeft;
    private int splitRight;

    SessionTimeTree() {
        allocate(4);
    }

    private void allocate(int capacity) {
        key = key == null ? new long[capacity] : Arrays.copyOf(key, capacity);
        weight = weight == null ? new long[capacity] : Arrays.copyOf(weight, capacity);
        psum = psum == null ? new long[capacity] : Arrays.copyOf(psum, capacity);
        prio = prio == null ? new int[capacity] : Arrays.copyOf(prio, capacity);
        left = left == null ? new int[capacity] : Arrays.copyOf(left, capacity);
        right = right == null ? new int[capacity] : Arrays.copyOf(right, capacity);
    }

    /** Number of distinct times (present or not). */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The weight of {@code t}, 0 if absent from the map. */
    long weight(long t) {
        int x = root;
        while (x >= 0) {
            long k = key[x];
            if (t == k) {
                return weight[x];
            }
            x = t < k ? left[x] : right[x];
        }
        return 0;
    }

    /** The smallest time of the map (present or not); the map must not be empty. */
    long min() {
        int x = root;
        while (left[x] >= 0) {
            x = left[x];
        }
        return key[x];
    }

    long timeAt(int node) {
        return key[node];
    }

    /**
     * Adds {@code dw} to the weight of {@code t} (the caller checked that it does not overflow); a time whose
     * weight reaches 0 is removed. Returns the change in {@link #size()}: -1, 0 or 1.
     */
    int add(long t, long dw) {
        if (dw == 0) {
            return 0;
        }
        int before = size;
        root = update(root, t, dw);
        return size - before;
    }

    private int update(int x, long t, long dw) {
        if (x < 0) {
            size++;
            return newNode(t, dw);
        }
        long k = key[x];
        if (t == k) {
            long w = weight[x] + dw;
            if (w == 0) {
                int m = merge(left[x], right[x]);
                left[x] = free;
                free = x;
                size--;
                return m;
            }
            weight[x] = w;
            pull(x);
            return x;
        }
        if (t < k) {
            int l = update(left[x], t, dw);
            left[x] = l;
            if (l >= 0 && prio[l] > prio[x]) {
                left[x] = right[l];
                right[l] = x;
                pull(x);
                pull(l);
                return l;
            }
        } else {
            int r = update(right[x], t, dw);
            right[x] = r;
            if (r >= 0 && prio[r] > prio[x]) {
                right[x] = left[r];
                left[r] = x;
                pull(x);
                pull(r);
                return r;
            }
        }
        pull(x);
        return x;
    }

    private int newNode(long t, long w) {
        int x;
        if (free >= 0) {
            x = free;
            free = left[x];
        } else {
            if (used == key.length) {
                allocate(used * 2);
            }
            x = used++;
        }
        key[x] = t;
        weight[x] = w;
        psum[x] = w > 0 ? w : 0;
        prio[x] = priority(t);
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

    private long ps(int x) {
        return x < 0 ? 0 : psum[x];
    }

    private static long saturating(long a, long b) {
        if (a == OVERFLOW || b == OVERFLOW) {
            return OVERFLOW;
        }
        long r = a + b;
        return r < 0 ? OVERFLOW : r;
    }

    private void pull(int x) {
        long w = weight[x];
        psum[x] = saturating(saturating(ps(left[x]), w > 0 ? w : 0), ps(right[x]));
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
            pull(a);
            return a;
        }
        left[b] = merge(a, left[b]);
        pull(b);
        return b;
    }

    /** Removes every time {@code <= cut}; returns how many were removed. */
    int removeAtMost(long cut) {
        split(root, cut);
        root = splitRight;
        int removed = release(splitLeft);
        size -= removed;
        return removed;
    }

    /** Splits {@code x} into {@link #splitLeft} (times {@code <= cut}) and {@link #splitRight}. */
    private void split(int x, long cut) {
        if (x < 0) {
            splitLeft = -1;
            splitRight = -1;
            return;
        }
        if (key[x] <= cut) {
            split(right[x], cut);
            right[x] = splitLeft;
            pull(x);
            splitLeft = x;
        } else {
            split(left[x], cut);
            left[x] = splitRight;
            pull(x);
            splitRight = x;
        }
    }

    private int release(int x) {
        if (x < 0) {
            return 0;
        }
        int n = 1 + release(left[x]) + release(right[x]);
        left[x] = free;
        free = x;
        return n;
    }

    /** The node of the smallest present time {@code >= a}, or -1. */
    int firstPresentAtLeast(long a) {
        return firstAtLeast(root, a);
    }

    private int firstAtLeast(int x, long a) {
        while (x >= 0 && psum[x] != 0) {
            if (key[x] < a) {
                x = right[x];
                continue;
            }
            int r = firstAtLeast(left[x], a);
            if (r >= 0) {
                return r;
            }
            if (weight[x] > 0) {
                return x;
            }
            return leftmostPresent(right[x]);
        }
        return -1;
    }

    private int leftmostPresent(int x) {
        while (x >= 0 && psum[x] != 0) {
            int l = left[x];
            if (l >= 0 && psum[l] != 0) {
                x = l;
            } else if (weight[x] > 0) {
                return x;
            } else {
                x = right[x];
            }
        }
        return -1;
    }

    /** The node of the largest present time {@code <= b}, or -1. */
    int lastPresentAtMost(long b) {
        return lastAtMost(root, b);
    }

    private int lastAtMost(int x, long b) {
        while (x >= 0 && psum[x] != 0) {
            if (key[x] > b) {
                x = left[x];
                continue;
            }
            int r = lastAtMost(right[x], b);
            if (r >= 0) {
                return r;
            }
            if (weight[x] > 0) {
                return x;
            }
            return rightmostPresent(left[x]);
        }
        return -1;
    }

    private int rightmostPresent(int x) {
        while (x >= 0 && psum[x] != 0) {
            int r = right[x];
            if (r >= 0 && psum[r] != 0) {
                x = r;
            } else if (weight[x] > 0) {
                return x;
            } else {
                x = left[x];
            }
        }
        return -1;
    }

    /**
     * The sum of the positive weights of the times in {@code [a, b]}.
     *
     * @throws ArithmeticException when it does not fit in a long
     */
    long sumPresent(long a, long b) {
        int x = root;
        while (x >= 0) {
            if (key[x] < a) {
                x = right[x];
            } else if (key[x] > b) {
                x = left[x];
            } else {
                break;
            }
        }
        if (x < 0) {
            return 0;
        }
        long s = positive(weight[x]);
        for (int y = left[x]; y >= 0; ) {
            if (key[y] >= a) {
                s = exact(exact(s, positive(weight[y])), ps(right[y]));
                y = left[y];
            } else {
                y = right[y];
            }
        }
        for (int y = right[x]; y >= 0; ) {
            if (key[y] <= b) {
                s = exact(exact(s, positive(weight[y])), ps(left[y]));
                y = right[y];
            } else {
                y = left[y];
            }
        }
        return s;
    }

    private static long positive(long w) {
        return w > 0 ? w : 0;
    }

    private static long exact(long s, long v) {
        if (v == OVERFLOW) {
            throw new ArithmeticException("long overflow");
        }
        return Math.addExact(s, v);
    }
}
