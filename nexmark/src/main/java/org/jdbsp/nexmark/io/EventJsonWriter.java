package org.jdbsp.nexmark.io;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;

/**
 * Writes events as JSON Lines in the standard Nexmark schema, UTF-8, one object and one {@code \n}
 * per event, fields in schema order. Encodes straight into a 64 KiB byte buffer: no per-event
 * allocation. Strings are escaped per RFC 8259 (quote, backslash, control characters; unpaired
 * surrogates as {@code \}{@code uXXXX} so they survive a round trip). Not thread-safe.
 */
public final class EventJsonWriter implements Closeable, Flushable {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MIN_LONG =
      Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
  private static final byte[][] HEADS = new byte[3][];
  private static final byte[][][] KEYS = new byte[3][][];

  static {
    for (int type = 0; type < 3; type++) {
      HEADS[type] =
          ("{\"" + Schema.EVENT_TYPE + "\":" + type + ",\"" + Schema.OBJECT_NAMES[type] + "\":{")
              .getBytes(StandardCharsets.US_ASCII);
      String[] names = Schema.FIELDS[type];
      KEYS[type] = new byte[names.length][];
      for (int f = 0; f < names.length; f++) {
        String key = (f == 0 ? "\"" : ",\"") + names[f] + "\":";
        KEYS[type][f] = key.getBytes(StandardCharsets.US_ASCII);
      }
    }
  }

  private final OutputStream out;
  private final byte[] buffer = new byte[1 << 16];
  private int position;

  /** A writer appending to {@code out}; closing the writer closes {@code out}. */
  public EventJsonWriter(OutputStream out) {
    this.out = out;
  }

  /** A writer creating or truncating {@code file}. */
  public static EventJsonWriter create(Path file) throws IOException {
    return new EventJsonWriter(Files.newOutputStream(file));
  }

  /** The JSON object for {@code event}, without the line terminator. */
  public static String toJson(Event event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EventJsonWriter writer = new EventJsonWriter(bytes)) {
      writer.write(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: in memory
    }
    byte[] line = bytes.toByteArray();
    return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
  }

  /** Writes one event and its line terminator. */
  public void write(Event event) throws IOException {
    int type = event.eventType();
    byte[][] keys = KEYS[type];
    raw(HEADS[type]);
    if (event instanceof Person p) {
      number(keys[0], p.id());
      string(keys[1], p.name());
      string(keys[2], p.emailAddress());
      string(keys[3], p.creditCard());
      string(keys[4], p.city());
      string(keys[5], p.state());
      number(keys[6], p.dateTime());
      string(keys[7], p.extra());
    } else if (event instanceof Auction a) {
      number(keys[0], a.id());
      string(keys[1], a.itemName());
      string(keys[2], a.description());
      number(keys[3], a.initialBid());
      number(keys[4], a.reserve());
      number(keys[5], a.dateTime());
      number(keys[6], a.expires());
      number(keys[7], a.seller());
      number(keys[8], a.category());
      string(keys[9], a.extra());
    } else {
      Bid b = (Bid) event;
      number(keys[0], b.auction());
      number(keys[1], b.bidder());
      number(keys[2], b.price());
      string(keys[3], b.channel());
      string(keys[4], b.url());
      number(keys[5], b.dateTime());
      string(keys[6], b.extra());
    }
    room(3);
    buffer[position++] = '}';
    buffer[position++] = '}';
    buffer[position++] = '\n';
  }

  /** Writes {@code events[offset .. offset + length)}. */
  public void write(Event[] events, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(events[i]);
    }
  }

  @Override
  public void flush() throws IOException {
    out.write(buffer, 0, position);
    position = 0;
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try (out) {
      out.write(buffer, 0, position);
      position = 0;
    }
  }

  private void raw(byte[] bytes) throws IOException {
    room(bytes.length);
    System.arraycopy(bytes, 0, buffer, position, bytes.length);
    position += bytes.length;
  }

  private void number(byte[] key, long value) throws IOException {
    raw(key);
    if (value == Long.MIN_VALUE) {
      raw(MIN_LONG);
      return;
    }
    room(20);
    if (value < 0) {
      buffer[position++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    int end = position + digits;
    for (int i = end - 1; i >= position; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    position = end;
  }

  private void string(byte[] key, String value) throws IOException {
    raw(key);
    room(1);
    buffer[position++] = '"';
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      room(12);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        buffer[position++] = (byte) c;
      } else if (c < 0x80) {
        escapeAscii(c);
      } else if (c < 0x800) {
        buffer[position++] = (byte) (0xC0 | (c >>> 6));
        buffer[position++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        buffer[position++] = (byte) (0xE0 | (c >>> 12));
        buffer[position++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
        buffer[position++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, value.charAt(++i));
        buffer[position++] = (byte) (0xF0 | (cp >>> 18));
        buffer[position++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
        buffer[position++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
        buffer[position++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        unicodeEscape(c);
      }
    }
    room(1);
    buffer[position++] = '"';
  }

  private void escapeAscii(char c) {
    char escape;
    switch (c) {
      case '"' -> escape = '"';
      case '\\' -> escape = '\\';
      case '\n' -> escape = 'n';
      case '\r' -> escape = 'r';
      case '\t' -> escape = 't';
      case '\b' -> escape = 'b';
      case '\f' -> escape = 'f';
      default -> escape = 0;
    }
    if (escape != 0) {
      buffer[position++] = '\\';
      buffer[position++] = (byte) escape;
    } else {
      unicodeEscape(c);
    }
  }

  private void unicodeEscape(char c) {
    buffer[position++] = '\\';
    buffer[position++] = 'u';
    buffer[position++] = HEX[(c >>> 12) & 0xF];
    buffer[position++] = HEX[(c >>> 8) & 0xF];
    buffer[position++] = HEX[(c >>> 4) & 0xF];
    buffer[position++] = HEX[c & 0xF];
  }

  /** Makes room for {@code n} more bytes (n at most the buffer size), flushing if needed. */
  private void room(int n) throws IOException {
    if (position + n > buffer.length) {
      out.write(buffer, 0, position);
      position = 0;
    }
  }
}
