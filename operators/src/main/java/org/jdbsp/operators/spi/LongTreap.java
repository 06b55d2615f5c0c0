package org.jdbsp.operators.spi;

import java.util.Arrays;

/**
 * A sorted map {@code long key -> (weight, aux)} stored without boxing as a treap on parallel primitive arrays
 * (priority: a hash of the key): the per-group state of operators that need order on {@code long}s (the values of
 * a min/max multiset, a session key's event times and its sessions). Weights are non-zero and may be negative; a key
 * is <em>present</em> when its weight is {@code > 0}; an entry whose weight reaches 0 is removed. Every subtree keeps
 * the sum of its positive weights, so the first/last present key in a range and the sum of present weights over a
 * range cost O(log n). {@code aux} is a payload the owner may set per entry.
 *
 * <p>Cost: {@link #weight}, {@link #add}, {@link #nodeAfter}, {@link #firstPresentAtLeast},
 * {@link #lastPresentAtMost}, {@link #sumPresent} expected O(log n); {@link #removeAtMost} O(log n + removed); about
 * 44 bytes per entry. Node indexes are valid until the next modification. Not thread-safe.
 */
public final class LongTreap {
    /** A subtree sum that does not fit in a long. Real sums are never negative. */
    private static final long OVERFLOW = -1;

    private long[] key;
    private long[] weight;
    private long[] aux;
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
    /** The node the last {@link #add} created or changed (when it was not removed). */
    private int touchedNode;

    private final boolean sums;

    /** A treap keeping subtree sums of the positive weights (for the range queries on present keys). */
    public LongTreap() {
        this(true);
    }

    /**
     * @param sums whether to keep subtree sums of the positive weights; without them {@link #firstPresentAtLeast},
     *             {@link #lastPresentAtMost} and {@link #sumPresent} must not be used, and updates cost less
     */
    public LongTreap(boolean sums) {
        this.sums = sums;
        allocate(4);
    }

    private void allocate(int capacity) {
        key = key == null ? new long[capacity] : Arrays.copyOf(key, capacity);
        weight = weight == null ? new long[capacity] : Arrays.copyOf(weight, capacity);
        aux = aux == null ? null : Arrays.copyOf(aux, capacity); // allocated by the first put
        psum = !sums ? null : psum == null ? new long[capacity] : Arrays.copyOf(psum, capacity);
        prio = prio == null ? new int[capacity] : Arrays.copyOf(prio, capacity);
        left = left == null ? new int[capacity] : Arrays.copyOf(left, capacity);
        right = right == null ? new int[capacity] : Arrays.copyOf(right, capacity);
    }

    /** Number of entries (present or not). */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The node of {@code t}, or -1. */
    public int find(long t) {
        int x = root;
        while (x >= 0) {
            long k = key[x];
            if (t == k) {
                return x;
            }
            x = t < k ? left[x] : right[x];
        }
        return -1;
    }

    /** The weight of {@code t}, 0 if absent from the map. */
    public long weight(long t) {
        int x = find(t);
        return x < 0 ? 0 : weight[x];
    }

    /** The smallest key of the map (present or not); the map must not be empty. */
    public long min() {
        return key[minNode()];
    }

    /** The node of the smallest key, or -1 when empty. */
    public int minNode() {
        int x = root;
        if (x < 0) {
            return -1;
        }
        while (left[x] >= 0) {
            x = left[x];
        }
        return x;
    }

    /** The node of the smallest key greater than {@code t}, or -1. */
    public int nodeAfter(long t) {
        int x = root;
        int best = -1;
        while (x >= 0) {
            if (key[x] > t) {
                best = x;
                x = left[x];
            } else {
                x = right[x];
            }
        }
        return best;
    }

    public long keyAt(int node) {
        return key[node];
    }

    public long weightAt(int node) {
        return weight[node];
    }

    public long auxAt(int node) {
        return aux == null ? 0 : aux[node];
    }

    /** The node of the largest key {@code <= t} (present or not), or -1. */
    public int floor(long t) {
        int x = root;
        int best = -1;
        while (x >= 0) {
            if (key[x] <= t) {
                best = x;
                x = right[x];
            } else {
                x = left[x];
            }
        }
        return best;
    }

    /** Sets the entry of {@code t} to the positive weight {@code w} and {@code payload}, adding it if absent. */
    public void put(long t, long w, long payload) {
        if (aux == null) {
            aux = new long[key.length];
        }
        int x = find(t);
        if (x < 0) {
            add(t, w);
            x = touchedNode;
        } else if (weight[x] != w) {
            if (sums) {
                add(t, w - weight[x]); // the subtree sums on the path change too
            } else {
                weight[x] = w;
            }
        }
        aux[x] = payload;
    }

    /** Removes the entry of {@code t}, if any. */
    public void remove(long t) {
        int x = find(t);
        if (x >= 0) {
            add(t, -weight[x]);
        }
    }

    /**
     * Adds {@code dw} to the weight of {@code t} (the caller checked that it does not overflow); an entry whose
     * weight reaches 0 is removed. Returns the change in {@link #size()}: -1, 0 or 1.
     */
    public int add(long t, long dw) {
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
            touchedNode = newNode(t, dw);
            return touchedNode;
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
            touchedNode = x;
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
        if (aux != null) {
            aux[x] = 0;
        }
        if (sums) {
            psum[x] = w > 0 ? w : 0;
        }
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
        if (!sums) {
            return;
        }
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

    /** Removes every key {@code <= cut}; returns how many were removed. */
    public int removeAtMost(long cut) {
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

    /** The node of the smallest present key {@code >= a}, or -1. */
    public int firstPresentAtLeast(long a) {
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

    /** The node of the largest present key {@code <= b}, or -1. */
    public int lastPresentAtMost(long b) {
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
     * The sum of the positive weights of the keys in {@code [a, b]}.
     *
     * @throws ArithmeticException when it does not fit in a long
     */
    public long sumPresent(long a, long b) {
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

    /** Writes every entry (key, weight, and payload if any) in key order, for a checkpoint. */
    public void writeEntries(org.jdbsp.circuit.state.StateWriter out) {
        out.writeVarLong(size());
        out.writeBoolean(aux != null);
        for (int n = minNode(); n >= 0; n = nodeAfter(key[n])) {
            out.writeLong(key[n]);
            out.writeSignedVarLong(weight[n]);
            if (aux != null) {
                out.writeLong(aux[n]);
            }
        }
    }

    /** Adds the entries {@link #writeEntries} wrote (to an empty treap). Returns how many. */
    public int readEntries(org.jdbsp.circuit.state.StateReader in) {
        int n = in.readSize();
        boolean payload = in.readBoolean();
        for (int i = 0; i < n; i++) {
            long t = in.readLong();
            long w = in.readSignedVarLong();
            if (payload) {
                put(t, w, in.readLong());
            } else {
                add(t, w);
            }
        }
        return n;
    }
}
