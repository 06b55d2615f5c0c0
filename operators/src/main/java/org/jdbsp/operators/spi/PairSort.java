package org.jdbsp.operators.spi;

/**
 * Sorts two parallel {@code long} arrays by the first (an unstable quicksort with insertion sort for short runs),
 * allocating nothing: for operators that sort a step's (value, weight) pairs before consolidating them.
 */
public final class PairSort {
    private PairSort() {
    }

    /** Sorts {@code a[from, to)} ascending, moving {@code b} along. */
    public static void sort(long[] a, long[] b, int from, int to) {
        int lo = from;
        int hi = to - 1;
        while (hi - lo > 16) {
            long pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, b, i++, j--);
                }
            }
            if (j - lo < hi - i) {
                sort(a, b, lo, j + 1);
                lo = i;
            } else {
                sort(a, b, i, hi + 1);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && a[j - 1] > a[j]; j--) {
                swap(a, b, j - 1, j);
            }
        }
    }

    private static void swap(long[] a, long[] b, int i, int j) {
        long x = a[i];
        a[i] = a[j];
        a[j] = x;
        x = b[i];
        b[i] = b[j];
        b[j] = x;
    }

    /**
     * Sorts {@code [from, to)} and sums the weights of equal values in place, dropping those that sum to 0; returns
     * the end of the consolidated run.
     *
     * @throws ArithmeticException if a sum of weights overflows (the caller adds what it was summing)
     */
    public static int consolidate(long[] a, long[] b, int from, int to) {
        sort(a, b, from, to);
        int k = from;
        for (int i = from; i < to; ) {
            long v = a[i];
            long w = b[i++];
            while (i < to && a[i] == v) {
                w = Math.addExact(w, b[i++]);
            }
            if (w != 0) {
                a[k] = v;
                b[k] = w;
                k++;
            }
        }
        return k;
    }
}
