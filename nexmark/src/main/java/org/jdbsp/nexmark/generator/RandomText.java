package org.jdbsp.nexmark.generator;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Beam's random strings (names, descriptions, emails, padding), built in a reusable byte buffer so
 * each costs just its {@code String}. One instance per generator; not thread-safe.
 */
final class RandomText {
  private static final int MIN_STRING_LENGTH = 3;

  private static final int CUBE = 26 * 26 * 26;

  /**
   * {@code x / CUBE} is {@code (x * RECIPROCAL) >>> RECIPROCAL_SHIFT} for every x in [0, 2^31]:
   * RECIPROCAL exceeds 2^46 / CUBE by less than 1, so the product errs by less than 2^-15, less
   * than the gap of {@code 1 / CUBE} (about 2^-14.1) between x / CUBE and the next integer.
   */
  private static final long RECIPROCAL = (1L << 46) / CUBE + 1;

  private static final int RECIPROCAL_SHIFT = 46;

  /** The largest quotient {@code x / CUBE} for x in [0, 2^31]. */
  private static final int MAX_QUOTIENT = (int) ((1L << 31) / CUBE);

  /**
   * For x in [0, MAX_QUOTIENT]: the characters {@code 'a' + digit} of the three lowest base-26
   * digits of x, the lowest in the lowest byte (489 KB).
   */
  private static final int[] TRIPLES = triples(MAX_QUOTIENT + 1);

  /**
   * Added to the complement of a {@link #TRIPLES} entry it gives {@code 0xC2 - c} in each of the
   * three bytes, the characters {@code 'a' - digit} of a negative int.
   */
  private static final long NEGATE = 0xC2C2C2C2C2C2L + 1;

  /** Bytes written past the end of the text by {@link #exact}'s 8-byte stores. */
  private static final int SLACK = 8;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buffer = new byte[256];
  private int length;

  /** The last gap {@link #extra} was asked to fill, and its spread: 20% of it, rounded. */
  private int lastGap = -1;

  private int lastDelta;

  /** Random letters and spaces, trimmed, at most {@code maxLength - 1} long. */
  String string(LcgRandom random, int maxLength) {
    length = 0;
    appendTrimmed(random, maxLength);
    return take();
  }

  /** Beam's email address: {@code <string(7)>@<string(5)>.com}. */
  String email(LcgRandom random) {
    length = 0;
    appendTrimmed(random, 7);
    append('@');
    appendTrimmed(random, 5);
    append('.');
    append('c');
    append('o');
    append('m');
    return take();
  }

  /** Beam's credit card number: four zero-padded groups of four digits separated by spaces. */
  String creditCard(LcgRandom random) {
    length = 0;
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        append(' ');
      }
      int group = random.nextInt(10_000);
      append((char) ('0' + group / 1000));
      append((char) ('0' + group / 100 % 10));
      append((char) ('0' + group / 10 % 10));
      append((char) ('0' + group % 10));
    }
    return take();
  }

  /**
   * Padding such that {@code currentSize + extra.length()} is on average {@code desiredAverage}:
   * uniform within 20% of the gap, or empty if there is no gap.
   */
  String extra(LcgRandom random, int currentSize, int desiredAverage) {
    if (currentSize > desiredAverage) {
      return "";
    }
    int gap = desiredAverage - currentSize;
    if (gap != lastGap) { // a bid's gap is always the same: round once
      lastGap = gap;
      lastDelta = (int) Math.round(gap * 0.2);
    }
    int delta = lastDelta;
    int size = gap - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
    return exact(random, size);
  }

  /**
   * Exactly {@code size} characters: each random int gives six, its base-26 digits from the
   * lowest, as {@code 'a' + rnd % 26; rnd /= 26}. Like Beam, a negative int yields characters below
   * {@code 'a'} (from {@code 'H'}), since Java's remainder keeps the sign. The last int is drawn
   * whole even when fewer than six characters are left, as Beam draws it; its first characters are
   * the ones kept.
   *
   * <p>Each int's magnitude is split by one multiplication with a reciprocal into its quotient and
   * remainder by 26^3, both looked up in {@link #TRIPLES} (which covers every quotient, so the
   * quotient needs no second division), and the six characters are written as one 8-byte store
   * whose last two bytes the next store overwrites (the buffer keeps {@value #SLACK} spare bytes).
   * A negative int's characters {@code 'a' - d} are {@code 0xC2 - ('a' + d)} per byte, computed
   * from the same entries without a branch. The random state is stepped in a local variable, not
   * stored to and reloaded from the {@link LcgRandom} at every draw.
   */
  String exact(LcgRandom random, int size) {
    ensure(size + SLACK);
    byte[] b = buffer;
    long state = random.state();
    for (int i = 0; i < size; i += 6) {
      state = LcgRandom.step(state);
      putSix(b, i, LcgRandom.int32(state));
    }
    random.setState(state);
    length = size;
    return take();
  }

  /** Writes the six characters of {@code rnd} at {@code b[i..i+5]} and two spare bytes after. */
  private static void putSix(byte[] b, int i, int rnd) {
    long negative = rnd >> 31; // all ones or zero
    long magnitude = ((long) rnd ^ negative) - negative; // a long: |Integer.MIN_VALUE| is 2^31
    long high = (magnitude * RECIPROCAL) >>> RECIPROCAL_SHIFT; // magnitude / CUBE
    long chars = TRIPLES[(int) (magnitude - high * CUBE)] | (long) TRIPLES[(int) high] << 24;
    LONGS.set(b, i, (chars ^ negative) + (negative & NEGATE));
  }

  private void appendTrimmed(LcgRandom random, int maxLength) {
    int n = MIN_STRING_LENGTH + random.nextInt(maxLength - MIN_STRING_LENGTH);
    ensure(length + n);
    int start = length;
    int end = start + n;
    byte[] b = buffer;
    long state = random.state();
    for (int i = start; i < end; i++) {
      // Beam's nextInt(13) == 0 ? ' ' : 'a' + nextInt(26), both draws made from a local state
      // (not stored to and reloaded from the LcgRandom at every draw); the letter's is unused
      // after a space
      long afterSpace = LcgRandom.step(state);
      long afterLetter = LcgRandom.step(afterSpace);
      int space = LcgRandom.bounded(afterSpace, 13);
      int letter = LcgRandom.bounded(afterLetter, 26);
      if ((space | letter) < 0) { // Random would draw again: about once in 60 million characters
        random.setState(state);
        b[i] = random.nextInt(13) == 0 ? (byte) ' ' : (byte) ('a' + random.nextInt(26));
        state = random.state();
      } else if (space == 0) {
        b[i] = ' ';
        state = afterSpace;
      } else {
        b[i] = (byte) ('a' + letter);
        state = afterLetter;
      }
    }
    random.setState(state);
    int from = start;
    while (from < end && buffer[from] == ' ') {
      from++;
    }
    while (end > from && buffer[end - 1] == ' ') {
      end--;
    }
    System.arraycopy(buffer, from, buffer, start, end - from);
    length = start + (end - from);
  }

  private void append(char c) {
    ensure(length + 1);
    buffer[length++] = (byte) c;
  }

  private void ensure(int capacity) {
    if (capacity > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(capacity, buffer.length * 2));
    }
  }

  private static int[] triples(int size) {
    int[] table = new int[size];
    for (int x = 0; x < size; x++) {
      int y = x % CUBE;
      table[x] = ('a' + y % 26) | ('a' + y / 26 % 26) << 8 | ('a' + y / (26 * 26)) << 16;
    }
    return table;
  }

  private String take() {
    return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
  }
}
