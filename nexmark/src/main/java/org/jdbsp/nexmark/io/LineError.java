package org.jdbsp.nexmark.io;

/** What is wrong with one line, and at which byte of it; the reader adds file and line number. */
final class LineError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** 0-based byte offset in the line. */
  final int offset;

  LineError(String problem, int offset) {
    super(problem, null, false, false);
    this.offset = offset;
  }
}
