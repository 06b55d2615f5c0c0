package org.jdbsp.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IdSpaceTest {
  /** The ids by direct division, as Beam computes them. */
  private static long lastPersonId(long id, long persons, long denominator) {
    long offset = Math.min(id % denominator, persons - 1);
    return id / denominator * persons + offset;
  }

  @Test
  void answersInAnyOrderEqualDirectDivision() {
    NexmarkConfig config = NexmarkConfig.builder().build();
    long persons = config.personProportion();
    long auctions = config.auctionProportion();
    long denominator = config.proportionDenominator();
    IdSpace ids = new IdSpace(config);
    long seed = 42;
    Random random = new Random(seed);
    long id = 0;
    for (int i = 0; i < 200_000; i++) {
      switch (random.nextInt(6)) {
        case 0 -> id = random.nextInt(1_000_000); // a jump anywhere
        case 1 -> id = Math.max(0, id - 1); // a step back
        case 2 -> { } // the same id again
        default -> id++; // in order, across block ends
      }
      long offset = id % denominator;
      int type = offset < persons ? 0 : offset < persons + auctions ? 1 : 2;
      assertEquals(type, ids.eventType(id), "type of " + id + " (seed " + seed + ")");
      assertEquals(lastPersonId(id, persons, denominator), ids.lastPersonId(id), "person at " + id);
      long epoch = id / denominator;
      long auction = offset < persons ? (epoch - 1) * auctions + auctions - 1
          : offset >= persons + auctions ? epoch * auctions + auctions - 1
          : epoch * auctions + offset - persons;
      assertEquals(auction, ids.lastAuctionId(id), "auction at " + id);
    }
  }
}
