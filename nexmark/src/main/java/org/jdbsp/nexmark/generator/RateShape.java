package org.jdbsp.nexmark.generator;

/**
 * How the event rate moves between {@link NexmarkConfig#firstEventRate()} and {@link
 * NexmarkConfig#nextEventRate()} over {@link NexmarkConfig#ratePeriodSec()} (as in Beam's
 * Nexmark). Irrelevant when the two rates are equal.
 */
public enum RateShape {
  /** Alternate between the two rates. */
  SQUARE,
  /** Follow a cosine from the first rate to the next and back, in ten steps. */
  SINE;

  private static final int SINE_STEPS = 10;

  /** Inter-event delays in microseconds, one per step, for each of {@code generators}. */
  long[] interEventDelaysMicros(int firstRate, int nextRate, RateUnit unit, int generators) {
    if (firstRate == nextRate) {
      return new long[] {unit.periodMicros(firstRate) * generators};
    }
    if (this == SQUARE) {
      return new long[] {
        unit.periodMicros(firstRate) * generators, unit.periodMicros(nextRate) * generators
      };
    }
    double mid = (firstRate + nextRate) / 2.0;
    double amplitude = (firstRate - nextRate) / 2.0;
    long[] delays = new long[SINE_STEPS];
    for (int i = 0; i < SINE_STEPS; i++) {
      double rate = mid + amplitude * Math.cos((2.0 * Math.PI * i) / SINE_STEPS);
      delays[i] = unit.periodMicros(Math.round(rate)) * generators;
    }
    return delays;
  }

  /** Seconds spent on each step so that all steps take {@code ratePeriodSec}, rounded up. */
  int stepLengthSec(int ratePeriodSec) {
    int steps = this == SQUARE ? 2 : SINE_STEPS;
    return (ratePeriodSec + steps - 1) / steps;
  }
}
