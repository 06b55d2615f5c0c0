package org.jdbsp.nexmark.generator;

/**
 * Beam's random prices: log-uniform between 100 and 100,000,000, {@code Math.round(Math.pow(10.0,
 * u * 6.0) * 100.0)} for a uniform {@code u}.
 *
 * <p>{@code Math.pow} costs about twice {@code Math.exp}, so the price is computed as {@code
 * exp(u * 6 * ln 10)} and taken when it rounds the same way for certain. Both are within 3.6e-15
 * of the true power relative to it (the product's rounding, over an exponent below 13.9, and one
 * ulp each), so once scaled by 100 (below 1e8) they differ by less than {@value #MARGIN}; when the
 * scaled value lies farther than that from a half, both round to the same integer. Otherwise
 * (about 2 draws in a million) {@code Math.pow} decides.
 */
final class Prices {
  private static final double LN_10 = 2.302585092994046;

  /** How far from a half the fast value must lie to round like Beam's. */
  static final double MARGIN = 1e-6;

  private Prices() {}

  static long next(LcgRandom random) {
    return of(random.nextDouble());
  }

  /** The price Beam draws from {@code u}, in [0, 1). */
  static long of(double u) {
    double scaled = Math.exp(u * 6.0 * LN_10) * 100.0;
    double fraction = scaled - Math.floor(scaled);
    if (Math.abs(fraction - 0.5) > MARGIN) {
      return Math.round(scaled);
    }
    return Math.round(Math.pow(10.0, u * 6.0) * 100.0);
  }
}
