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
  void stepsOnALocalStateDrawAsTheInstance() {
    int[] bounds = {1, 2, 13, 26, 64, 10_000, Integer.MAX_VALUE};
    for (long seed = -50; seed < 5_000; seed += 7) {
      Random reference = new Random(seed);
      LcgRandom ours = new LcgRandom(seed);
      long state = ours.state();
      for (int i = 0; i < 5; i++) {
        state = LcgRandom.step(state);
        assertEquals(reference.nextInt(), LcgRandom.int32(state), "seed " + seed);
      }
      for (int bound : bounds) {
        state = LcgRandom.step(state);
        assertEquals(reference.nextInt(bound), LcgRandom.bounded(state, bound), "seed " + seed);
      }
      ours.setState(state);
      assertEquals(reference.nextLong(), ours.nextLong(), "seed " + seed);
    }
  }

  @Test
  void boundedTellsWhereRandomDrawsAgain() {
    long top = 0xFFFF_FFFE_0000L; // next(31) = 2^31 - 1
    assertEquals(-1, LcgRandom.bounded(top, 13)); // 2^31 % 13 = 11: the last 11 values
    assertEquals(-1, LcgRandom.bounded(top, 26));
    assertEquals((1 << 30) - 1, LcgRandom.bounded(top, 1 << 30)); // powers of two never redraw
    long belowLastBlock = top - ((long) 11 << 17); // next(31) = 2^31 - 12
    assertEquals((Integer.MAX_VALUE - 11) % 13, LcgRandom.bounded(belowLastBlock, 13));
  }

  @Test
  void rejectsNonPositiveBounds() {
    assertThrows(IllegalArgumentException.class, () -> new LcgRandom(1).nextInt(0));
  }
}
