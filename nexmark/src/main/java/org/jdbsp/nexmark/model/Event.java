package org.jdbsp.nexmark.model;

/**
 * One Nexmark event: exactly one of a {@link Person}, an {@link Auction} or a {@link Bid}.
 *
 * <p>The three records implement this interface directly, so an event costs no wrapper object;
 * dispatch with {@link #eventType()} (a constant per record) or a type pattern.
 */
public sealed interface Event permits Person, Auction, Bid {

  /** {@link #eventType()} of a {@link Person}. */
  int PERSON = 0;

  /** {@link #eventType()} of an {@link Auction}. */
  int AUCTION = 1;

  /** {@link #eventType()} of a {@link Bid}. */
  int BID = 2;

  /** The Nexmark {@code event_type} tag: {@link #PERSON}, {@link #AUCTION} or {@link #BID}. */
  int eventType();

  /** Event time, epoch milliseconds. */
  long dateTime();
}
