package org.jdbsp.nexmark.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;

/**
 * Strict parser of one UTF-8 JSON line into an {@link Event}: exactly the schema's keys, each
 * once, in any order; integers without fraction or exponent within {@code long}; strings with
 * valid escapes and valid UTF-8; nothing after the object. The event's object is required; the
 * other two may be absent or {@code null}. Throws {@link LineError} on the first problem. Reuses
 * its scratch buffers: allocates only the event and its strings. Not thread-safe.
 */
final class EventLineParser {
  private static final String[] TOP_KEYS = {
    Schema.EVENT_TYPE, Schema.OBJECT_NAMES[0], Schema.OBJECT_NAMES[1], Schema.OBJECT_NAMES[2]
  };

  private final long[] numbers = new long[Schema.MAX_FIELDS];
  private final String[] strings = new String[Schema.MAX_FIELDS];
  private final boolean[] seen = new boolean[3];
  private final Event[] objects = new Event[3];
  private char[] chars = new char[64];
  private int charCount;
  private byte[] line;
  private int pos;
  private int end;

  /** The event on {@code line[start, end)}. */
  Event parse(byte[] line, int start, int end) {
    this.line = line;
    this.pos = start;
    this.end = end;
    skipWhitespace();
    if (pos == end) {
      throw new LineError("blank line", pos - start);
    }
    try {
      return parseEvent();
    } catch (LineError e) {
      throw new LineError(e.getMessage(), e.offset - start);
    }
  }

  private Event parseEvent() {
    expect('{', "expected '{' to start an event object");
    long type = -1;
    boolean typeSeen = false;
    Arrays.fill(seen, false);
    Arrays.fill(objects, null);
    skipWhitespace();
    if (peek() == '}') {
      pos++;
    } else {
      while (true) {
        skipWhitespace();
        int keyAt = pos;
        int key = parseKey(TOP_KEYS, "top-level key");
        colon();
        if (key == 0) {
          if (typeSeen) {
            throw new LineError("duplicate key \"event_type\"", keyAt);
          }
          typeSeen = true;
          type = parseLong(Schema.EVENT_TYPE);
        } else {
          int kind = key - 1;
          if (seen[kind]) {
            throw new LineError("duplicate key \"" + Schema.OBJECT_NAMES[kind] + "\"", keyAt);
          }
          seen[kind] = true;
          objects[kind] = parseLiteralNull() ? null : parseObject(kind);
        }
        if (!commaOrClose()) {
          break;
        }
      }
    }
    skipWhitespace();
    if (pos != end) {
      throw new LineError("trailing garbage after the event object", pos);
    }
    if (!typeSeen) {
      throw new LineError("missing field \"event_type\"", pos);
    }
    if (type < 0 || type > 2) {
      throw new LineError("unknown event_type " + type + " (expected 0, 1 or 2)", pos);
    }
    String name = Schema.OBJECT_NAMES[(int) type];
    if (objects[(int) type] == null) {
      String how = seen[(int) type] ? "is null" : "is missing";
      throw new LineError("object \"" + name + "\" for event_type " + type + " " + how, pos);
    }
    for (int other = 0; other < 3; other++) {
      if (other != type && objects[other] != null) {
        throw new LineError(
            "event_type " + type + " (" + name + ") but a \"" + Schema.OBJECT_NAMES[other]
                + "\" object is present",
            pos);
      }
    }
    return objects[(int) type];
  }

