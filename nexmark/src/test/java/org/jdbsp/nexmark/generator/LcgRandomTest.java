package org.jdbsp.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LcgRandomTest {

  @Test
  void reproducesJavaUtilRandomAfterReseeding() {
    LcgRandom ours = new LcgRandom(99);
    int[] bounds = {1, 2, 3, 4, 5, 7, 13, 26, 64, 10_000, 1 << 30, Integer.MAX_VALUE};
    for (long seed = -50; seed < 5_000; seed += 7) {
      Random reference = new Random(seed);
      ours.setSeed(seed);
      for (int bound : bounds) {
        assertEquals(reference.nextInt(bound), ours.nextInt(bound), "seed " + seed);
      }
      assertEquals(reference.nextInt(), ours.nextInt(), "seed " + seed);
      assertEquals(reference.nextLong(), ours.nextLong(), "seed " + seed);
      assertEquals(reference.nextDouble(), ours.nextDouble(), "seed " + seed);
    }
  }

  @Test
  void rejectsNonPositiveBounds() {
    assertThrows(IllegalArgumentException.class, () -> new LcgRandom(1).nextInt(0));
  }
}
