package org.jdbsp.nexmark.model;

/**
 * A new auction opened by a seller; an immutable value, one object per event.
 *
 * @param id auction id (the generator starts at 1000)
 * @param itemName name of the item on sale
 * @param description item description
 * @param initialBid opening price
 * @param reserve reserve price, at least the initial bid
 * @param dateTime event time, epoch milliseconds
 * @param expires time the auction closes, epoch milliseconds
 * @param seller person id of the seller
 * @param category category id (the generator uses 10 to 14)
 * @param extra padding that brings the event to its configured average size
 */
public record Auction(
    long id,
    String itemName,
    String description,
    long initialBid,
    long reserve,
    long dateTime,
    long expires,
    long seller,
    long category,
    String extra)
    implements Event {

  @Override
  public int eventType() {
    return AUCTION;
  }
}
