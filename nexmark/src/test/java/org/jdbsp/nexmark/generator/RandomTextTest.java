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

  /** Beam's {@code nextString}: letters and spaces, trimmed. */
  private static String referenceString(Random random, int maxLength) {
    int length = 3 + random.nextInt(maxLength - 3);
    StringBuilder text = new StringBuilder();
    while (length-- > 0) {
      text.append(random.nextInt(13) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
    }
    return text.toString().trim();
  }

  /** The seed whose {@code draw}-th draw (from 1) is made at {@code state}. */
  private static long seedReaching(long state, int draw) {
    long inverse =
        BigInteger.valueOf(MULTIPLIER).modInverse(BigInteger.ONE.shiftLeft(48)).longValue();
    for (int i = 0; i < draw; i++) {
      state = ((state - 0xB) * inverse) & MASK;
    }
    return state ^ MULTIPLIER; // setSeed scrambles with the multiplier
  }

  @Test
  void stringsAndEmailsAreBeams() {
    RandomText text = new RandomText();
    LcgRandom ours = new LcgRandom(0);
    for (long seed = -5_000; seed < 5_000; seed++) {
      ours.setSeed(seed);
      Random beams = new Random(seed);
      assertEquals(referenceString(beams, 100), text.string(ours, 100), "seed " + seed);
      assertEquals(referenceString(beams, 20), text.string(ours, 20), "seed " + seed);
      String email = referenceString(beams, 7) + "@" + referenceString(beams, 5) + ".com";
      assertEquals(email, text.email(ours), "seed " + seed);
      assertEquals(beams.nextInt(), ours.nextInt(), "draws after seed " + seed);
    }
  }

  @Test
  void aStringKeepsBeamsDrawsWhenRandomDrawsAgain() {
    // next(31) = 2^31 - 1 lies in the incomplete last block of both 13 and 26, so Random rejects
    // it and draws again; put it at each of the first draws after the length
    long rejected = 0xFFFF_FFFE_0000L;
    RandomText text = new RandomText();
    for (int draw = 2; draw <= 12; draw++) {
      long seed = seedReaching(rejected, draw);
      Random beams = new Random(seed);
      LcgRandom ours = new LcgRandom(seed);
      assertEquals(referenceString(beams, 100), text.string(ours, 100), "draw " + draw);
      assertEquals(beams.nextInt(), ours.nextInt(), "draws after, draw " + draw);
    }
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
    // bits 0x8000_0000)
    long seed = seedReaching(0x8000_0000_0000L, 1);
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
