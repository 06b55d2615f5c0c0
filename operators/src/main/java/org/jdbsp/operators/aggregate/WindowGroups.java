package org.jdbsp.operators.aggregate;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.ToLongFunction;
import org.jdbsp.operators.spi.KeySpace;
import org.jdbsp.operators.spi.LongKeySpace;
import org.jdbsp.operators.spi.MinHeap;
import org.jdbsp.operators.spi.RowKey;
import org.jdbsp.operators.window.Windowed;

/**
 * The groups of a windowed aggregate ({@code GROUP BY window, key}), numbered without allocating per row: a
 * window {@code [start, end)} gets an id in a space of {@code long} pairs, the row's key an id from its own
 * {@link RowKey} ({@code long} or object), and the group the id of the pair (window id, key id). Windows and keys
 * are reference-counted by their groups and released with the last one.
 *
 * <p>Expiry: each window is entered in a min-heap by its end; {@link #expire} pops the windows that end at or before
 * a watermark and hands every group of each to the aggregate to drop (a window's groups form a linked list by group
 * id), O(groups dropped + log windows). A row for a window that ends at or before a watermark already applied fails,
 * naming the window.
 *
 * <p>Cost per row: three lookups (window, key, group), or two when the key determines the window
 * ({@link #ofKeyWindows}), no allocation once the arrays have grown.
 */
final class WindowGroups<T> {
    private final RowKey<T> inner;
    private final KeySpace innerSpace;
    private final LongKeySpace windows = LongKeySpace.pairs();
    private final LongKeySpace groups = LongKeySpace.pairs();
    private int[] windowRefs = new int[16];
    private int[] firstGroup = new int[16];
    private int[] innerRefs = new int[16];
    private int[] prev = new int[16];
    private int[] next = new int[16];
    /**
     * Whether each key has one window, a function of the key ({@link #ofKeyWindows}): the group is the key itself,
     * with no (window, key) pair to look up; {@link #keyWindow} holds each key's window.
     */
    private final boolean byKey;
    private int[] keyWindow = new int[16];
    /** Windows by end. */
    private final MinHeap ends = new MinHeap();
    private long droppedThrough = Long.MIN_VALUE;
    /** The window of a row that carries it in its own columns; null when rows are {@link Windowed}. */
    private final ToLongFunction<? super T> startOf;
    private final ToLongFunction<? super T> endOf;

    /** Groups of {@link Windowed} rows. */
    WindowGroups(RowKey<T> inner) {
        this(inner, null, null);
    }

    /** Groups of rows that carry their window: {@code [startOf(row), endOf(row))}. */
    WindowGroups(RowKey<T> inner, ToLongFunction<? super T> startOf, ToLongFunction<? super T> endOf) {
        this(inner, startOf, endOf, false);
    }

    private WindowGroups(RowKey<T> inner, ToLongFunction<? super T> startOf, ToLongFunction<? super T> endOf,
                         boolean byKey) {
        this.inner = inner;
        this.innerSpace = inner.space();
        this.startOf = startOf;
        this.endOf = endOf;
        this.byKey = byKey;
    }

    /**
     * Groups of rows that carry their window, where every row of a key has the same window (the key determines it):
     * each key is its own group, numbered in the key's space, so a row costs two lookups (window, key) instead of
     * three. A row of a known key in another window fails, naming both.
     */
    static <T> WindowGroups<T> ofKeyWindows(RowKey<T> inner, ToLongFunction<? super T> startOf,
                                            ToLongFunction<? super T> endOf) {
        return new WindowGroups<>(inner, startOf, endOf, true);
    }

    KeySpace groups() {
        return byKey ? innerSpace : groups;
    }

    /** The group of a row (a {@link Windowed}, or a row carrying its window) of the aggregate's input. */
    @SuppressWarnings("unchecked")
    int idOf(Object row) {
        if (startOf == null) {
            Windowed<T> w = (Windowed<T>) row;
            return id(w.start(), w.end(), w.row());
        }
        T r = (T) row;
        return id(startOf.applyAsLong(r), endOf.applyAsLong(r), r);
    }

    /** The row key whose lookups {@link #idOf} makes (the windows' own space is small). */
    RowKey<T> inner() {
        return inner;
    }

    /** The row whose key {@link #idOf} looks up in {@link #inner}. */
    @SuppressWarnings("unchecked")
    T keyed(Object row) {
        return startOf == null ? ((Windowed<T>) row).row() : (T) row;
    }

    /** The group of window {@code [start, end)} and {@code row}'s key, adding what is new. */
    private int id(long start, long end, T row) {
        if (end <= droppedThrough) {
            throw new IllegalStateException("window aggregate: a change for window [" + start + ", " + end
                    + ") arrived after windows ending at or before watermark " + droppedThrough + " were dropped; "
                    + "filter the input with the Watermarks.withLateness that produced the watermark");
        }
        int windowsBefore = windows.size();
        int w = windows.id(start, end);
        boolean newWindow = windows.size() != windowsBefore;
        if (newWindow) {
            addWindow(w, end);
        }
        int innersBefore = innerSpace.size();
        int k;
        try {
            k = inner.id(row);
        } catch (RuntimeException e) {
            if (newWindow) {
                windows.release(w);
            }
            throw e;
        }
        if (byKey) {
            return keyGroup(w, k, innerSpace.size() != innersBefore, newWindow);
        }
        if (innerSpace.size() != innersBefore) {
            innerRefs = grow(innerRefs, k);
            innerRefs[k] = 0;
        }
        return group(w, k);
    }

