package org.jdbsp.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.beam.sdk.nexmark.NexmarkConfiguration;
import org.apache.beam.sdk.nexmark.NexmarkUtils;
import org.apache.beam.sdk.nexmark.sources.generator.Generator;
import org.apache.beam.sdk.nexmark.sources.generator.GeneratorConfig;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.junit.jupiter.api.Test;

/** Our generator against Beam's own, event for event, every field Beam has. */
class BeamCompatibilityTest {

  @Test
  void defaultConfiguration() {
    NexmarkConfiguration beam = new NexmarkConfiguration();
    beam.numEvents = 20_000;
    assertSameEvents(beam, NexmarkConfig.DEFAULT.toBuilder().numEvents(20_000).build(), 0, 0);
  }

  static void assertSameEvents(
      NexmarkConfiguration beamConfig, NexmarkConfig ours, long firstEventId, long firstNumber) {
    Generator reference =
        new Generator(
            new GeneratorConfig(
                beamConfig, ours.baseTime(), firstEventId, beamConfig.numEvents, firstNumber));
    NexmarkGenerator generator = new NexmarkGenerator(ours);
    long i = 0;
    while (reference.hasNext()) {
      org.apache.beam.sdk.nexmark.model.Event expected = reference.nextEvent().event;
      Event actual = generator.next();
      String where = "event " + i;
      if (expected.newPerson != null) {
        var p = expected.newPerson;
        Person a = assertInstanceOf(Person.class, actual, where);
        assertEquals(
            new Person(
                p.id, p.name, p.emailAddress, p.creditCard, p.city, p.state,
                p.dateTime.getMillis(), p.extra),
            a,
            where);
      } else if (expected.newAuction != null) {
        var x = expected.newAuction;
        Auction a = assertInstanceOf(Auction.class, actual, where);
        assertEquals(
            new Auction(
                x.id, x.itemName, x.description, x.initialBid, x.reserve,
                x.dateTime.getMillis(), x.expires.getMillis(), x.seller, x.category, x.extra),
            a,
            where);
      } else {
        var b = expected.bid;
        Bid a = assertInstanceOf(Bid.class, actual, where);
        assertEquals(
            new Bid(b.auction, b.bidder, b.price, a.channel(), a.url(), b.dateTime.getMillis(),
                b.extra),
            a,
            where);
      }
      i++;
    }
    assertEquals(beamConfig.numEvents, i);
    assertEquals(false, generator.hasNext());
  }
}
