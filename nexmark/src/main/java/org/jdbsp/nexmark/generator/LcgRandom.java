package org.jdbsp.nexmark.generator;

/**
 * The linear congruential generator specified by {@code java.util.Random}, without its atomic
 * seed: same seed, same sequence, but reseedable in place and single-threaded, so the generator
 * reseeds one instance per event instead of allocating a {@code Random}. A loop of many draws
 * can step the state in a local variable with {@link #step}, {@link #int32} and {@link #bounded}.
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
    int r;
    do {
      seed = step(seed) & MASK;
      r = bounded(seed, bound);
    } while (r < 0);
    return r;
  }

  /**
   * The current state, for a loop that draws with {@link #step}, {@link #int32} and {@link
   * #bounded} in a local variable and then hands the state back with {@link #setState}.
   */
  long state() {
    return seed;
  }

  /** Continues from {@code state}, as returned by {@link #state} or {@link #step}. */
  void setState(long state) {
    this.seed = state & MASK;
  }

  /**
   * The state after {@code state}, not reduced to 48 bits: only the low 48 bits of the state
   * matter, and the product's low bits do not depend on the high ones.
   */
  static long step(long state) {
    return state * MULTIPLIER + ADDEND;
  }

  /** What {@link #nextInt()} returns after stepping to {@code state}: its bits 16 to 47. */
  static int int32(long state) {
    return (int) (state >>> 16);
  }

  /**
   * What {@link #nextInt(int)} returns after stepping to {@code state}, or -1 when {@code
   * java.util.Random} rejects the draw (it lies in the incomplete last block of {@code bound}
   * values, less than {@code bound} in 2^31) and steps again.
   */
  static int bounded(long state, int bound) {
    int u = (int) (state >>> 17) & Integer.MAX_VALUE; // next(31)
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) u) >> 31);
    }
    int r = u % bound;
    return u - r + m < 0 ? -1 : r; // the sum overflows: u is in the incomplete last block
  }

  long nextLong() {
    return ((long) next(32) << 32) + next(32);
  }

  double nextDouble() {
    return (((long) next(26) << 27) + next(27)) * DOUBLE_UNIT;
  }
}
