package org.jdbsp.nexmark.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbsp.nexmark.model.Event;

/**
 * Reads a JSON Lines file of events in the standard Nexmark schema, strictly: every line must be
 * one valid event object (see {@link EventJsonWriter} for the format; keys may come in any order
 * and the two other event objects may be present as {@code null}). Blank lines, unknown keys,
 * missing or duplicate fields, non-integers, bad escapes, invalid UTF-8 and trailing garbage all
 * raise a {@link MalformedEventException} naming the source and 1-based line; nothing is skipped.
 * Splits lines in a reusable byte buffer and parses bytes directly: allocates only the events and
 * their strings. Not thread-safe.
 */
public final class EventJsonReader implements Closeable {
  private final InputStream in;
  private final String source;
  private final EventLineParser parser = new EventLineParser();
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int limit;
  private int scanned;
  private boolean eof;
  private long lineNumber;

  /** A reader of {@code in}, calling it {@code source} in error messages; closes {@code in}. */
  public EventJsonReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  /** A reader of {@code file}. */
  public static EventJsonReader open(Path file) throws IOException {
    return new EventJsonReader(Files.newInputStream(file), file.toString());
  }

  /** Every event in {@code file}, in order. */
  public static List<Event> readAll(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    try (EventJsonReader reader = open(file)) {
      for (Event e = reader.read(); e != null; e = reader.read()) {
        events.add(e);
      }
    }
    return events;
  }

  /** The next event, or {@code null} at the end of the input. */
  public Event read() throws IOException {
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buffer[i] == '\n') {
          int lineStart = start;
          start = i + 1;
          scanned = start;
          return parse(lineStart, i);
        }
      }
      scanned = limit;
      if (eof) {
        if (start == limit) {
          return null;
        }
        int lineStart = start;
        start = limit;
        return parse(lineStart, limit);
      }
      fill();
    }
  }

  /** Number of lines read so far. */
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private Event parse(int from, int to) throws MalformedEventException {
    lineNumber++;
    try {
      return parser.parse(buffer, from, to);
    } catch (LineError e) {
      throw new MalformedEventException(
          source, lineNumber, e.getMessage() + " (column " + (e.offset + 1) + ")");
    }
  }

  /** Moves the partial line to the front, grows the buffer if the line fills it, reads more. */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, limit - start);
      limit -= start;
      scanned -= start;
      start = 0;
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = in.read(buffer, limit, buffer.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }
}
