package org.jdbsp.nexmark.generator;

import org.jdbsp.nexmark.model.Person;

/**
 * Draws Beam's persons. Names, cities and states are shared constant strings, so a person costs
 * its record plus three strings (email, credit card, padding).
 */
final class PersonMaker {
  private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};

  private static final String[] CITIES = {
    "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle",
    "Kent", "Cheyenne"
  };

  private static final String[] FIRST_NAMES = {
    "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"
  };

  private static final String[] LAST_NAMES = {
    "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"
  };

  /** Every "first last" combination, indexed {@code first * LAST_NAMES.length + last}. */
  private static final String[] FULL_NAMES = fullNames();

  private final IdSpace ids;
  private final RandomText text;
  private final int avgByteSize;

  PersonMaker(NexmarkConfig config, IdSpace ids, RandomText text) {
    this.ids = ids;
    this.text = text;
    this.avgByteSize = config.avgPersonByteSize();
  }

  Person make(long eventId, LcgRandom random, long timestamp) {
    long id = ids.lastPersonId(eventId) + IdSpace.FIRST_PERSON_ID;
    int first = random.nextInt(FIRST_NAMES.length);
    String name = FULL_NAMES[first * LAST_NAMES.length + random.nextInt(LAST_NAMES.length)];
    String email = text.email(random);
    String creditCard = text.creditCard(random);
    String city = CITIES[random.nextInt(CITIES.length)];
    String state = STATES[random.nextInt(STATES.length)];
    int size =
        8 + name.length() + email.length() + creditCard.length() + city.length() + state.length();
    String extra = text.extra(random, size, avgByteSize);
    return new Person(id, name, email, creditCard, city, state, timestamp, extra);
  }

  private static String[] fullNames() {
    String[] names = new String[FIRST_NAMES.length * LAST_NAMES.length];
    for (int f = 0; f < FIRST_NAMES.length; f++) {
      for (int l = 0; l < LAST_NAMES.length; l++) {
        names[f * LAST_NAMES.length + l] = FIRST_NAMES[f] + " " + LAST_NAMES[l];
      }
    }
    return names;
  }
}
