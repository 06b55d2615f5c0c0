package org.jdbsp.nexmark.queries;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.aggregate.Fold;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 16, "channel statistics report": {@link Q15}'s statistics per channel and day, plus the latest
 * minute of the day ({@code HH:mm}) with a bid on the channel.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q16.sql}):
 * <pre>{@code
 * INSERT INTO nexmark_q16
 * SELECT
 *     channel,
 *     DATE_FORMAT(dateTime, 'yyyy-MM-dd') as `day`,
 *     max(DATE_FORMAT(dateTime, 'HH:mm')) as `minute`,
 *     count(*) AS total_bids,
 *     count(*) filter (where price < 10000) AS rank1_bids,
 *     count(*) filter (where price >= 10000 and price < 1000000) AS rank2_bids,
 *     count(*) filter (where price >= 1000000) AS rank3_bids,
 *     count(distinct bidder) AS total_bidders,
 *     count(distinct bidder) filter (where price < 10000) AS rank1_bidders,
 *     count(distinct bidder) filter (where price >= 10000 and price < 1000000) AS rank2_bidders,
 *     count(distinct bidder) filter (where price >= 1000000) AS rank3_bidders,
 *     count(distinct auction) AS total_auctions,
 *     count(distinct auction) filter (where price < 10000) AS rank1_auctions,
 *     count(distinct auction) filter (where price >= 10000 and price < 1000000) AS rank2_auctions,
 *     count(distinct auction) filter (where price >= 1000000) AS rank3_auctions
 * FROM bid
 * GROUP BY channel, DATE_FORMAT(dateTime, 'yyyy-MM-dd');
 * }</pre>
 *
 * <p>Times are UTC. Since the group fixes the day, {@code max(HH:mm)} is the largest minute of the day among the
 * group's bids (zero-padded strings order like the minutes).
 *
 * <p><b>Circuit.</b> As {@link Q15}, keyed by (channel, day): each bid's group code and price rank
 * ({@link BidTick}: a step's bids of one group and rank merge into one row) and the changes of an incremental
 * distinct over the keys (channel, day, bidder or auction, rank or all) are folded per group, grouped by a
 * {@code long} code of the group ({@link #groupCode}), by one invertible fold whose accumulator is updated in place
 * ({@link Fold#invertibleInPlace}: one copy per touched group and step). The maximum minute, not invertible by
 * counters, is kept exactly in the same fold from a fifth distinct key per bid, (channel, day, minute of day):
 * the accumulator holds a 1440-bit set of the minutes present (a distinct key is inserted with +1 once and deleted
 * with -1 once, so setting and clearing its bit is an invertible step), and the set's maximum is kept beside it
 * (found again by a scan of at most 23 words only when the latest minute disappears). The output's channel and
 * day are read back from the group code. Cost per bid: 5 hash probes in the distinct's state and O(1) fold steps;
 * per touched group and step one copy of the accumulator (about 300 bytes), one retraction and one insertion.
 * State: one entry per distinct key, one accumulator per group. The distinct keeps its keys by a code of two
 * longs ({@link Distinct#distinctByLongs}: the day, the channel's {@link #channelCode} and the slot, then the id),
 * with no object per key; the code covers the generator's channels, and a bid on another channel fails its step
 * with an error naming it.
 */
public final class Q16 implements NexmarkQuery<Q16.Row> {
    private static final int MINUTES_PER_DAY = 1440;
    private static final int MINUTE_SLOT = 8;

    /** An output row. */
    public record Row(String channel, String day, String minute, long totalBids, long rank1Bids, long rank2Bids,
                      long rank3Bids, long totalBidders, long rank1Bidders, long rank2Bidders, long rank3Bidders,
                      long totalAuctions, long rank1Auctions, long rank2Auctions, long rank3Auctions) {
    }

    /**
     * What the fold reads of a bid: its {@link #groupCode} and price rank. Bids of
     * one group and rank in a step merge into one row of the change, their count its weight.
     */
    record BidTick(long group, int rank) {
        @Override
        public int hashCode() {
            return Q15.hash(group, rank);
        }
    }

    /**
     * A distinct key: slots 0..7 as in {@link Q15.DKey}, slot 8 with {@code id} = minute of the day. {@code code}
     * packs the day, the channel's {@link #channelCode} and the slot into one long, which with {@code id} identifies
     * the key (the distinct's primitive code).
     */
    record DKey(long id, int slot, long code) {
        static DKey of(long day, int channelCode, long id, int slot) {
            return new DKey(id, slot, groupCode(day, channelCode) | slot);
        }

        /** The key's group: its code without the slot. */
        long group() {
            return code & ~0xFL;
        }

        @Override
        public int hashCode() {
            return Q15.hash(code, id);
        }
    }

    /** The code of the group (day, channel), in the high 60 bits of a {@link DKey#code}: the fold's key. */
    static long groupCode(long day, int channelCode) {
        return day << 32 | (long) channelCode << 4;
    }

    /** The largest channel number {@link #channelCode} takes ({@code channel-<n>}): codes stay below 2^28. */
    static final int MAX_CHANNEL_NUMBER = (1 << 28) - 5;

    /**
     * The channel's number in the distinct's code: 0-3 for the generator's hot channels (Google, Facebook, Baidu,
     * Apple), {@code 4 + n} for {@code channel-<n>} ({@code n} written without leading zeros). The code is the same
     * in every process, so a checkpoint restores anywhere.
     *
     * @throws IllegalArgumentException for any other channel: this circuit is written for the generator's channels;
     *                                  the SQL text ({@code --engine sql}) takes any
     */
    static int channelCode(String channel) {
        int n = channel.length();
        if (n > 8 && channel.startsWith("channel-") && (channel.charAt(8) != '0' || n == 9) && n <= 17) {
            long v = 0;
            for (int i = 8; i < n; i++) {
                int d = channel.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    v = -1;
                    break;
                }
                v = v * 10 + d;
            }
            if (v >= 0 && v <= MAX_CHANNEL_NUMBER) {
                return 4 + (int) v;
            }
        }
        switch (channel) {
            case "Google":
                return 0;
            case "Facebook":
                return 1;
            case "Baidu":
                return 2;
            case "Apple":
                return 3;
            default:
                throw new IllegalArgumentException("q16's circuit takes the generator's channels (Google, Facebook, "
                        + "Baidu, Apple, channel-<n> with n <= " + MAX_CHANNEL_NUMBER + "), not \"" + channel
                        + "\"; the SQL text (--engine sql) takes any channel");
        }
    }

    /** The UTC epoch day of a bid, which the distinct's code holds in 32 bits. */
    static long day(long dateTime) {
        long day = Q15.day(dateTime);
        if (day != (int) day) {
            throw new IllegalArgumentException("q16's circuit takes bid times within 5.8 million years of 1970, not "
                    + dateTime);
        }
        return day;
    }

    /**
     * Accumulator: {@link Q15}'s 12 counters and, at {@link #MAX}, the largest minute present (-1 if none), and the
     * set of minutes present (1440 bits). Mutable ({@link Fold#invertibleInPlace}: a step updates a copy); compared
     * by value. A record, so that checkpoints write it without a registered codec.
     */
    record Acc(long[] counts, long[] minutes) {
        static final int MAX = 12;

        /** The accumulator of a group with no rows. */
        static Acc empty() {
            long[] counts = new long[MAX + 1];
            counts[MAX] = -1;
            return new Acc(counts, new long[(MINUTES_PER_DAY + 63) / 64]);
        }

        Acc copy() {
            return new Acc(counts.clone(), minutes.clone());
        }

        int maxMinute() {
            return (int) counts[MAX];
        }

        void update(Object row, long w) {
            if (row instanceof BidTick b) {
                counts[0] = Math.addExact(counts[0], w);
                counts[b.rank()] = Math.addExact(counts[b.rank()], w);
                return;
            }
            DKey k = (DKey) row;
            if (k.slot() != MINUTE_SLOT) {
                int i = 4 + k.slot();
                counts[i] = Math.addExact(counts[i], w);
                return;
            }
            int minute = (int) k.id();
            if (w > 0) {
                minutes[minute >>> 6] |= 1L << minute;
                counts[MAX] = Math.max(counts[MAX], minute);
            } else {
                minutes[minute >>> 6] &= ~(1L << minute);
                if (minute == counts[MAX]) {
                    counts[MAX] = Q16.maxMinute(minutes);
                }
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Acc a && Arrays.equals(counts, a.counts) && Arrays.equals(minutes, a.minutes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(counts);
        }
    }

    static final Fold<Object, Acc, Acc> STATS = Fold.invertibleInPlace(Acc::empty, Acc::copy, Acc::update, acc -> acc);

    @Override
    public String name() {
        return "q16";
    }

    @Override
    public String description() {
        return "channel statistics report: per channel and day, last minute, bids, distinct bidders and auctions by "
                + "price rank";
    }

    static int minuteOfDay(long dateTime) {
        return (int) (Math.floorMod(dateTime, Q15.DAY_MS) / 60_000L);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        Stream<DKey> keys = Distinct.distinctByLongs(Linear.flatMap(in.bids(),
                (Bid bid, Consumer<? super DKey> out) -> {
                    long day = day(bid.dateTime());
                    int r = Q15.rank(bid.price());
                    int c = channelCode(bid.channel());
                    out.accept(DKey.of(day, c, bid.bidder(), 0));
                    out.accept(DKey.of(day, c, bid.bidder(), r));
                    out.accept(DKey.of(day, c, bid.auction(), 4));
                    out.accept(DKey.of(day, c, bid.auction(), 4 + r));
                    out.accept(DKey.of(day, c, minuteOfDay(bid.dateTime()), MINUTE_SLOT));
                }), DKey::code, DKey::id);
        Stream<BidTick> ticks = Linear.map(in.bids(), bid -> new BidTick(
                groupCode(day(bid.dateTime()), channelCode(bid.channel())), Q15.rank(bid.price())));
        Stream<Object> rows = Linear.union((Stream<Object>) (Stream<?>) ticks, (Stream<Object>) (Stream<?>) keys);
        return Aggregates.aggregateByLong(rows, row -> row instanceof BidTick t ? t.group() : ((DKey) row).group(),
                (group, v) -> row(group, (Acc) v.get(0)), Agg.fold(STATS));
    }

    private static Row row(long group, Acc acc) {
        long[] c = acc.counts();
        return new Row(channelOfGroup(group), Q15.dayString(group >> 32),
                minuteString(acc.maxMinute()), c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10],
                c[11]);
    }

    /** The channel of a {@link #groupCode}. */
    static String channelOfGroup(long group) {
        return channelName((int) (group >>> 4) & 0xFFFFFFF);
    }

    /** The channel whose {@link #channelCode} is {@code code}. */
    static String channelName(int code) {
        return switch (code) {
            case 0 -> "Google";
            case 1 -> "Facebook";
            case 2 -> "Baidu";
            case 3 -> "Apple";
            default -> "channel-" + (code - 4);
        };
    }

    private static int maxMinute(long[] bits) {
        for (int w = bits.length - 1; w >= 0; w--) {
            if (bits[w] != 0) {
                return w * 64 + 63 - Long.numberOfLeadingZeros(bits[w]);
            }
        }
        return -1;
    }

    private static String minuteString(int minute) {
        if (minute < 0) {
            return null;
        }
        int h = minute / 60;
        int m = minute % 60;
        return new String(new char[] {(char) ('0' + h / 10), (char) ('0' + h % 10), ':', (char) ('0' + m / 10),
            (char) ('0' + m % 10)});
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Map<List<String>, List<Bid>> groups = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                String day = Instant.ofEpochMilli(bid.dateTime()).atZone(ZoneOffset.UTC).toLocalDate().toString();
                groups.computeIfAbsent(List.of(bid.channel(), day), k -> new ArrayList<>()).add(bid);
            }
        }
        ZSet<Row> out = new ZSet<>();
        groups.forEach((k, bids) -> {
            long[] c = new long[4];
            List<Set<Long>> s = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                s.add(new HashSet<>());
            }
            String minute = null;
            for (Bid bid : bids) {
                long p = bid.price();
                int r = p < 10_000 ? 1 : p < 1_000_000 ? 2 : 3;
                c[0]++;
                c[r]++;
                s.get(0).add(bid.bidder());
                s.get(r).add(bid.bidder());
                s.get(4).add(bid.auction());
                s.get(4 + r).add(bid.auction());
                ZonedDateTime t = Instant.ofEpochMilli(bid.dateTime()).atZone(ZoneOffset.UTC);
                String hhmm = String.format("%02d:%02d", t.getHour(), t.getMinute());
                if (minute == null || hhmm.compareTo(minute) > 0) {
                    minute = hhmm;
                }
            }
            out.add(new Row(k.get(0), k.get(1), minute, c[0], c[1], c[2], c[3], s.get(0).size(), s.get(1).size(),
                    s.get(2).size(), s.get(3).size(), s.get(4).size(), s.get(5).size(), s.get(6).size(),
                    s.get(7).size()), 1);
        });
        return out;
    }
}
