package org.jdbsp.nexmark.generator;

/**
 * Beam's random prices: log-uniform between 100 and 100,000,000, {@code Math.round(Math.pow(10.0,
 * u * 6.0) * 100.0)} for a uniform {@code u}.
 *
 * <p>{@code Math.pow} and {@code Math.exp} are slow here (a price with {@code Math.exp} took 18.6
 * ns in a loop of draws, this 4.8 ns), so the power is computed from a table and a short
 * polynomial, and taken when it rounds the same way for certain. With {@code t = u * 6.0} (Beam's
 * exponent, the same double), {@code 256 t = j + x} with j the nearest integer and x in {@code
 * [-1/2, 1/2]}, both exact; {@code 100 * 10^t = 100 * 10^(j/256) * 10^(x/256)}, the first factor
 * from {@link #POWERS} (within an ulp: {@code Math.pow}), the second the Taylor polynomial of
 * {@code exp(x ln(10) / 256)} to degree 5 (whose remainder is below 1.2e-17). With the rounding of
 * the polynomial's steps and of the product, the fast value lies within 3 ulps of the true value,
 * and Beam's within 2, so below 1e8 (an ulp at most 1.5e-8) they differ by less than 1e-7, a
 * tenth of {@value #MARGIN}; when the fast value lies farther than that from a half, both round to
 * the same integer. Otherwise (about 2 draws in a million) {@code Math.pow} decides.
 */
final class Prices {
  /** Table steps per unit of the exponent. */
  private static final int STEPS = 256;

  /** {@code 100 * 10^(j / STEPS)} for j in {@code [0, 6 * STEPS]}. */
  private static final double[] POWERS = powers();

  /** {@code (ln(10) / STEPS)^k / k!}: the Taylor coefficients of {@code 10^(x / STEPS)} at 0. */
  private static final double C1 = 2.302585092994046 / STEPS;

  private static final double C2 = C1 * C1 / 2;
  private static final double C3 = C2 * C1 / 3;
  private static final double C4 = C3 * C1 / 4;
  private static final double C5 = C4 * C1 / 5;

  /**
   * {@code 1.5 * 2^52}: adding it to a double below 2^51 in magnitude rounds it to the nearest
   * integer, which then fills the low bits of the sum's significand, so no conversion between int
   * and double is needed (a version with {@code (int)} casts and back was 2.5 times slower).
   */
  private static final double ROUNDER = 0x1.8p52;

  /** How far from a half the fast value must lie to round like Beam's. */
  static final double MARGIN = 1e-6;

  private Prices() {}

  static long next(LcgRandom random) {
    return of(random.nextDouble());
  }

  /** The price Beam draws from {@code u}, in [0, 1). */
  static long of(double u) {
    double scaled = hundredPower(u);
    double nearest = (scaled + ROUNDER) - ROUNDER;
    if (Math.abs(scaled - nearest) < 0.5 - MARGIN) {
      return (long) nearest;
    }
    return Math.round(Math.pow(10.0, u * 6.0) * 100.0);
  }

  /** {@code 100 * 10^(u * 6.0)} for u in {@code [0, 1)}, within 3 ulps (see the class comment). */
  static double hundredPower(double u) {
    double steps = u * (6.0 * STEPS); // (u * 6.0) * STEPS: scaling by a power of two is exact
    double rounded = steps + ROUNDER; // the nearest integer j in the low bits of the significand
    int j = (int) Double.doubleToRawLongBits(rounded);
    double x = steps - (rounded - ROUNDER); // exact, in [-1/2, 1/2]
    double x2 = x * x;
    double p = (1.0 + C1 * x) + x2 * ((C2 + C3 * x) + x2 * (C4 + C5 * x));
    return POWERS[j] * p;
  }

  private static double[] powers() {
    double[] table = new double[6 * STEPS + 1];
    for (int j = 0; j < table.length; j++) {
      table[j] = Math.pow(10.0, 2.0 + j / (double) STEPS);
    }
    return table;
  }
}
