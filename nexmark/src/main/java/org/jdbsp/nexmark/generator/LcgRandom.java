package org.jdbsp.nexmark.generator;

/**
 * The linear congruential generator specified by {@code java.util.Random}, without its atomic
 * seed: same seed, same sequence, but reseedable in place and single-threaded, so the generator
 * reseeds one instance per event instead of allocating a {@code Random}.
 */
final class LcgRandom {
  private static final long MULTIPLIER = 0x5DEECE66DL;
  private static final long ADDEND = 0xBL;
  private static final long MASK = (1L << 48) - 1;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private long seed;

  LcgRandom(long seed) {
    setSeed(seed);
  }

  /** Same effect as {@code java.util.Random#setSeed}. */
  void setSeed(long seed) {
    this.seed = (seed ^ MULTIPLIER) & MASK;
  }

  private int next(int bits) {
    seed = (seed * MULTIPLIER + ADDEND) & MASK;
    return (int) (seed >>> (48 - bits));
  }

  int nextInt() {
    return next(32);
  }

  /** Uniform in {@code [0, bound)}, exactly as {@code java.util.Random#nextInt(int)}. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    int r = next(31);
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
      // rejection sampling: retry while u lies in the incomplete last block
    }
    return r;
  }

  long nextLong() {
    return ((long) next(32) << 32) + next(32);
  }

  double nextDouble() {
    return (((long) next(26) << 27) + next(27)) * DOUBLE_UNIT;
  }
}
