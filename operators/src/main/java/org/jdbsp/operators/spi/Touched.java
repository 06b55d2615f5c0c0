package org.jdbsp.operators.spi;

import java.util.Arrays;

/**
 * The groups one step of a keyed operator touches, numbered 0, 1, 2, ... in order of first touch (their
 * <em>order</em>), so that per-step scratch can live in arrays indexed by order while committed state lives in
 * arrays indexed by key id. Membership is a stamp per id compared with the step's stamp, so {@link #clear} is
 * O(1) and no step pays for the size of an earlier one. An id's stamp and order sit side by side (one cache line
 * per lookup). Arrays grow to the largest id and the largest step seen.
 */
public final class Touched {
    /** Per id: its stamp at {@code 2 * id}, its order at {@code 2 * id + 1}. */
    private int[] byId = new int[32];
    private int[] ids = new int[16];
    private int size;
    private int stamp = 1;

    /** The order of {@code id} in this step, registering it if new (a new one gets the previous {@link #size()}). */
    public int touch(int id) {
        int at = 2 * id;
        if (at >= byId.length) {
            byId = Arrays.copyOf(byId, Math.max(at + 2, byId.length * 2));
        }
        int[] b = byId;
        if (b[at] == stamp) {
            return b[at + 1];
        }
        b[at] = stamp;
        b[at + 1] = size;
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size] = id;
        return size++;
    }

    /** The order of {@code id} in this step, or -1 if it was not touched. */
    public int orderOf(int id) {
        int at = 2 * id;
        return at < byId.length && byId[at] == stamp ? byId[at + 1] : -1;
    }

    /** Number of groups touched this step. */
    public int size() {
        return size;
    }

    /** The id touched {@code order}-th. */
    public int id(int order) {
        return ids[order];
    }

    /** Forgets this step's groups in O(1). */
    public void clear() {
        size = 0;
        if (++stamp == 0) { // wrapped after 2^32 steps: start again from clean stamps
            Arrays.fill(byId, 0);
            stamp = 1;
        }
    }
}
