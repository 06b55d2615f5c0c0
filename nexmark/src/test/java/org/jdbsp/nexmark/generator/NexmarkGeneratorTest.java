package org.jdbsp.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.junit.jupiter.api.Test;

class NexmarkGeneratorTest {

  @Test
  void fillYieldsTheSameEventsAsNextAndStopsAtNumEvents() {
    NexmarkConfig config = NexmarkConfig.builder().numEvents(1_003).build();
    NexmarkGenerator one = new NexmarkGenerator(config);
    Event[] expected = new Event[1_003];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = one.next();
    }
    assertFalse(one.hasNext());
    assertThrows(NoSuchElementException.class, one::next);

    NexmarkGenerator bulk = new NexmarkGenerator(config);
    Event[] actual = new Event[1_003 + 2];
    int filled = 0;
    int n;
    while ((n = bulk.fill(actual, 1 + filled, Math.min(100, actual.length - 1 - filled))) > 0) {
      filled += n;
    }
    assertEquals(1_003, filled);
    assertEquals(1_003, bulk.eventsGenerated());
    assertNull(actual[0]);
    assertNull(actual[actual.length - 1]);
    Event[] middle = new Event[1_003];
    System.arraycopy(actual, 1, middle, 0, 1_003);
    assertArrayEquals(expected, middle);
  }

  @Test
  void fillChecksItsBounds() {
    NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.DEFAULT);
    assertThrows(IndexOutOfBoundsException.class, () -> generator.fill(new Event[4], 2, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> generator.fill(new Event[4], -1, 1));
    assertEquals(0, generator.eventsGenerated());
  }

  @Test
  void zeroEventsMeansUnbounded() {
    NexmarkGenerator generator =
        new NexmarkGenerator(NexmarkConfig.builder().numEvents(0).build());
    Event[] buffer = new Event[1_000];
    for (int i = 0; i < 200; i++) {
      assertEquals(1_000, generator.fill(buffer, 0, 1_000));
    }
    assertTrue(generator.hasNext());
  }

  @Test
  void customProportionsShapeTheStreamAndKeepReferencesValid() {
    NexmarkConfig config = NexmarkConfig.builder().proportions(2, 5, 13).numEvents(20_000).build();
    NexmarkGenerator generator = new NexmarkGenerator(config);
    int[] counts = new int[3];
    long maxPerson = 999;
    long maxAuction = 999;
    for (int i = 0; i < 20_000; i++) {
      Event event = generator.next();
      counts[event.eventType()]++;
      int offset = i % 20;
      assertEquals(offset < 2 ? 0 : offset < 7 ? 1 : 2, event.eventType(), "event " + i);
      if (event instanceof Person p) {
        assertEquals(maxPerson + 1, p.id(), "persons are numbered consecutively");
        maxPerson = p.id();
      } else if (event instanceof Auction a) {
        assertEquals(maxAuction + 1, a.id(), "auctions are numbered consecutively");
        maxAuction = a.id();
        assertTrue(a.seller() <= maxPerson + 10, "seller " + a.seller());
        assertTrue(a.reserve() >= a.initialBid());
        assertTrue(a.expires() > a.dateTime());
      } else {
        Bid b = (Bid) event;
        assertTrue(b.auction() >= 1000 && b.auction() <= maxAuction + 10, "auction " + b.auction());
        assertTrue(b.bidder() >= 1000 && b.bidder() <= maxPerson + 10, "bidder " + b.bidder());
      }
    }
    assertArrayEquals(new int[] {2_000, 5_000, 13_000}, counts);
  }

  @Test
  void eventSizesAverageTheConfiguredSizes() {
    NexmarkGenerator generator =
        new NexmarkGenerator(NexmarkConfig.builder().numEvents(50_000).build());
    long[] chars = new long[3];
    long[] counts = new long[3];
    while (generator.hasNext()) {
      Event event = generator.next();
      counts[event.eventType()]++;
      if (event instanceof Person p) {
        chars[0] += 8 + p.name().length() + p.emailAddress().length() + p.creditCard().length()
            + p.city().length() + p.state().length() + p.extra().length();
      } else if (event instanceof Auction a) {
        chars[1] += 8 + a.itemName().length() + a.description().length() + 40 + a.extra().length();
      } else {
        chars[2] += 32 + ((Bid) event).extra().length();
      }
    }
    assertEquals(200.0, (double) chars[0] / counts[0], 5.0);
    assertEquals(500.0, (double) chars[1] / counts[1], 5.0);
    assertEquals(100.0, (double) chars[2] / counts[2], 2.0);
  }

  @Test
  void timestampAndWatermarkDescribeTheNextEvent() {
    NexmarkGenerator generator =
        new NexmarkGenerator(NexmarkConfig.builder().outOfOrderGroupSize(10).build());
    long previousWatermark = Long.MIN_VALUE;
    for (int i = 0; i < 1_000; i++) {
      long timestamp = generator.nextTimestamp();
      long watermark = generator.nextWatermark();
      assertTrue(watermark <= timestamp);
      assertTrue(watermark >= previousWatermark);
      previousWatermark = watermark;
      assertEquals(timestamp, generator.next().dateTime());
    }
  }
}
