package org.jdbsp.nexmark.model;

/**
 * A new person registering on the auction site; an immutable value, one object per event.
 *
 * @param id person id (the generator starts at 1000)
 * @param name first and last name
 * @param emailAddress email address
 * @param creditCard sixteen digits in four groups
 * @param city city
 * @param state US state code
 * @param dateTime event time, epoch milliseconds
 * @param extra padding that brings the event to its configured average size
 */
public record Person(
    long id,
    String name,
    String emailAddress,
    String creditCard,
    String city,
    String state,
    long dateTime,
    String extra)
    implements Event {

  @Override
  public int eventType() {
    return PERSON;
  }
}
