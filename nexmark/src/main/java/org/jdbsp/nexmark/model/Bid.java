package org.jdbsp.nexmark.model;

/**
 * A bid on an auction; an immutable value, one object per event.
 *
 * @param auction id of the auction bid on
 * @param bidder person id of the bidder
 * @param price bid price
 * @param channel channel the bid came through (e.g. {@code "Google"} or {@code "channel-42"})
 * @param url URL the bid came from
 * @param dateTime event time, epoch milliseconds
 * @param extra padding that brings the event to its configured average size
 */
public record Bid(
    long auction,
    long bidder,
    long price,
    String channel,
    String url,
    long dateTime,
    String extra)
    implements Event {

  @Override
  public int eventType() {
    return BID;
  }
}
