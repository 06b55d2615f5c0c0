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
    assertEquals("https://www.nexmark.com/_ius/qcy/bxr/item.htm?query=1", Channels.url(3));
    assertEquals("channel-0", Channels.channel(4));
    assertEquals("channel-9999", Channels.channel(4 + 9_999));
    assertEquals(
        "https://www.nexmark.com/xied/ugsy/ucg/item.htm?query=1&channel_id=1052508160",
        Channels.url(4 + 8835));
  }

  /** nexmark/nexmark's BidGenerator: a random three-piece path, and for 90% of cold channels their id. */
  @Test
  void urlsFollowTheFlinkGeneratorsFormat() {
    java.util.regex.Pattern base =
        java.util.regex.Pattern.compile(
            "https://www\\.nexmark\\.com/[a-z_]{3,4}/[a-z_]{3,4}/[a-z_]{3,4}/item\\.htm\\?query=1");
    java.util.Set<String> hot = new java.util.HashSet<>();
    for (int i = 0; i < 4; i++) {
      assertTrue(base.matcher(Channels.url(i)).matches(), Channels.url(i));
      hot.add(Channels.url(i));
    }
    assertEquals(4, hot.size(), "four different hot urls");
    int withId = 0;
    for (int n = 0; n < Channels.CHANNELS; n++) {
      String url = Channels.url(4 + n);
      String suffix = "&channel_id=" + Math.abs(Integer.reverse(n));
      if (url.endsWith(suffix)) {
        withId++;
        url = url.substring(0, url.length() - suffix.length());
      }
      assertTrue(base.matcher(url).matches(), Channels.url(4 + n));
      assertEquals(Channels.baseUrl(new java.util.Random(n)), url, "channel " + n + "'s url is its seed's");
    }
    assertTrue(withId > 8_800 && withId < 9_200, withId + " of 10,000 urls carry their channel id");
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
