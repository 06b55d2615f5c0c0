package org.jdbsp.nexmark.generator;

/** Unit in which {@link NexmarkConfig} event rates are given (as in Beam's Nexmark). */
public enum RateUnit {
  /** Events per second. */
  PER_SECOND(1_000_000L),
  /** Events per minute. */
  PER_MINUTE(60_000_000L);

  private final long microsPerUnit;

  RateUnit(long microsPerUnit) {
    this.microsPerUnit = microsPerUnit;
  }

  /** Microseconds between two events at {@code rate} events per unit, rounded to nearest. */
  long periodMicros(long rate) {
    return (microsPerUnit + rate / 2) / rate;
  }
}
