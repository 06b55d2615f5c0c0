package org.jdbsp.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.junit.jupiter.api.Test;

class ChannelsTest {

  @Test
  void drawIsTheFirstLongOfASplittableRandomSeededWithTheEventId() {
    for (long eventId = 0; eventId < 100_000; eventId += 13) {
      long r = new SplittableRandom(eventId).nextLong();
      int expected =
          r < 0 ? (int) ((r >>> 32) & 3) : 4 + (int) (((r & 0xFFFF_FFFFL) * 10_000) >>> 32);
      assertEquals(expected, Channels.pick(eventId), "event id " + eventId);
    }
  }

  @Test
  void halfTheBidsUseHotChannelsTheRestSpreadOverTenThousand() {
    int hot = 0;
    int[] hotCounts = new int[4];
    boolean[] coldSeen = new boolean[Channels.CHANNELS];
    int n = 400_000;
    for (long eventId = 0; eventId < n; eventId++) {
      int pick = Channels.pick(eventId);
      if (pick < 4) {
        hot++;
        hotCounts[pick]++;
      } else {
        coldSeen[pick - 4] = true;
      }
    }
    assertTrue(Math.abs(hot - n / 2) < n / 100, "hot share " + hot);
    for (int count : hotCounts) {
      assertTrue(Math.abs(count - n / 8) < n / 100, "hot channel count " + count);
    }
    for (int c = 0; c < Channels.CHANNELS; c++) {
      assertTrue(coldSeen[c], "channel-" + c + " never drawn");
    }
  }

  @Test
  void urlsMatchTheirChannels() {
    assertEquals("Google", Channels.channel(0));
    assertEquals("https://www.nexmark.com/apple/item.htm?query=1", Channels.url(3));
    assertEquals("channel-0", Channels.channel(4));
    assertEquals("channel-9999", Channels.channel(4 + 9_999));
    assertTrue(Channels.url(4 + 42).endsWith("&channel_id=42"));
  }

  @Test
  void generatedBidsCarryTheChannelOfTheirEventIdAndShareItsStrings() {
    NexmarkGenerator generator =
        new NexmarkGenerator(NexmarkConfig.builder().firstEventId(77).numEvents(500).build());
    for (long i = 0; i < 500; i++) {
      Event event = generator.next();
      if (event instanceof Bid bid) {
        int pick = Channels.pick(77 + i);
        assertSame(Channels.channel(pick), bid.channel());
        assertSame(Channels.url(pick), bid.url());
      }
    }
  }
}
