package org.jdbsp.nexmark.generator;

import org.jdbsp.nexmark.model.Bid;

/**
 * Draws Beam's bids, plus a channel and URL from {@link Channels}: a record plus one string (the
 * padding).
 */
final class BidMaker {
  /** Hot auctions are the first of each batch of this many. */
  private static final int HOT_AUCTION_BATCH = 100;

  /** Hot bidders are the second person of each batch of this many. */
  private static final int HOT_BIDDER_BATCH = 100;

  private final IdSpace ids;
  private final RandomText text;
  private final int hotAuctionRatio;
  private final int hotBiddersRatio;
  private final int avgByteSize;

  BidMaker(NexmarkConfig config, IdSpace ids, RandomText text) {
    this.ids = ids;
    this.text = text;
    this.hotAuctionRatio = config.hotAuctionRatio();
    this.hotBiddersRatio = config.hotBiddersRatio();
    this.avgByteSize = config.avgBidByteSize();
  }

  Bid make(long eventId, LcgRandom random, long timestamp) {
    long auction;
    if (random.nextInt(hotAuctionRatio) > 0) {
      auction = (ids.lastAuctionId(eventId) / HOT_AUCTION_BATCH) * HOT_AUCTION_BATCH;
    } else {
      auction = ids.randomAuctionId(eventId, random);
    }
    auction += IdSpace.FIRST_AUCTION_ID;
    long bidder;
    if (random.nextInt(hotBiddersRatio) > 0) {
      bidder = (ids.lastPersonId(eventId) / HOT_BIDDER_BATCH) * HOT_BIDDER_BATCH + 1;
    } else {
      bidder = ids.randomPersonId(eventId, random);
    }
    bidder += IdSpace.FIRST_PERSON_ID;
    long price = Prices.next(random);
    String extra = text.extra(random, 8 + 8 + 8 + 8, avgByteSize);
    int channel = Channels.pick(eventId);
    return new Bid(
        auction,
        bidder,
        price,
        Channels.channel(channel),
        Channels.url(channel),
        timestamp,
        extra);
  }
}
