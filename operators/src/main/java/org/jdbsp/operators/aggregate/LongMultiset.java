package org.jdbsp.operators.aggregate;

import java.util.Arrays;

/**
 * A sorted multiset of {@code long} values with non-zero {@code long} multiplicities (which may be negative),
 * stored without boxing: a treap on parallel primitive arrays, the priority of a node being a hash of its
 * value. The per-group state of {@code min}/{@code max} aggregates.
 *
 * <p>Cost: {@link #add}, {@link #count}, {@link #minNode}, {@link #nodeAfter} expected O(log n); about 36
 * bytes per distinct value. Node indexes are valid until the next {@link #add}. Not thread-safe.
 */
final class LongMultiset {
    private long[] key;
    private long[] cnt;
    private int[] left;
    private int[] right;
    private int root = -1;
    private int size;
    private int used;
    private int free = -1;
    private long total;

    LongMultiset() {
        allocate(2);
    }

    private void allocate(int capacity) {
        key = key == null ? new long[capacity] : Arrays.copyOf(key, capacity);
        cnt = cnt == null ? new long[capacity] : Arrays.copyOf(cnt, capacity);
        left = left == null ? new int[capacity] : Arrays.copyOf(left, capacity);
        right = right == null ? new int[capacity] : Arrays.copyOf(right, capacity);
    }

    /** Number of distinct values. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Sum of all multiplicities. */
    long total() {
        return total;
    }

    /** The multiplicity of {@code v}, 0 if absent. */
    long count(long v) {
        int t = find(v);
        return t < 0 ? 0 : cnt[t];
    }

    /**
     * Adds {@code c} to the multiplicity of {@code v}; a value whose multiplicity reaches 0 is removed.
     *
     * @throws ArithmeticException on overflow of the multiplicity or the total; nothing is changed then
     */
    void add(long v, long c) {
        if (c == 0) {
            return;
        }
        int t = find(v);
        long nt = Math.addExact(total, c);
        if (t >= 0) {
            long nc = Math.addExact(cnt[t], c);
            total = nt;
            if (nc == 0) {
                root = delete(root, v);
                size--;
            } else {
                cnt[t] = nc;
            }
        } else {
            total = nt;
            root = insert(root, newNode(v, c));
            size++;
        }
    }

    /** The node of the smallest value, or -1 when empty. */
    int minNode() {
        int t = root;
        if (t < 0) {
            return -1;
        }
        while (left[t] >= 0) {
            t = left[t];
        }
        return t;
    }

    /** The node of the smallest value greater than {@code v}, or -1. */
    int nodeAfter(long v) {
        int t = root;
        int best = -1;
        while (t >= 0) {
            if (key[t] > v) {
                best = t;
                t = left[t];
            } else {
                t = right[t];
            }
        }
        return best;
    }

    long valueAt(int node) {
        return key[node];
    }

    long countAt(int node) {
        return cnt[node];
    }

    private int find(long v) {
        int t = root;
        while (t >= 0 && key[t] != v) {
            t = v < key[t] ? left[t] : right[t];
        }
        return t;
    }

    private static int priority(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private int newNode(long v, long c) {
        int t;
        if (free >= 0) {
            t = free;
            free = left[t];
        } else {
            if (used == key.length) {
                allocate(used * 2);
            }
            t = used++;
        }
        key[t] = v;
        cnt[t] = c;
        left[t] = -1;
        right[t] = -1;
        return t;
    }

    private int insert(int t, int n) {
        if (t < 0) {
            return n;
        }
        if (key[n] < key[t]) {
            left[t] = insert(left[t], n);
            if (priority(key[left[t]]) > priority(key[t])) {
                int l = left[t];
                left[t] = right[l];
                right[l] = t;
                return l;
            }
        } else {
            right[t] = insert(right[t], n);
            if (priority(key[right[t]]) > priority(key[t])) {
                int r = right[t];
                right[t] = left[r];
                left[r] = t;
                return r;
            }
        }
        return t;
    }

    private int delete(int t, long v) {
        if (key[t] == v) {
            int merged = merge(left[t], right[t]);
            left[t] = free;
            free = t;
            return merged;
        }
        if (v < key[t]) {
            left[t] = delete(left[t], v);
        } else {
            right[t] = delete(right[t], v);
        }
        return t;
    }

    private int merge(int a, int b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        if (priority(key[a]) > priority(key[b])) {
            right[a] = merge(right[a], b);
            return a;
        }
        left[b] = merge(a, left[b]);
        return b;
    }
}