  private Event parseObject(int kind) {
    String objectName = Schema.OBJECT_NAMES[kind];
    String[] names = Schema.FIELDS[kind];
    boolean[] numeric = Schema.NUMERIC[kind];
    expect('{', "expected an object or null for \"" + objectName + "\"");
    int present = 0;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
    } else {
      while (true) {
        skipWhitespace();
        int keyAt = pos;
        int field = parseKey(names, "field in " + objectName);
        if ((present & (1 << field)) != 0) {
          throw new LineError("duplicate field \"" + names[field] + "\" in " + objectName, keyAt);
        }
        present |= 1 << field;
        colon();
        if (numeric[field]) {
          numbers[field] = parseLong(names[field]);
        } else {
          strings[field] = parseString(names[field]);
        }
        if (!commaOrClose()) {
          break;
        }
      }
    }
    for (int field = 0; field < names.length; field++) {
      if ((present & (1 << field)) == 0) {
        throw new LineError("missing field \"" + names[field] + "\" in " + objectName, pos);
      }
    }
    long[] n = numbers;
    String[] s = strings;
    switch (kind) {
      case Event.PERSON:
        return new Person(n[0], s[1], s[2], s[3], s[4], s[5], n[6], s[7]);
      case Event.AUCTION:
        return new Auction(n[0], s[1], s[2], n[3], n[4], n[5], n[6], n[7], n[8], s[9]);
      default:
        return new Bid(n[0], n[1], n[2], s[3], s[4], n[5], s[6]);
    }
  }

  /** Consumes {@code ,} (returns true: another member follows) or <code>}</code> (false). */
  private boolean commaOrClose() {
    skipWhitespace();
    int c = peek();
    if (c == ',') {
      pos++;
      return true;
    }
    if (c == '}') {
      pos++;
      return false;
    }
    throw new LineError(c < 0 ? "unexpected end of line" : "expected ',' or '}'", pos);
  }

  private void colon() {
    skipWhitespace();
    expect(':', "expected ':' after a key");
    skipWhitespace();
  }

  private boolean parseLiteralNull() {
    if (end - pos >= 4
        && line[pos] == 'n'
        && line[pos + 1] == 'u'
        && line[pos + 2] == 'l'
        && line[pos + 3] == 'l') {
      pos += 4;
      return true;
    }
    return false;
  }

  /** A JSON integer: {@code -?(0|[1-9][0-9]*)} that fits a long. */
  private long parseLong(String field) {
    int start = pos;
    boolean negative = peek() == '-';
    if (negative) {
      pos++;
    }
    int digitsStart = pos;
    long value = 0; // accumulated negatively, to reach Long.MIN_VALUE
    while (pos < end && line[pos] >= '0' && line[pos] <= '9') {
      int digit = line[pos] - '0';
      if (value < (Long.MIN_VALUE + digit) / 10) {
        throw new LineError("bad number for \"" + field + "\": out of range", start);
      }
      value = value * 10 - digit;
      pos++;
    }
    int digits = pos - digitsStart;
    if (digits == 0) {
      String found = describe(peek());
      throw new LineError(
          "bad number for \"" + field + "\": expected an integer, found " + found, start);
    }
    if (digits > 1 && line[digitsStart] == '0') {
      throw new LineError("bad number for \"" + field + "\": leading zero", start);
    }
    int next = peek();
    if (next == '.' || next == 'e' || next == 'E') {
      throw new LineError("bad number for \"" + field + "\": not an integer", start);
    }
    if (Character.isLetterOrDigit(next)) {
      throw new LineError("bad number for \"" + field + "\"", start);
    }
    if (negative) {
      return value;
    }
    if (value == Long.MIN_VALUE) {
      throw new LineError("bad number for \"" + field + "\": out of range", start);
    }
    return -value;
  }

  private String parseString(String field) {
    if (peek() != '"') {
      throw new LineError(
          "field \"" + field + "\" must be a string, found " + describe(peek()), pos);
    }
    int start = ++pos;
    int i = start;
    while (i < end) {
      byte c = line[i];
      if (c == '"') {
        pos = i + 1;
        return new String(line, start, i - start, StandardCharsets.ISO_8859_1);
      }
      if (c < 0x20 || c == '\\') { // also catches bytes >= 0x80, negative as byte
        break;
      }
      i++;
    }
    pos = start;
    decodeStringBody();
    return new String(chars, 0, charCount);
  }

  /**
   * Reads a quoted key and returns its index in {@code names}; fails naming the key if it is not
   * one of them.
   */
  private int parseKey(String[] names, String what) {
    int at = pos;
    if (peek() != '"') {
      throw new LineError("expected a quoted " + what + ", found " + describe(peek()), pos);
    }
    pos++;
    decodeStringBody();
    for (int k = 0; k < names.length; k++) {
      if (decodedEquals(names[k])) {
        return k;
      }
    }
    throw new LineError("unknown " + what + " \"" + new String(chars, 0, charCount) + "\"", at);
  }

  private boolean decodedEquals(String name) {
    if (name.length() != charCount) {
      return false;
    }
    for (int i = 0; i < charCount; i++) {
      if (name.charAt(i) != chars[i]) {
        return false;
      }
    }
    return true;
  }

  /** Decodes string content after the opening quote into {@code chars}, consuming the close. */
  private void decodeStringBody() {
    charCount = 0;
    while (true) {
      if (pos >= end) {
        throw new LineError("unterminated string", pos);
      }
      int c = line[pos] & 0xFF;
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\') {
        escape();
      } else if (c < 0x20) {
        throw new LineError("unescaped control character in string", pos);
      } else if (c < 0x80) {
        put((char) c);
        pos++;
      } else {
        utf8(c);
      }
    }
  }

  private void escape() {
    int at = pos;
    if (pos + 1 >= end) {
      throw new LineError("unterminated string", pos);
    }
    byte c = line[pos + 1];
    pos += 2;
    switch (c) {
      case '"' -> put('"');
      case '\\' -> put('\\');
      case '/' -> put('/');
      case 'b' -> put('\b');
      case 'f' -> put('\f');
      case 'n' -> put('\n');
      case 'r' -> put('\r');
      case 't' -> put('\t');
      case 'u' -> {
        if (end - pos < 4) {
          throw new LineError("truncated \\u escape", at);
        }
        int value = 0;
        for (int k = 0; k < 4; k++) {
          int digit = Character.digit(line[pos + k], 16);
          if (digit < 0) {
            throw new LineError("bad \\u escape: expected four hex digits", at);
          }
          value = value * 16 + digit;
        }
        pos += 4;
        put((char) value);
      }
      default -> throw new LineError("invalid escape \\" + describe(c & 0xFF), at);
    }
  }

  /** Decodes one multi-byte UTF-8 sequence starting with {@code first}, strictly. */
  private void utf8(int first) {
    int at = pos;
    int extra;
    int cp;
    int min;
    if (first >= 0xC2 && first <= 0xDF) {
      extra = 1;
      cp = first & 0x1F;
      min = 0x80;
    } else if (first >= 0xE0 && first <= 0xEF) {
      extra = 2;
      cp = first & 0x0F;
      min = 0x800;
    } else if (first >= 0xF0 && first <= 0xF4) {
      extra = 3;
      cp = first & 0x07;
      min = 0x10000;
    } else {
      throw new LineError("invalid UTF-8", at);
    }
    if (end - pos <= extra) {
      throw new LineError("invalid UTF-8", at);
    }
    for (int k = 1; k <= extra; k++) {
      int b = line[pos + k] & 0xFF;
      if ((b & 0xC0) != 0x80) {
        throw new LineError("invalid UTF-8", at);
      }
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw new LineError("invalid UTF-8", at);
    }
    pos += extra + 1;
    if (cp < 0x10000) {
      put((char) cp);
    } else {
      put(Character.highSurrogate(cp));
      put(Character.lowSurrogate(cp));
    }
  }

  private void put(char c) {
    if (charCount == chars.length) {
      chars = Arrays.copyOf(chars, chars.length * 2);
    }
    chars[charCount++] = c;
  }

  private void expect(char c, String problem) {
    if (peek() != c) {
      throw new LineError(problem + ", found " + describe(peek()), pos);
    }
    pos++;
  }

  private int peek() {
    return pos < end ? line[pos] & 0xFF : -1;
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte c = line[pos];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return;
      }
      pos++;
    }
  }

  private static String describe(int c) {
    if (c < 0) {
      return "end of line";
    }
    if (c >= 0x21 && c < 0x7F) {
      return "'" + (char) c + "'";
    }
    return String.format("byte 0x%02x", c);
  }
}
