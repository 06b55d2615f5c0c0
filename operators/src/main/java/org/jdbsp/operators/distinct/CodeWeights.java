package org.jdbsp.operators.distinct;

import java.util.Arrays;
import org.jdbsp.operators.spi.Checked;

/**
 * A hash table from codes of one or two {@code long}s to non-zero {@code long} weights, each entry whole in one
 * slot of a {@code long[]} (the code, then the weight), so a probe reads one cache line and the table holds no
 * object and no per-entry array besides itself: the state of {@link LongKeyedDistinctNode}.
 *
 * <p>Open addressing, linear probing, backward-shift deletion; a weight of 0 marks an empty slot; at most
 * {@value #LOAD_PERCENT}% full. Growth doubles the table, at once below {@value #GRADUAL_FROM} slots and gradually
 * above: the new table is allocated and the old one is drained into it {@value #DRAIN_PER_ADD} slots per added
 * entry (and on to the end of a cluster), so no call moves millions of entries. While draining, a lookup that misses
 * the new table probes the old one from the first slot not yet drained; an old entry that is changed moves to the
 * new table and leaves a tombstone ({@link Long#MIN_VALUE} as its weight, which no entry may therefore have). The
 * old table is gone long before the new one is full. Cost: expected O(1) per call, no allocation except growth;
 * (code longs + 1) * 8 bytes per slot, 1.4 to 2.9 slots per entry. Never shrinks. Not thread-safe.
 */
final class CodeWeights {
    static final int LOAD_PERCENT = 70;
    static final int GRADUAL_FROM = 1 << 16;
    static final int DRAIN_PER_ADD = 4;
    /** The weight of an old-table slot whose entry moved or was removed while draining. */
    static final long TOMBSTONE = Long.MIN_VALUE;
    private static final int MIN_SLOTS = 16;

    /** Longs per slot: the code (one or two), then the weight. */
    private final int stride;
    private final boolean pairs;
    private long[] t;
    private int mask;
    private int resizeAt;
    private int size;

    /** The table being drained, or null; its slots below {@link #drained} are moved, the slot at it is empty. */
    private long[] old;
    private int oldMask;
    private int drained;

    /** A table of single codes ({@code pairs} false, the second long ignored) or of pairs. */
    CodeWeights(boolean pairs) {
        this.pairs = pairs;
        this.stride = pairs ? 3 : 2;
        allocate(MIN_SLOTS);
    }

    private void allocate(int slots) {
        t = new long[stride * slots];
        mask = slots - 1;
        resizeAt = (int) ((long) slots * LOAD_PERCENT / 100);
    }

    /** The number of entries. */
    int size() {
        return size;
    }

