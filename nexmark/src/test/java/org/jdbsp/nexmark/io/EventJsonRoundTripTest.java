package org.jdbsp.nexmark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJsonRoundTripTest {

  @Test
  void generatedEventsSurviveAFileRoundTrip(@TempDir Path dir) throws IOException {
    List<Event> events = new ArrayList<>();
    new NexmarkGenerator(NexmarkConfig.builder().numEvents(30_000).build())
        .forEachRemaining(events::add);
    Path file = dir.resolve("events.jsonl");
    try (EventJsonWriter writer = EventJsonWriter.create(file)) {
      for (Event event : events) {
        writer.write(event);
      }
    }
    assertEquals(30_000, Files.readAllLines(file).size());
    assertEquals(events, EventJsonReader.readAll(file));
  }

  @Test
  void writesTheStandardSchemaWithEscapes() {
    Bid bid =
        new Bid(1000, 1001, 32_530_001, "Apple", "https://x/?a=1&b=2", 1436918400040L, "a\\b`");
    assertEquals(
        "{\"event_type\":2,\"bid\":{\"auction\":1000,\"bidder\":1001,\"price\":32530001,"
            + "\"channel\":\"Apple\",\"url\":\"https://x/?a=1&b=2\",\"dateTime\":1436918400040,"
            + "\"extra\":\"a\\\\b`\"}}",
        EventJsonWriter.toJson(bid));
    Person person =
        new Person(-5, "q\"t", "tab\there", "nl\ncr\r", "\u0001\u001f", "é€", 0, "😀");
    assertEquals(
        "{\"event_type\":0,\"person\":{\"id\":-5,\"name\":\"q\\\"t\","
            + "\"emailAddress\":\"tab\\there\","
            + "\"creditCard\":\"nl\\ncr\\r\",\"city\":\"\\u0001\\u001f\",\"state\":\"é€\","
            + "\"dateTime\":0,\"extra\":\"😀\"}}",
        EventJsonWriter.toJson(person));
  }

  @Test
  void awkwardStringsAndExtremeNumbersRoundTrip() throws IOException {
    String awkward = "\"\\/\b\f\n\r\t\u0000\u007f é € 😀 \ud800 lone \udc00 \u2028";
    List<Event> events =
        List.of(
            new Person(Long.MIN_VALUE, awkward, "", " ", "x", "y", Long.MAX_VALUE, awkward),
            new Auction(0, awkward, "d", -1, 1, -9, 9, Long.MAX_VALUE, Long.MIN_VALUE, ""),
            new Bid(1, 2, 3, awkward, "", 4, awkward));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EventJsonWriter writer = new EventJsonWriter(bytes)) {
      writer.write(events.toArray(new Event[0]), 0, 3);
    }
    EventJsonReader reader =
        new EventJsonReader(new ByteArrayInputStream(bytes.toByteArray()), "memory");
    for (Event expected : events) {
      assertEquals(expected, reader.read());
    }
    assertNull(reader.read());
    assertEquals(3, reader.lineNumber());
  }

  @Test
  void readerAcceptsWhatOtherWritersMayProduce() throws IOException {
    String text =
        "  { \"bid\" : { \"extra\":\"\\u00e9\\uD83D\\uDE00\\/\", \"dateTime\":7, \"url\":\"u\","
            + " \"channel\":\"c\", \"price\":-0, \"bidder\":2, \"auction\":1 } ,"
            + " \"person\": null, \"event_type\" : 2 }\r\n"
            + "{\"event_type\":1,\"person\":null,\"auction\":{\"id\":1,\"itemName\":\"i\","
            + "\"description\":\"d\",\"initialBid\":2,\"reserve\":3,\"dateTime\":4,\"expires\":5,"
            + "\"seller\":6,\"category\":7,\"extra\":\"\"},\"bid\":null}";
    EventJsonReader reader =
        new EventJsonReader(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "memory");
    assertEquals(new Bid(1, 2, 0, "c", "u", 7, "é😀/"), reader.read());
    assertEquals(new Auction(1, "i", "d", 2, 3, 4, 5, 6, 7, ""), reader.read());
    assertNull(reader.read());
  }

  @Test
  void linesLongerThanTheBufferAndAnEmptyInputWork() throws IOException {
    String longExtra = "x".repeat(200_000);
    Bid bid = new Bid(1, 2, 3, "c", "u", 4, longExtra);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EventJsonWriter writer = new EventJsonWriter(bytes)) {
      writer.write(bid);
      writer.write(bid);
    }
    EventJsonReader reader =
        new EventJsonReader(new ByteArrayInputStream(bytes.toByteArray()), "memory");
    assertEquals(bid, reader.read());
    assertEquals(bid, reader.read());
    assertNull(reader.read());
    assertNull(new EventJsonReader(new ByteArrayInputStream(new byte[0]), "empty").read());
  }
}
