package org.jdbsp.nexmark.io;

/**
 * The field names of the JSON schema, in writing order, and which of them hold numbers. Indexed
 * by {@link org.jdbsp.nexmark.model.Event#eventType()}.
 */
final class Schema {
  static final String EVENT_TYPE = "event_type";

  /** Name of the nested object per event type. */
  static final String[] OBJECT_NAMES = {"person", "auction", "bid"};

  static final String[][] FIELDS = {
    {"id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra"},
    {
      "id", "itemName", "description", "initialBid", "reserve", "dateTime", "expires", "seller",
      "category", "extra"
    },
    {"auction", "bidder", "price", "channel", "url", "dateTime", "extra"}
  };

  /** {@code NUMERIC[type][field]}: whether the field is a number (else a string). */
  static final boolean[][] NUMERIC = {
    {true, false, false, false, false, false, true, false},
    {true, false, false, true, true, true, true, true, true, false},
    {true, true, true, false, false, true, false}
  };

  static final int MAX_FIELDS = 10;

  private Schema() {}
}
