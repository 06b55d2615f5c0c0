package org.jdbsp.nexmark.generator;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jdbsp.nexmark.model.Event;

/**
 * The standard Nexmark event source: yields, for a {@link NexmarkConfig}, the same persons,
 * auctions and bids as Apache Beam's Nexmark {@code Generator} (every field Beam has; bids also get
 * a channel and URL, see {@link #next()}), in event-number order, stamped in event time.
 *
 * <p>Cost: a few hundred nanoseconds per event; the only allocations are the event record and its
 * random strings. Deterministic: event {@code i} depends only on the configuration and {@code i}.
 * Not thread-safe; use one generator per thread (e.g. each with its own {@code firstEventNumber}
 * range).
 */
public final class NexmarkGenerator implements Iterator<Event> {
  private final long maxEvents;
  private final long firstEventId;
  private final EventClock clock;
  private final IdSpace ids;
  private final PersonMaker persons;
  private final AuctionMaker auctions;
  private final BidMaker bids;
  private final LcgRandom random = new LcgRandom(0);
  private long count;

  /** A generator at the first event of {@code config}. */
  public NexmarkGenerator(NexmarkConfig config) {
    maxEvents = config.numEvents() == 0 ? Long.MAX_VALUE : config.numEvents();
    firstEventId = config.firstEventId();
    clock = new EventClock(config);
    ids = new IdSpace(config);
    RandomText text = new RandomText();
    persons = new PersonMaker(config, ids, text);
    auctions = new AuctionMaker(config, ids, text, clock);
    bids = new BidMaker(config, ids, text);
  }

  /** Whether fewer than {@link NexmarkConfig#numEvents()} events have been generated. */
  @Override
  public boolean hasNext() {
    return count < maxEvents;
  }

  /**
   * The next event. A bid's channel and URL come from a stream of their own seeded by the event
   * id, so they never change Beam's fields.
   *
   * @throws NoSuchElementException when all {@link NexmarkConfig#numEvents()} are generated
   */
  @Override
  public Event next() {
    if (count >= maxEvents) {
      throw new NoSuchElementException("all " + maxEvents + " events generated");
    }
    return generate();
  }

  /**
   * Generates up to {@code length} events into {@code into[offset..]}, returning how many (fewer
   * only when the configured number of events runs out).
   */
  public int fill(Event[] into, int offset, int length) {
    if (offset < 0 || length < 0 || length > into.length - offset) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + ", array " + into.length);
    }
    int n = (int) Math.min(length, maxEvents - count);
    for (int i = 0; i < n; i++) {
      into[offset + i] = generate();
    }
    return n;
  }

  /** Events generated so far. */
  public long eventsGenerated() {
    return count;
  }

  /**
   * Event time of the next event, epoch milliseconds. With {@link
   * NexmarkConfig#outOfOrderGroupSize()} above 1 events arrive shuffled and this is not monotonic;
   * {@link #nextWatermark()} is.
   */
  public long nextTimestamp() {
    return clock.timestamp(clock.adjustedEventNumber(count));
  }

  /** A lower bound on the event time of the next and all later events (Beam's watermark). */
  public long nextWatermark() {
    return clock.timestamp(clock.watermarkEventNumber(count));
  }

  private Event generate() {
    long eventNumber = clock.adjustedEventNumber(count);
    long eventId = firstEventId + eventNumber;
    long timestamp = clock.timestamp(eventNumber);
    random.setSeed(eventId);
    count++;
    switch (ids.eventType(eventId)) {
      case Event.PERSON:
        return persons.make(eventId, random, timestamp);
      case Event.AUCTION:
        return auctions.make(eventId, eventNumber, random, timestamp);
      default:
        return bids.make(eventId, random, timestamp);
    }
  }
}
