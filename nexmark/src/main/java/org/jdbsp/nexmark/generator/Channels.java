package org.jdbsp.nexmark.generator;

/**
 * Bid channels and URLs, which Beam's bids lack, distributed like the Flink Nexmark generator's:
 * half of the bids come through one of four hot channels with fixed URLs, the rest through {@code
 * channel-<n>}, n uniform in [0, 10000), with a URL ending in {@code &channel_id=<n>}.
 *
 * <p>The draw uses its own stream, {@code new SplittableRandom(eventId).nextLong()}, so it never
 * perturbs Beam's stream and repeats run to run. All strings are precomputed and shared, so a
 * choice allocates nothing. Immutable and thread-safe.
 */
final class Channels {
  static final int CHANNELS = 10_000;
  static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
  static final String[] HOT_URLS = {
    "https://www.nexmark.com/google/item.htm?query=1",
    "https://www.nexmark.com/facebook/item.htm?query=1",
    "https://www.nexmark.com/baidu/item.htm?query=1",
    "https://www.nexmark.com/apple/item.htm?query=1"
  };

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final String[] COLD_CHANNELS = new String[CHANNELS];
  private static final String[] COLD_URLS = new String[CHANNELS];

  static {
    for (int n = 0; n < CHANNELS; n++) {
      COLD_CHANNELS[n] = "channel-" + n;
      COLD_URLS[n] = "https://www.nexmark.com/channel/item.htm?query=1&channel_id=" + n;
    }
  }

  private Channels() {}

  /**
   * Index of the channel of the bid with {@code eventId}: {@code 0..3} for the hot channels,
   * {@code 4 + n} for {@code channel-<n>}.
   */
  static int pick(long eventId) {
    long r = splitMix64(eventId + GOLDEN_GAMMA);
    if (r < 0) {
      return (int) ((r >>> 32) & 3);
    }
    return 4 + (int) (((r & 0xFFFF_FFFFL) * CHANNELS) >>> 32);
  }

  static String channel(int pick) {
    return pick < 4 ? HOT_CHANNELS[pick] : COLD_CHANNELS[pick - 4];
  }

  static String url(int pick) {
    return pick < 4 ? HOT_URLS[pick] : COLD_URLS[pick - 4];
  }

  /** {@code SplittableRandom}'s output mix (Stafford variant 13). */
  private static long splitMix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
