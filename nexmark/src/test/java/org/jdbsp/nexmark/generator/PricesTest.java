package org.jdbsp.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PricesTest {
  private static long beams(double u) {
    return Math.round(Math.pow(10.0, u * 6.0) * 100.0);
  }

  @Test
  void equalsBeamsPowerOnRandomDraws() {
    long seed = 7;
    Random random = new Random(seed);
    for (int i = 0; i < 2_000_000; i++) {
      double u = random.nextDouble();
      assertEquals(beams(u), Prices.of(u), "u = " + u + " (seed " + seed + ")");
    }
    assertEquals(beams(0.0), Prices.of(0.0));
    assertEquals(beams(Math.nextDown(1.0)), Prices.of(Math.nextDown(1.0)));
  }

  @Test
  void fastPowerIsWithinATenthOfTheMarginOfBeams() {
    Random random = new Random(11);
    double worst = 0;
    for (int i = 0; i < 2_000_000; i++) {
      double u = i < 2 ? i * Math.nextDown(1.0) : random.nextDouble();
      double beams = Math.pow(10.0, u * 6.0) * 100.0;
      worst = Math.max(worst, Math.abs(Prices.hundredPower(u) - beams));
    }
    assertTrue(worst < Prices.MARGIN / 10, "largest difference " + worst);
  }

  @Test
  void equalsBeamsPowerWhereThePriceIsNearAHalf() {
    // draws whose scaled power lies within a hair of p + 0.5, where the fast path must defer
    int nearHalf = 0;
    for (long p = 100; p < 100_000_000; p = p * 3 / 2 + 1) {
      double u = Math.log10((p + 0.5) / 100.0) / 6.0;
      for (int k = -3; k <= 3; k++) {
        double v = u + k * Math.ulp(u);
        assertEquals(beams(v), Prices.of(v), "u = " + v + " near price " + p + ".5");
        double scaled = Math.pow(10.0, v * 6.0) * 100.0;
        if (Math.abs(scaled - Math.floor(scaled) - 0.5) <= Prices.MARGIN) {
          nearHalf++;
        }
      }
    }
    assertTrue(nearHalf > 100, "the draws reach the deferred path: " + nearHalf);
  }
}
