package org.jdbsp.nexmark.queries;

import java.time.LocalDate;
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
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.aggregate.Fold;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 15, "bidding statistics report": per day, the number of bids, of distinct bidders and of
 * distinct auctions, in total and for each of three price ranks.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q15.sql}; older versions group by {@code customTime}, the current one
 * and Feldera's by {@code dateTime}):
 * <pre>{@code
 * INSERT INTO nexmark_q15
 * SELECT
 *      DATE_FORMAT(dateTime, 'yyyy-MM-dd') as `day`,
 *      count(*) AS total_bids,
 *      count(*) filter (where price < 10000) AS rank1_bids,
 *      count(*) filter (where price >= 10000 and price < 1000000) AS rank2_bids,
 *      count(*) filter (where price >= 1000000) AS rank3_bids,
 *      count(distinct bidder) AS total_bidders,
 *      count(distinct bidder) filter (where price < 10000) AS rank1_bidders,
 *      count(distinct bidder) filter (where price >= 10000 and price < 1000000) AS rank2_bidders,
 *      count(distinct bidder) filter (where price >= 1000000) AS rank3_bidders,
 *      count(distinct auction) AS total_auctions,
 *      count(distinct auction) filter (where price < 10000) AS rank1_auctions,
 *      count(distinct auction) filter (where price >= 10000 and price < 1000000) AS rank2_auctions,
 *      count(distinct auction) filter (where price >= 1000000) AS rank3_auctions
 * FROM bid
 * GROUP BY DATE_FORMAT(dateTime, 'yyyy-MM-dd');
 * }</pre>
 *
 * <p>Days are UTC; the group key is the epoch day ({@code floorDiv(dateTime, 86,400,000)}), printed as
 * {@code yyyy-MM-dd} in the output row.
 *
 * <p><b>Circuit (count-distinct without rescanning groups).</b> Each bid yields four "distinct keys"
 * {@code (day, id, slot)}: its bidder for all ranks and for its rank, its auction for all ranks and for its
 * rank; an incremental distinct ({@link Distinct#distinctByLongs}, which keeps each key as two longs, the day and
 * slot, then the id, with no object per key) turns them into +1 when a key first appears (and -1 when its
 * last occurrence is deleted). The bids themselves and these distinct-key changes are unioned and folded per day
 * by one invertible {@link Aggregates#fold} whose accumulator is 12 counters: a bid adds its weight to the bid
 * counters, a distinct key to its distinct counter. Cost per bid: 4 hash probes in the distinct's state, one
 * fold step per bid and per newly seen key (O(1) each), one retraction and one insertion of the day's row per
 * tick. State: one entry per distinct (day, bidder, rank or all) and (day, auction, rank or all), one
 * accumulator per day. No group is rescanned.
 */
public final class Q15 implements NexmarkQuery<Q15.Row> {
    static final long DAY_MS = 86_400_000L;

    /** An output row. */
    public record Row(String day, long totalBids, long rank1Bids, long rank2Bids, long rank3Bids,
                      long totalBidders, long rank1Bidders, long rank2Bidders, long rank3Bidders,
                      long totalAuctions, long rank1Auctions, long rank2Auctions, long rank3Auctions) {
        static Row of(String day, long[] c) {
            return new Row(day, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]);
        }
    }

    /**
     * A distinct key: {@code id} is a bidder for slots 0 (any rank) to 3 (rank 3), an auction for slots 4 (any
     * rank) to 7.
     */
    record DKey(long day, long id, int slot) {
        /** The day and the slot in one long (a day fits in 38 bits), which with {@code id} identifies the key. */
        long daySlot() {
            return day << 4 | slot;
        }

        @Override
        public int hashCode() {
            return hash(hash(day, id), slot);
        }
    }

    /**
     * The fold over bids and distinct-key changes; the accumulator {@code long[12]} (never mutated) is: total
     * bids, rank 1..3 bids, total bidders, rank 1..3 bidders, total auctions, rank 1..3 auctions.
     */
    static final Fold<Object, long[], long[]> STATS = Fold.invertible(() -> new long[12], (acc, row, w) -> {
        long[] n = acc.clone();
        if (row instanceof Bid b) {
            n[0] = Math.addExact(n[0], w);
            int r = rank(b.price());
            n[r] = Math.addExact(n[r], w);
        } else {
            int i = 4 + ((DKey) row).slot();
            n[i] = Math.addExact(n[i], w);
        }
        return n;
    }, acc -> acc);

    /**
     * A well-mixed hash of two values, for composite keys kept in hash tables. A record's default
     * {@code 31 * h(a) + h(b)} gives equal 32-bit hashes to {@code (a, b)} and {@code (a + 1, b - 31)}, which with
     * Nexmark's dense ids (bidders, auctions, channel names differing in one digit) makes whole clusters of keys
     * collide, and no table can separate equal hashes (measured: q16 spent most of its time in {@code equals}).
     */
    static int hash(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (z ^ (z >>> 33));
    }

    /** The price rank: 1 below 10,000, 2 below 1,000,000, else 3. */
    static int rank(long price) {
        return price < 10_000 ? 1 : price < 1_000_000 ? 2 : 3;
    }

    /** The UTC epoch day of an epoch-millisecond time. */
    static long day(long dateTime) {
        return Math.floorDiv(dateTime, DAY_MS);
    }

    /** {@code DATE_FORMAT(., 'yyyy-MM-dd')} of an epoch day. */
    static String dayString(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    @Override
    public String name() {
        return "q15";
    }

    @Override
    public String description() {
        return "bidding statistics report: per day, bids, distinct bidders and distinct auctions by price rank";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        Stream<DKey> keys = Distinct.distinctByLongs(Linear.flatMap(in.bids(),
                (Bid bid, Consumer<? super DKey> out) -> {
                    long day = day(bid.dateTime());
                    int r = rank(bid.price());
                    out.accept(new DKey(day, bid.bidder(), 0));
                    out.accept(new DKey(day, bid.bidder(), r));
                    out.accept(new DKey(day, bid.auction(), 4));
                    out.accept(new DKey(day, bid.auction(), 4 + r));
                }), DKey::daySlot, DKey::id);
        Stream<Object> rows = Linear.union((Stream<Object>) (Stream<?>) in.bids(), (Stream<Object>) (Stream<?>) keys);
        return Aggregates.fold(rows, row -> row instanceof Bid bid ? day(bid.dateTime()) : ((DKey) row).day(), STATS,
                (Long day, long[] c) -> Row.of(dayString(day), c));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Map<String, long[]> bids = new HashMap<>();
        Map<String, List<Set<Long>>> sets = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                String day = java.time.Instant.ofEpochMilli(bid.dateTime()).atZone(java.time.ZoneOffset.UTC)
                        .toLocalDate().toString();
                long p = bid.price();
                int r = p < 10_000 ? 1 : (p >= 10_000 && p < 1_000_000) ? 2 : 3;
                long[] c = bids.computeIfAbsent(day, k -> new long[4]);
                c[0]++;
                c[r]++;
                List<Set<Long>> s = sets.computeIfAbsent(day, k -> List.of(new HashSet<>(), new HashSet<>(),
                        new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(),
                        new HashSet<>()));
                s.get(0).add(bid.bidder());
                s.get(r).add(bid.bidder());
                s.get(4).add(bid.auction());
                s.get(4 + r).add(bid.auction());
            }
        }
        ZSet<Row> out = new ZSet<>();
        bids.forEach((day, c) -> {
            List<Set<Long>> s = sets.get(day);
            out.add(new Row(day, c[0], c[1], c[2], c[3], s.get(0).size(), s.get(1).size(), s.get(2).size(),
                    s.get(3).size(), s.get(4).size(), s.get(5).size(), s.get(6).size(), s.get(7).size()), 1);
        });
        return out;
    }
}
