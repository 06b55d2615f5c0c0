package org.jdbsp.nexmark.generator;

/**
 * Which person and auction ids exist at a given event id, and random picks among the recent ones.
 * Event ids cycle through blocks of {@code person + auction + bid} proportions: persons first,
 * then auctions, then bids. Ids here are base 0; add {@link #FIRST_PERSON_ID} / {@link
 * #FIRST_AUCTION_ID} for the ids in events. O(1) per call; it remembers the last event id's
 * block, so one instance serves one generator (not thread-safe).
 */
final class IdSpace {
  static final long FIRST_PERSON_ID = 1000L;
  static final long FIRST_AUCTION_ID = 1000L;

  /** Ids past the last valid one that random picks may return, so events seem reordered. */
  private static final int PERSON_ID_LEAD = 10;

  private static final int AUCTION_ID_LEAD = 10;

  private final long persons;
  private final long auctions;
  private final long denominator;
  private final int numActivePeople;
  private final int numInFlightAuctions;

  /** The event id last split into {@link #splitEpoch} and {@link #splitOffset}. */
  private long splitId = Long.MIN_VALUE;

  private long splitEpoch;
  private long splitOffset;

  IdSpace(NexmarkConfig config) {
    persons = config.personProportion();
    auctions = config.auctionProportion();
    denominator = config.proportionDenominator();
    numActivePeople = config.numActivePeople();
    numInFlightAuctions = config.numInFlightAuctions();
  }

  /**
   * Sets {@link #splitEpoch} and {@link #splitOffset} to {@code eventId / denominator} and {@code
   * eventId % denominator}: a 64-bit division only when {@code eventId} is neither the last one
   * split nor the one after it, so a generator drawing events in order divides once per block.
   */
  private void split(long eventId) {
    if (eventId == splitId) {
      return;
    }
    if (eventId == splitId + 1 && eventId > 0) {
      splitId = eventId;
      if (++splitOffset == denominator) {
        splitOffset = 0;
        splitEpoch++;
      }
      return;
    }
    splitEpoch = eventId / denominator;
    splitOffset = eventId % denominator;
    splitId = eventId;
  }

  /** {@link org.jdbsp.nexmark.model.Event} type of event id {@code eventId}. */
  int eventType(long eventId) {
    split(eventId);
    long offset = splitOffset;
    return offset < persons ? 0 : offset < persons + auctions ? 1 : 2;
  }

  /** The last person id created at or before {@code eventId} (this event's id if a person). */
  long lastPersonId(long eventId) {
    split(eventId);
    long epoch = splitEpoch;
    long offset = splitOffset;
    if (offset >= persons) {
      offset = persons - 1;
    }
    return epoch * persons + offset;
  }

  /** The last auction id created at or before {@code eventId} (this event's id if an auction). */
  long lastAuctionId(long eventId) {
    split(eventId);
    long epoch = splitEpoch;
    long offset = splitOffset;
    if (offset < persons) {
      epoch--;
      offset = auctions - 1;
    } else if (offset >= persons + auctions) {
      offset = auctions - 1;
    } else {
      offset -= persons;
    }
    return epoch * auctions + offset;
  }

  /** A random person among the active ones, or slightly ahead of the last. */
  long randomPersonId(long eventId, LcgRandom random) {
    long numPeople = lastPersonId(eventId) + 1;
    long active = Math.min(numPeople, numActivePeople);
    return numPeople - active + nextLong(random, active + PERSON_ID_LEAD);
  }

  /** A random auction among those likely still open, or slightly ahead of the last. */
  long randomAuctionId(long eventId, LcgRandom random) {
    long max = lastAuctionId(eventId);
    long min = Math.max(max - numInFlightAuctions, 0);
    return min + nextLong(random, max - min + 1 + AUCTION_ID_LEAD);
  }

  /** Beam's draw from {@code [0, n)}: uniform below {@code Integer.MAX_VALUE}, skewed above. */
  static long nextLong(LcgRandom random, long n) {
    if (n < Integer.MAX_VALUE) {
      return random.nextInt((int) n);
    }
    return Math.abs(random.nextLong() % n);
  }
}
