package org.jdbsp.nexmark.generator;

/**
 * Maps event numbers to event times following the configured rate shape, and event counts to
 * (possibly out-of-order) event numbers. Immutable; O(1) per event for a constant rate, O(steps)
 * otherwise.
 */
final class EventClock {
  private final long baseTime;
  private final long firstEventNumber;
  private final long outOfOrderGroupSize;
  private final long[] delaysMicros;
  private final long[] eventsPerStep;
  private final long[] stepStartMs;
  private final long eventsPerEpoch;
  private final long epochPeriodMs;

  EventClock(NexmarkConfig config) {
    baseTime = config.baseTime();
    firstEventNumber = config.firstEventNumber();
    outOfOrderGroupSize = config.outOfOrderGroupSize();
    delaysMicros =
        config
            .rateShape()
            .interEventDelaysMicros(
                config.firstEventRate(),
                config.nextEventRate(),
                config.rateUnit(),
                config.numEventGenerators());
    long stepMicros = config.rateShape().stepLengthSec(config.ratePeriodSec()) * 1_000_000L;
    eventsPerStep = new long[delaysMicros.length];
    stepStartMs = new long[delaysMicros.length];
    long events = 0;
    long periodMs = 0;
    for (int i = 0; i < delaysMicros.length; i++) {
      eventsPerStep[i] = stepMicros / delaysMicros[i];
      stepStartMs[i] = periodMs;
      events += eventsPerStep[i];
      periodMs += (eventsPerStep[i] * delaysMicros[i]) / 1000L;
    }
    eventsPerEpoch = events;
    epochPeriodMs = periodMs;
  }

  /** Event number of the event emitted after {@code count} others, before shuffling. */
  long eventNumber(long count) {
    return firstEventNumber + count;
  }

  /** Event number of the event emitted after {@code count} others, shuffled within its group. */
  long adjustedEventNumber(long count) {
    long n = outOfOrderGroupSize;
    long eventNumber = firstEventNumber + count;
    if (n == 1) {
      return eventNumber; // in order: what the formula gives, without two divisions
    }
    return (eventNumber / n) * n + (eventNumber * 953) % n;
  }

  /** Event number whose time is a watermark for the event emitted after {@code count} others. */
  long watermarkEventNumber(long count) {
    long n = outOfOrderGroupSize;
    return ((firstEventNumber + count) / n) * n;
  }

  /** Event time, epoch milliseconds, of event number {@code eventNumber}. */
  long timestamp(long eventNumber) {
    if (delaysMicros.length == 1) {
      return baseTime + (eventNumber * delaysMicros[0]) / 1000L;
    }
    long epoch = eventNumber / eventsPerEpoch;
    long n = eventNumber % eventsPerEpoch;
    for (int i = 0; i < delaysMicros.length; i++) {
      if (n < eventsPerStep[i]) {
        return baseTime + epoch * epochPeriodMs + stepStartMs[i] + (n * delaysMicros[i]) / 1000L;
      }
      n -= eventsPerStep[i];
    }
    throw new AssertionError("eventsPerEpoch inconsistent with eventsPerStep");
  }
}
