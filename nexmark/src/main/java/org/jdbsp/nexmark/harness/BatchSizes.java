package org.jdbsp.nexmark.harness;

import java.util.SplittableRandom;

/**
 * The number of events each step of a pass pushes: {@code --batch N} always N, {@code --batch LO-HI} a number drawn
 * uniformly from {@code [LO, HI]} by a generator with a fixed seed, so that every pass (each warm-up round, each
 * timed run, each query) sees the same sequence of sizes. The last step of a chunk takes what is left of it.
 */
final class BatchSizes {
    private static final long SEED = 42;
    private final int min;
    private final int max;
    private final SplittableRandom random = new SplittableRandom(SEED);

    BatchSizes(int min, int max) {
        if (min < 1 || min > max) {
            throw new IllegalArgumentException("batch sizes: need 1 <= min <= max, got " + min + "-" + max);
        }
        this.min = min;
        this.max = max;
    }

    /** The size of the next step, at most {@code left}. */
    int next(int left) {
        int n = min == max ? max : min + random.nextInt(max - min + 1);
        return Math.min(n, left);
    }
}
