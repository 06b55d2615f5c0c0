package org.jdbsp.nexmark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad line is rejected with file, line number and the problem. */
class MalformedLinesTest {
  private static final String GOOD =
      EventJsonWriter.toJson(new Bid(1000, 1001, 5, "Apple", "u", 1436918400040L, "x"));
  private static final String FIELDS =
      "\"auction\":1,\"bidder\":2,\"channel\":\"c\",\"url\":\"u\",\"dateTime\":3,\"extra\":\"e\"";

  static Stream<Arguments> badLines() {
    return Stream.of(
        Arguments.of("", "blank line"),
        Arguments.of("  \t", "blank line"),
        Arguments.of("[1]", "expected '{' to start an event object, found '['"),
        Arguments.of(bid("\"price\":\"12\""), "bad number for \"price\": expected an"),
        Arguments.of(bid("\"price\":null"), "bad number for \"price\": expected an integer"),
        Arguments.of(bid("\"price\":1.5"), "bad number for \"price\": not an integer"),
        Arguments.of(bid("\"price\":1e3"), "bad number for \"price\": not an integer"),
        Arguments.of(bid("\"price\":012"), "bad number for \"price\": leading zero"),
        Arguments.of(bid("\"price\":12abc"), "bad number for \"price\""),
        Arguments.of(bid("\"price\":-"), "bad number for \"price\": expected an integer"),
        Arguments.of(bid("\"price\":9223372036854775808"), "for \"price\": out of range"),
        Arguments.of(bid("\"price\":-9223372036854775809"), "for \"price\": out of range"),
        Arguments.of(
            "{\"event_type\":2,\"bid\":{" + FIELDS + "}}", "missing field \"price\" in bid"),
        Arguments.of(bid("\"price\":1,\"foo\":2"), "unknown field in bid \"foo\""),
        Arguments.of(bid("\"price\":1,\"price\":2"), "duplicate field \"price\" in bid"),
        Arguments.of(
            "{\"event_type\":2,\"bid\":{\"price\":1," + FIELDS.replace("\"c\"", "5") + "}}",
            "field \"channel\" must be a string, found '5'"),
        Arguments.of(
            "{\"event_type\":2,\"bid\":{\"price\":1," + FIELDS.replace("\"c\"", "null") + "}}",
            "field \"channel\" must be a string, found 'n'"),
        Arguments.of(GOOD.replace("\"event_type\":2", "\"event_type\":3"), "unknown event_type 3"),
        Arguments.of(
            GOOD.replace("\"event_type\":2", "\"event_type\":-1"), "unknown event_type -1"),
        Arguments.of(GOOD.replace("\"event_type\":2,", ""), "missing field \"event_type\""),
        Arguments.of(GOOD.replace("{\"event_type\":2,", "{\"event_type\":2,\"event_type\":2,"),
            "duplicate key \"event_type\""),
        Arguments.of(GOOD.replace("\"bid\"", "\"person\""), "unknown field in person \"auction\""),
        Arguments.of("{\"event_type\":2}", "object \"bid\" for event_type 2 is missing"),
        Arguments.of("{\"event_type\":2,\"bid\":null}", "object \"bid\" for event_type 2 is null"),
        Arguments.of("{\"event_type\":2,\"bid\":5}", "expected an object or null for \"bid\""),
        Arguments.of(GOOD.replace("{\"event_type\":2,", "{\"event_type\":2,\"auction\":{},"),
            "missing field \"id\" in auction"),
        Arguments.of(GOOD.replace("{\"event_type\":2,", "{\"event_type\":2,\"foo\":1,"),
            "unknown top-level key \"foo\""),
        Arguments.of(GOOD + "x", "trailing garbage after the event object"),
        Arguments.of(GOOD + "}", "trailing garbage after the event object"),
        Arguments.of(GOOD + " " + GOOD, "trailing garbage after the event object"),
        Arguments.of(GOOD.substring(0, GOOD.length() - 1), "unexpected end of line"),
        Arguments.of("{\"event_type\":2,", "expected a quoted top-level key, found end of line"),
        Arguments.of(GOOD.replace("}}", ",}}"), "expected a quoted field in bid, found '}'"),
        Arguments.of(GOOD.replace("\"bid\":", "\"bid\" "), "expected ':' after a key, found '{'"),
        Arguments.of(GOOD.replace(",\"bidder\"", " \"bidder\""), "expected ',' or '}'"),
        Arguments.of(GOOD.replace("\"x\"", "\"a\\xb\""), "invalid escape \\'x'"),
        Arguments.of(GOOD.replace("\"x\"", "\"\\u12G4\""), "bad \\u escape"),
        Arguments.of(GOOD.replace("\"x\"}}", "\"\\u12"), "truncated \\u escape"),
        Arguments.of(GOOD.replace("\"x\"}}", "\"abc"), "unterminated string"),
        Arguments.of(GOOD.replace("\"x\"", "\"a\tb\""), "unescaped control character in string"));
  }

