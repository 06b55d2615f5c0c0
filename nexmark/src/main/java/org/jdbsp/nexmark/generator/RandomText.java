package org.jdbsp.nexmark.generator;

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
   * For x in [0, 26^3): at {@code 3x} the characters {@code 'a' + digit} of x's three base-26
   * digits, lowest first; at {@code 3 * CUBE + 3x} the same with {@code 'a' - digit}, the
   * characters of {@code -x}.
   */
  private static final byte[] DIGITS = digitTable();

  private byte[] buffer = new byte[256];
  private int length;

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
    int delta = (int) Math.round(gap * 0.2);
    int size = gap - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
    return exact(random, size);
  }

  /**
   * Exactly {@code size} characters: each random int gives six, its base-26 digits from the
   * lowest, as {@code 'a' + rnd % 26; rnd /= 26}. Like Beam, a negative int yields characters below
   * {@code 'a'} (from {@code 'H'}), since Java's remainder keeps the sign. Full groups of six are
   * looked up three digits at a time in {@link #DIGITS}, breaking the chain of divisions.
   */
  private String exact(LcgRandom random, int size) {
    ensure(size);
    byte[] b = buffer;
    int i = 0;
    for (; size - i >= 6; i += 6) {
      int rnd = random.nextInt();
      int sign = rnd < 0 ? DIGITS.length / 2 : 0;
      long v = Math.abs((long) rnd);
      int low = sign + (int) (v % CUBE) * 3;
      int high = sign + (int) ((v / CUBE) % CUBE) * 3;
      b[i] = DIGITS[low];
      b[i + 1] = DIGITS[low + 1];
      b[i + 2] = DIGITS[low + 2];
      b[i + 3] = DIGITS[high];
      b[i + 4] = DIGITS[high + 1];
      b[i + 5] = DIGITS[high + 2];
    }
    if (i < size) {
      int rnd = random.nextInt();
      for (; i < size; i++) {
        b[i] = (byte) ('a' + rnd % 26);
        rnd /= 26;
      }
    }
    length = size;
    return take();
  }

  private void appendTrimmed(LcgRandom random, int maxLength) {
    int n = MIN_STRING_LENGTH + random.nextInt(maxLength - MIN_STRING_LENGTH);
    ensure(length + n);
    int start = length;
    for (int i = 0; i < n; i++) {
      buffer[length++] = random.nextInt(13) == 0 ? (byte) ' ' : (byte) ('a' + random.nextInt(26));
    }
    int end = length;
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

  private static byte[] digitTable() {
    byte[] table = new byte[2 * 3 * CUBE];
    for (int x = 0; x < CUBE; x++) {
      for (int d = 0, v = x; d < 3; d++, v /= 26) {
        table[3 * x + d] = (byte) ('a' + v % 26);
        table[3 * CUBE + 3 * x + d] = (byte) ('a' - v % 26);
      }
    }
    return table;
  }

  private String take() {
    return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
  }
}
