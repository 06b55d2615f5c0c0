package org.jdbsp.nexmark.generator;

/**
 * Bid channels and URLs, which Beam's bids lack, as nexmark/nexmark's {@code BidGenerator} (the generator
 * Flink's Nexmark uses) makes them: half of the bids come through one of four hot channels (Google, Facebook,
 * Baidu, Apple), each with one fixed URL; the rest through {@code channel-<n>}, n uniform in [0, 10000), each
 * channel with its own URL. A URL is {@code https://www.nexmark.com/<a>/<b>/<c>/item.htm?query=1}, each of
 * a, b, c three or four random letters or {@code '_'}; 90% of the cold channels' URLs end in
 * {@code &channel_id=<|Integer.reverse(n)|>}.
 *
 * <p>nexmark/nexmark draws each URL once from an unseeded {@code Random} and draws the channel from the bid's
 * own stream (which shifts every field drawn after it). Here the channel is drawn from its own stream, {@code
 * new SplittableRandom(eventId).nextLong()}, so Beam's fields stay Beam's, and each URL from a {@code
 * java.util.Random} seeded by its channel, so runs repeat. All strings are precomputed and shared, so a choice
 * allocates nothing. Immutable and thread-safe.
 */
final class Channels {
  static final int CHANNELS = 10_000;
  static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
  /** Seeds of the URLs' random sources: hot channel i uses {@code HOT_SEED + i}, cold channel n {@code n}. */
  static final long HOT_SEED = -1_000_000L;

  static final String[] HOT_URLS = new String[HOT_CHANNELS.length];
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final String[] COLD_CHANNELS = new String[CHANNELS];
  private static final String[] COLD_URLS = new String[CHANNELS];

  /** Every channel by {@link #pick} index: the hot ones, then the cold ones (one lookup, no branch). */
  private static final String[] ALL_CHANNELS = new String[HOT_CHANNELS.length + CHANNELS];

  private static final String[] ALL_URLS = new String[HOT_CHANNELS.length + CHANNELS];

  static {
    for (int i = 0; i < HOT_URLS.length; i++) {
      HOT_URLS[i] = baseUrl(new java.util.Random(HOT_SEED + i));
    }
    for (int n = 0; n < CHANNELS; n++) {
      COLD_CHANNELS[n] = "channel-" + n;
      java.util.Random random = new java.util.Random(n);
      String url = baseUrl(random);
      if (random.nextInt(10) > 0) {
        url = url + "&channel_id=" + Math.abs(Integer.reverse(n));
      }
      COLD_URLS[n] = url;
    }
    System.arraycopy(HOT_CHANNELS, 0, ALL_CHANNELS, 0, HOT_CHANNELS.length);
    System.arraycopy(COLD_CHANNELS, 0, ALL_CHANNELS, HOT_CHANNELS.length, CHANNELS);
    System.arraycopy(HOT_URLS, 0, ALL_URLS, 0, HOT_URLS.length);
    System.arraycopy(COLD_URLS, 0, ALL_URLS, HOT_URLS.length, CHANNELS);
  }

  /** nexmark/nexmark's base URL: three random path pieces, then the page. */
  static String baseUrl(java.util.Random random) {
    return "https://www.nexmark.com/" + piece(random) + '/' + piece(random) + '/' + piece(random)
        + "/item.htm?query=1";
  }

  /** nexmark/nexmark's {@code nextString(random, 5, '_')}: 3 or 4 letters or underscores (trimming keeps them). */
  private static String piece(java.util.Random random) {
    int len = 3 + random.nextInt(5 - 3);
    StringBuilder sb = new StringBuilder(len);
    while (len-- > 0) {
      sb.append(random.nextInt(13) == 0 ? '_' : (char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }

  private Channels() {}

  /**
   * Index of the channel of the bid with {@code eventId}: {@code 0..3} for the hot channels,
   * {@code 4 + n} for {@code channel-<n>}.
   */
  static int pick(long eventId) {
    long r = splitMix64(eventId + GOLDEN_GAMMA);
    int hot = (int) ((r >>> 32) & 3);
    int cold = 4 + (int) (((r & 0xFFFF_FFFFL) * CHANNELS) >>> 32);
    return r < 0 ? hot : cold; // both computed: the sign is a coin toss no branch predictor guesses
  }

  static String channel(int pick) {
    return ALL_CHANNELS[pick];
  }

  static String url(int pick) {
    return ALL_URLS[pick];
  }

  /** {@code SplittableRandom}'s output mix (Stafford variant 13). */
  private static long splitMix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
