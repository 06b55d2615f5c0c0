package org.jdbsp.operators.spi;

import java.util.Arrays;

/**
 * A binary min-heap of ({@code long} key, {@code int} value, {@code int} tag) entries on primitive arrays, for
 * operators that expire state in time order (windows by end, session keys by the time they may have something to
 * drop); the tag lets an owner recognise an entry made stale since it was pushed. Cost: {@link #push} and
 * {@link #pop} O(log n), no allocation except growth. Not thread-safe.
 */
public final class MinHeap {
    private long[] keys = new long[16];
    private int[] values = new int[16];
    private int[] tags = new int[16];
    private int size;

    public boolean isEmpty() {
        return size == 0;
    }

    public long peekKey() {
        return keys[0];
    }

    public int peekValue() {
        return values[0];
    }

    public int peekTag() {
        return tags[0];
    }

    public void push(long key, int value, int tag) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
            tags = Arrays.copyOf(tags, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, key, value, tag);
    }

    /** Removes the entry with the smallest key; the heap must not be empty. */
    public void pop() {
        int n = --size;
        long key = keys[n];
        int value = values[n];
        int tag = tags[n];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && keys[c + 1] < keys[c]) {
                c++;
            }
            if (keys[c] >= key) {
                break;
            }
            move(c, i);
            i = c;
        }
        set(i, key, value, tag);
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        values[to] = values[from];
        tags[to] = tags[from];
    }

    private void set(int i, long key, int value, int tag) {
        keys[i] = key;
        values[i] = value;
        tags[i] = tag;
    }

    /** Number of entries; with {@link #keyAt} and friends, to read them all (in no particular order). */
    public int size() {
        return size;
    }

    public long keyAt(int i) {
        return keys[i];
    }

    public int valueAt(int i) {
        return values[i];
    }

    public int tagAt(int i) {
        return tags[i];
    }
}
