package org.jdbsp.nexmark.io;

import java.io.IOException;

/**
 * A line of an event file that is not a valid event. The message reads {@code
 * <source>:<line>: <problem> (column <byte>)}; lines and columns count from 1.
 */
public final class MalformedEventException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long lineNumber;

  MalformedEventException(String source, long lineNumber, String problem) {
    super(source + ":" + lineNumber + ": " + problem);
    this.source = source;
    this.lineNumber = lineNumber;
  }

  /** Name of the file or stream read. */
  public String source() {
    return source;
  }

  /** 1-based number of the bad line. */
  public long lineNumber() {
    return lineNumber;
  }
}
