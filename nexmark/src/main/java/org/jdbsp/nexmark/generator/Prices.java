package org.jdbsp.nexmark.generator;

/** Beam's random prices: log-uniform between 100 and 100,000,000. */
final class Prices {
  private Prices() {}

  static long next(LcgRandom random) {
    return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
  }
}