    /** The group of key id {@code k} in window {@code w} when the key determines the window: {@code k} itself. */
    private int keyGroup(int w, int k, boolean newKey, boolean newWindow) {
        if (newKey) {
            keyWindow = grow(keyWindow, k);
            keyWindow[k] = w;
            link(k, w);
            windowRefs[w]++;
        } else if (keyWindow[k] != w) {
            if (newWindow) {
                windows.release(w);
            }
            throw new IllegalStateException("window aggregate: key " + innerSpace.describe(k) + " has rows in window ["
                    + windows.first(keyWindow[k]) + ", " + windows.second(keyWindow[k]) + ") and in another; "
                    + "its window must be a function of the key");
        }
        return k;
    }

    /** The group of window id {@code w} and key id {@code k}, adding it if new. */
    private int group(int w, int k) {
        int groupsBefore = groups.size();
        int g = groups.id(w, k);
        if (groups.size() != groupsBefore) {
            link(g, w);
            windowRefs[w]++;
            innerRefs[k]++;
        }
        return g;
    }

    private void addWindow(int w, long end) {
        windowRefs = grow(windowRefs, w);
        firstGroup = grow(firstGroup, w);
        windowRefs[w] = 0;
        firstGroup[w] = -1;
        ends.push(end, w, 0);
    }

    private void link(int g, int w) {
        prev = grow(prev, g);
        next = grow(next, g);
        int head = firstGroup[w];
        prev[g] = -1;
        next[g] = head;
        if (head >= 0) {
            prev[head] = g;
        }
        firstGroup[w] = g;
    }

    /** Releases group {@code g}, and its window and key when it was their last group. */
    void release(int g) {
        int w = windowOf(g);
        int k = keyId(g);
        if (prev[g] >= 0) {
            next[prev[g]] = next[g];
        } else {
            firstGroup[w] = next[g];
        }
        if (next[g] >= 0) {
            prev[next[g]] = prev[g];
        }
        if (byKey) {
            innerSpace.release(k);
            if (--windowRefs[w] == 0) {
                windows.release(w);
            }
            return;
        }
        groups.release(g);
        if (--windowRefs[w] == 0) {
            windows.release(w);
        }
        if (--innerRefs[k] == 0) {
            innerSpace.release(k);
        }
    }

    /** Hands every group of every window ending at or before {@code watermark} to {@code evict}, then releases it. */
    void expire(long watermark, IntConsumer evict) {
        while (!ends.isEmpty() && ends.peekKey() <= watermark) {
            long end = ends.peekKey();
            int w = ends.peekValue();
            ends.pop();
            if (!windows.isLive(w) || windows.second(w) != end) {
                continue; // released earlier (its groups all went), perhaps reused by another window
            }
            for (int g = firstGroup[w]; g >= 0; ) {
                int after = next[g];
                evict.accept(g);
                release(g);
                g = after;
            }
        }
        if (watermark > droppedThrough) {
            droppedThrough = watermark;
        }
    }

    /** The window id of group {@code g}. */
    private int windowOf(int g) {
        return byKey ? keyWindow[g] : (int) groups.first(g);
    }

    long start(int g) {
        return windows.first(windowOf(g));
    }

    long end(int g) {
        return windows.second(windowOf(g));
    }

    /** The id of group {@code g}'s key in the key space of the row key. */
    int keyId(int g) {
        return byKey ? g : (int) groups.second(g);
    }

    int shardHash(Windowed<T> row) {
        return inner.shardHash(row.row());
    }

    /** The shard of a row that carries its window: its key's. */
    int shardHashOfRow(T row) {
        return inner.shardHash(row);
    }

    private static int[] grow(int[] a, int index) {
        return index < a.length ? a : Arrays.copyOf(a, Math.max(index + 1, a.length * 2));
    }

    /** The hash an exchange routes group {@code g} by: its key's (windows are not routed). */
    int shardHashOfGroup(int g) {
        return innerSpace.shardHash(keyId(g));
    }

    /** Writes group {@code g}'s window and key, for a checkpoint. */
    void writeGroup(int g, org.jdbsp.circuit.state.StateWriter out) {
        int w = windowOf(g);
        out.writeLong(windows.first(w));
        out.writeLong(windows.second(w));
        innerSpace.writeKey(keyId(g), out);
    }

    /** Reads a group {@link #writeGroup} wrote and returns its id here, adding its window and key. */
    int readGroup(org.jdbsp.circuit.state.StateReader in) {
        long start = in.readLong();
        long end = in.readLong();
        int windowsBefore = windows.size();
        int w = windows.id(start, end);
        if (windows.size() != windowsBefore) {
            addWindow(w, end);
        }
        int innersBefore = innerSpace.size();
        int k = innerSpace.readKey(in);
        if (byKey) {
            return keyGroup(w, k, innerSpace.size() != innersBefore, false);
        }
        if (innerSpace.size() != innersBefore) {
            innerRefs = grow(innerRefs, k);
            innerRefs[k] = 0;
        }
        return group(w, k);
    }

    /** The end through which windows were dropped (changes there fail). */
    void writeState(org.jdbsp.circuit.state.StateWriter out) {
        out.writeLong(droppedThrough);
    }

    /** Reads the end through which windows were dropped; of several saved workers', the latest. */
    void readState(org.jdbsp.circuit.state.StateReader in) {
        droppedThrough = Math.max(droppedThrough, in.readLong());
    }
}
