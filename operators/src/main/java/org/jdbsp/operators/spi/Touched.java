package org.jdbsp.operators.spi;

import java.util.Arrays;

/**
 * The groups one step of a keyed operator touches, numbered 0, 1, 2, ... in order of first touch (their
 * <em>order</em>), so that per-step scratch can live in arrays indexed by order while committed state lives in
 * arrays indexed by key id. Membership is a stamp per id compared with the step's stamp, so {@link #clear} is
 * O(1) and no step pays for the size of an earlier one. Arrays grow to the largest id and the largest step seen.
 */
public final class Touched {
    private int[] stampOf = new int[16];
    private int[] orderOf = new int[16];
    private int[] ids = new int[16];
    private int size;
    private int stamp = 1;

    /** The order of {@code id} in this step, registering it if new (a new one gets the previous {@link #size()}). */
    public int touch(int id) {
        if (id >= stampOf.length) {
            int cap = Math.max(id + 1, stampOf.length * 2);
            stampOf = Arrays.copyOf(stampOf, cap);
            orderOf = Arrays.copyOf(orderOf, cap);
        }
        if (stampOf[id] == stamp) {
            return orderOf[id];
        }
        stampOf[id] = stamp;
        orderOf[id] = size;
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size] = id;
        return size++;
    }

    /** The order of {@code id} in this step, or -1 if it was not touched. */
    public int orderOf(int id) {
        return id < stampOf.length && stampOf[id] == stamp ? orderOf[id] : -1;
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
            Arrays.fill(stampOf, 0);
            stamp = 1;
        }
    }
}