  @ParameterizedTest
  @MethodSource("badLines")
  void badLineIsRejectedWithFileLineAndProblem(String bad, String problem) {
    MalformedEventException e = readSecondLine(bad.getBytes(StandardCharsets.UTF_8));
    assertTrue(e.getMessage().startsWith("bad.jsonl:2: "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(e.getMessage().matches(".*\\(column \\d+\\)"), e.getMessage());
    assertEquals(2, e.lineNumber());
    assertEquals("bad.jsonl", e.source());
  }

  static Stream<byte[]> invalidUtf8() {
    return Stream.of(
        new byte[] {(byte) 0xFF},
        new byte[] {(byte) 0xC0, (byte) 0x80}, // overlong NUL
        new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, // overlong
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // encoded surrogate
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        new byte[] {(byte) 0xC3}, // truncated
        new byte[] {(byte) 0xC3, 'a'}); // bad continuation
  }

  @ParameterizedTest
  @MethodSource("invalidUtf8")
  void invalidUtf8InAStringIsRejected(byte[] bytes) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int at = GOOD.indexOf("\"x\"") + 1;
    line.write(GOOD.substring(0, at).getBytes(StandardCharsets.UTF_8));
    line.write(bytes);
    line.write(GOOD.substring(at + 1).getBytes(StandardCharsets.UTF_8));
    MalformedEventException e = readSecondLine(line.toByteArray());
    assertTrue(e.getMessage().startsWith("bad.jsonl:2: invalid UTF-8 (column " + (at + 1) + ")"),
        e.getMessage());
  }

  @Test
  void errorsFromAFileNameThePathAndStopTheRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, GOOD + "\n" + GOOD + "\n" + GOOD.replace("5", "5.0") + "\n" + GOOD);
    MalformedEventException e =
        assertThrows(MalformedEventException.class, () -> EventJsonReader.readAll(file));
    assertEquals(file + ":3: bad number for \"price\": not an integer (column 61)", e.getMessage());
    assertEquals(3, e.lineNumber());
  }

  private static String bid(String price) {
    return "{\"event_type\":2,\"bid\":{" + price + "," + FIELDS + "}}";
  }

  private static MalformedEventException readSecondLine(byte[] bad) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes(GOOD.getBytes(StandardCharsets.UTF_8));
    text.write('\n');
    text.writeBytes(bad);
    text.write('\n');
    text.writeBytes(GOOD.getBytes(StandardCharsets.UTF_8));
    EventJsonReader reader =
        new EventJsonReader(new ByteArrayInputStream(text.toByteArray()), "bad.jsonl");
    try {
      reader.read();
    } catch (IOException e) {
      throw new AssertionError("first line is good", e);
    }
    return assertThrows(MalformedEventException.class, reader::read);
  }
}
