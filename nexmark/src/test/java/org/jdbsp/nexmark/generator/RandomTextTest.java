package org.jdbsp.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomTextTest {
  private static final long MULTIPLIER = 0x5DEECE66DL;
  private static final long MASK = (1L << 48) - 1;

  /** Beam's exact string, character by character, from {@code java.util.Random}. */
  private static String reference(Random random, int size) {
    StringBuilder text = new StringBuilder();
    int rnd = 0;
    int left = 0;
    while (text.length() < size) {
      if (left == 0) {
        rnd = random.nextInt();
        left = 6;
      }
      text.append((char) ('a' + rnd % 26));
      rnd /= 26;
      left--;
    }
    return text.toString();
  }

  @Test
  void exactStringsAreBeamsForEverySizeAndSeed() {
    RandomText text = new RandomText();
    LcgRandom ours = new LcgRandom(0);
    for (long seed = -3_000; seed < 3_000; seed += 3) {
      for (int size = 0; size <= 130; size += 1 + (int) Math.floorMod(seed, 5)) {
        ours.setSeed(seed);
        Random beams = new Random(seed);
        assertEquals(reference(beams, size), text.exact(ours, size), "seed " + seed + ", size " + size);
        assertEquals(beams.nextInt(), ours.nextInt(), "draws after seed " + seed + ", size " + size);
      }
    }
  }

  @Test
  void theIntWithNoPositiveMagnitudeGivesBeamsCharacters() {
    // the seed whose first nextInt() is Integer.MIN_VALUE: next state 0x8000_0000_0000 (high 32
    // bits 0x8000_0000), so the state before it is (next - 0xB) / MULTIPLIER mod 2^48
    long next = 0x8000_0000_0000L;
    long inverse =
        BigInteger.valueOf(MULTIPLIER).modInverse(BigInteger.ONE.shiftLeft(48)).longValue();
    long state = ((next - 0xB) * inverse) & MASK;
    long seed = state ^ MULTIPLIER; // setSeed scrambles with the multiplier
    assertEquals(Integer.MIN_VALUE, new Random(seed).nextInt());
    RandomText text = new RandomText();
    for (int size = 1; size <= 13; size++) {
      String ours = text.exact(new LcgRandom(seed), size);
      assertEquals(reference(new Random(seed), size), ours, "size " + size);
    }
  }

  @Test
  void paddingKeepsItsLengthsAndDraws() {
    RandomText text = new RandomText();
    LcgRandom ours = new LcgRandom(0);
    for (long seed = 0; seed < 2_000; seed++) {
      ours.setSeed(seed);
      Random beams = new Random(seed);
      int gap = 100 - 32;
      int delta = (int) Math.round(gap * 0.2);
      int size = gap - delta + beams.nextInt(2 * delta);
      assertEquals(reference(beams, size), text.extra(ours, 32, 100), "seed " + seed);
    }
    assertEquals("", text.extra(ours, 101, 100));
  }
}
