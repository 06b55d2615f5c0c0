package org.jdbsp.nexmark.generator;

import org.jdbsp.nexmark.model.Auction;

/** Draws Beam's auctions: a record plus three strings (name, description, padding). */
final class AuctionMaker {
  private static final long FIRST_CATEGORY_ID = 10L;
  private static final int NUM_CATEGORIES = 5;

  /** Hot sellers are the first person of each batch of this many. */
  private static final int HOT_SELLER_BATCH = 100;

  private final IdSpace ids;
  private final RandomText text;
  private final EventClock clock;
  private final int hotSellersRatio;
  private final int avgByteSize;
  private final long eventsUntilAuctionsTurnOver;

  AuctionMaker(NexmarkConfig config, IdSpace ids, RandomText text, EventClock clock) {
    this.ids = ids;
    this.text = text;
    this.clock = clock;
    this.hotSellersRatio = config.hotSellersRatio();
    this.avgByteSize = config.avgAuctionByteSize();
    this.eventsUntilAuctionsTurnOver =
        ((long) config.numInFlightAuctions() * config.proportionDenominator())
            / config.auctionProportion();
  }

  /** The auction for {@code eventId}, whose (shuffled) event number is {@code eventNumber}. */
  Auction make(long eventId, long eventNumber, LcgRandom random, long timestamp) {
    long id = ids.lastAuctionId(eventId) + IdSpace.FIRST_AUCTION_ID;
    long seller;
    if (random.nextInt(hotSellersRatio) > 0) {
      seller = (ids.lastPersonId(eventId) / HOT_SELLER_BATCH) * HOT_SELLER_BATCH;
    } else {
      seller = ids.randomPersonId(eventId, random);
    }
    seller += IdSpace.FIRST_PERSON_ID;
    long category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
    long initialBid = Prices.next(random);
    long expires = timestamp + length(eventNumber, random, timestamp);
    String name = text.string(random, 20);
    String description = text.string(random, 100);
    long reserve = initialBid + Prices.next(random);
    int size = 8 + name.length() + description.length() + 8 + 8 + 8 + 8 + 8;
    String extra = text.extra(random, size, avgByteSize);
    return new Auction(
        id, name, description, initialBid, reserve, timestamp, expires, seller, category, extra);
  }

  /**
   * Random auction length in milliseconds, on average the event time until {@code
   * numInFlightAuctions} more auctions have been created.
   */
  private long length(long eventNumber, LcgRandom random, long timestamp) {
    long horizonMs = clock.timestamp(eventNumber + eventsUntilAuctionsTurnOver) - timestamp;
    return 1L + IdSpace.nextLong(random, Math.max(horizonMs * 2, 1L));
  }
}
