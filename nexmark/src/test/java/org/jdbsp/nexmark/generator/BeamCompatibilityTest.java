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

  @Test
  void everyKnobChangedWithASineRateAndShuffledEvents() {
    NexmarkConfiguration beam = new NexmarkConfiguration();
    beam.numEvents = 20_000;
    beam.numEventGenerators = 3;
    beam.rateShape = NexmarkUtils.RateShape.SINE;
    beam.firstEventRate = 10_000;
    beam.nextEventRate = 1_500;
    beam.ratePeriodSec = 7;
    beam.avgPersonByteSize = 300;
    beam.avgAuctionByteSize = 1_000;
    beam.avgBidByteSize = 30;
    beam.hotAuctionRatio = 3;
    beam.hotSellersRatio = 5;
    beam.hotBiddersRatio = 7;
    beam.numInFlightAuctions = 37;
    beam.numActivePeople = 50;
    beam.outOfOrderGroupSize = 7;
    NexmarkConfig ours =
        NexmarkConfig.builder()
            .numEvents(20_000)
            .numEventGenerators(3)
            .rateShape(RateShape.SINE)
            .firstEventRate(10_000)
            .nextEventRate(1_500)
            .ratePeriodSec(7)
            .avgPersonByteSize(300)
            .avgAuctionByteSize(1_000)
            .avgBidByteSize(30)
            .hotAuctionRatio(3)
            .hotSellersRatio(5)
            .hotBiddersRatio(7)
            .numInFlightAuctions(37)
            .numActivePeople(50)
            .outOfOrderGroupSize(7)
            .baseTime(1_700_000_000_123L)
            .firstEventId(123)
            .firstEventNumber(4_567)
            .build();
    assertSameEvents(beam, ours, 123, 4_567);
  }

  @Test
  void squareRatePerMinuteWithAuctionHorizonsBeyondIntRange() {
    // One event per 6000 s: auction lengths exceed Integer.MAX_VALUE ms, taking Beam's long draw.
    NexmarkConfiguration beam = new NexmarkConfiguration();
    beam.numEvents = 20_000;
    beam.rateShape = NexmarkUtils.RateShape.SQUARE;
    beam.rateUnit = NexmarkUtils.RateUnit.PER_MINUTE;
    beam.firstEventRate = 1;
    beam.nextEventRate = 3;
    beam.ratePeriodSec = 100_000;
    NexmarkConfig ours =
        NexmarkConfig.builder()
            .numEvents(20_000)
            .rateShape(RateShape.SQUARE)
            .rateUnit(RateUnit.PER_MINUTE)
            .firstEventRate(1)
            .nextEventRate(3)
            .ratePeriodSec(100_000)
            .firstEventNumber(1_000_000_000L)
            .build();
    assertSameEvents(beam, ours, 0, 1_000_000_000L);
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