    static int hash(long a, long b) {
        long h = (a * 0xC2B2AE3D27D4EB4FL + b) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 43));
    }

    private int home(long a, long b) {
        return hash(a, pairs ? b : 0) & mask;
    }

    /** The weight of code {@code (a, b)}, 0 if absent ({@code b} ignored for single codes). */
    long get(long a, long b) {
        if (!pairs) {
            b = 0;
        }
        final long[] tab = t;
        final int s = stride;
        for (int i = home(a, b); ; i = (i + 1) & mask) {
            long w = tab[s * i + s - 1];
            if (w == 0) {
                break;
            }
            if (tab[s * i] == a && (!pairs || tab[s * i + 1] == b)) {
                return w;
            }
        }
        if (old != null) {
            int j = findOld(a, b);
            if (j >= 0) {
                return old[s * j + s - 1];
            }
        }
        return 0;
    }

    /**
     * Reads the slot where a probe for code {@code (a, b)} starts (and, while draining, the old table's) and returns
     * what it read: a caller that touches several codes before adding them has their cache misses overlap.
     */
    long touch(long a, long b) {
        int h = hash(a, pairs ? b : 0);
        long r = t[stride * (h & mask) + stride - 1];
        long[] o = old;
        if (o != null) {
            int i = h & oldMask;
            if (i >= drained) {
                r += o[stride * i + stride - 1];
            }
        }
        return r;
    }

    /** The old-table slot of code {@code (a, b)}, or -1. */
    private int findOld(long a, long b) {
        final long[] o = old;
        final int s = stride;
        int i = hash(a, b) & oldMask;
        if (i < drained) {
            i = drained;
        }
        while (true) {
            long w = o[s * i + s - 1];
            if (w == 0) {
                return -1;
            }
            if (w != TOMBSTONE && o[s * i] == a && (!pairs || o[s * i + 1] == b)) {
                return i;
            }
            i = i == oldMask ? drained : i + 1;
        }
    }

    /**
     * Adds {@code delta} (non-zero) to the weight of code {@code (a, b)} and returns the weight before; an entry
     * reaching 0 is removed.
     *
     * @throws ArithmeticException naming {@code element} if the sum overflows or is {@link #TOMBSTONE}; the table
     *                             is unchanged
     */
    long add(long a, long b, long delta, Object element) {
        if (!pairs) {
            b = 0;
        }
        final long[] tab = t;
        final int s = stride;
        int i = home(a, b);
        while (true) {
            long w = tab[s * i + s - 1];
            if (w == 0) {
                break;
            }
            if (tab[s * i] == a && (!pairs || tab[s * i + 1] == b)) {
                long now = checkedSum(w, delta, element);
                if (now == 0) {
                    removeSlot(i);
                    size--;
                } else {
                    tab[s * i + s - 1] = now;
                }
                return w;
            }
            i = (i + 1) & mask;
        }
        long before = 0;
        long now = checkedSum(0, delta, element);
        if (old != null) {
            int j = findOld(a, b);
            if (j >= 0) { // moves to the new table (if it stays) and leaves a tombstone
                before = old[s * j + s - 1];
                now = checkedSum(before, delta, element);
                old[s * j + s - 1] = TOMBSTONE;
                size--;
                if (now == 0) {
                    return before;
                }
            }
        }
        tab[s * i] = a;
        if (pairs) {
            tab[s * i + 1] = b;
        }
        tab[s * i + s - 1] = now;
        size++;
        if (old != null) {
            drain(DRAIN_PER_ADD);
        }
        if (size > resizeAt) {
            grow();
        }
        return before;
    }

    private static long checkedSum(long w, long delta, Object element) {
        long now = Checked.add(w, delta, element);
        if (now == TOMBSTONE) {
            throw new ArithmeticException("weight " + now + " of " + element + " is outside what a distinct keeps");
        }
        return now;
    }

    private void removeSlot(int slot) {
        final long[] tab = t;
        final int s = stride;
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            if (tab[s * j + s - 1] == 0) {
                break;
            }
            int h = home(tab[s * j], pairs ? tab[s * j + 1] : 0);
            boolean stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (!stays) {
                System.arraycopy(tab, s * j, tab, s * hole, s);
                hole = j;
            }
        }
        Arrays.fill(tab, s * hole, s * hole + s, 0L);
    }

    private void grow() {
        if (old != null) { // cannot happen at DRAIN_PER_ADD >= 2; finish the drain rather than lose entries
            drain(Integer.MAX_VALUE);
        }
        int slots = 2 * (mask + 1);
        if (slots <= 0) {
            throw new IllegalStateException("distinct state cannot hold more than " + size + " entries");
        }
        old = t;
        oldMask = mask;
        drained = 0;
        allocate(slots);
        if (slots < GRADUAL_FROM) {
            drain(Integer.MAX_VALUE);
        } else {
            drain(0); // past the cluster at slot 0, so that the slot at drained is empty
        }
    }

    /** Moves at least {@code n} old slots (then on to the end of the cluster) to the new table. */
    private void drain(int n) {
        final long[] o = old;
        final long[] tab = t;
        final int s = stride;
        final int cap = oldMask + 1;
        int c = drained;
        int end = (int) Math.min(cap, (long) c + n);
        while (c < cap && (c < end || o[s * c + s - 1] != 0)) {
            long w = o[s * c + s - 1];
            if (w != 0 && w != TOMBSTONE) {
                int i = home(o[s * c], pairs ? o[s * c + 1] : 0);
                while (tab[s * i + s - 1] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(o, s * c, tab, s * i, s);
            }
            c++;
        }
        drained = c;
        if (c == cap) {
            old = null;
        }
    }

    /**
     * The first occupied slot at or after {@code slot}, or -1: slots from {@code capacity} on index the old table
     * while it drains. {@code for (int i = next(0); i >= 0; i = next(i + 1))}; the table must not change meanwhile.
     */
    int next(int slot) {
        final int s = stride;
        int cap = mask + 1;
        for (int i = slot; i < cap; i++) {
            if (t[s * i + s - 1] != 0) {
                return i;
            }
        }
        if (old == null) {
            return -1;
        }
        for (int i = Math.max(slot - cap, drained); i <= oldMask; i++) {
            long w = old[s * i + s - 1];
            if (w != 0 && w != TOMBSTONE) {
                return cap + i;
            }
        }
        return -1;
    }

    private long at(int slot, int field) {
        int cap = mask + 1;
        return slot < cap ? t[stride * slot + field] : old[stride * (slot - cap) + field];
    }

    /** The code's first long at an occupied slot. */
    long firstAt(int slot) {
        return at(slot, 0);
    }

    /** The code's second long at an occupied slot (0 for single codes). */
    long secondAt(int slot) {
        return pairs ? at(slot, 1) : 0;
    }

    long weightAt(int slot) {
        return at(slot, stride - 1);
    }

    /** Whether the old table is still being drained (for tests). */
    boolean draining() {
        return old != null;
    }
}
