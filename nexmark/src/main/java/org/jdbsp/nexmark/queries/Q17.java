package org.jdbsp.nexmark.queries;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregated;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 17, "auction statistics report": per auction and day, the number of bids (in total and per
 * price rank) and the minimum, maximum, average and sum of their prices.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q17.sql}):
 * <pre>{@code
 * INSERT INTO nexmark_q17
 * SELECT
 *      auction,
 *      DATE_FORMAT(dateTime, 'yyyy-MM-dd') as `day`,
 *      count(*) AS total_bids,
 *      count(*) filter (where price < 10000) AS rank1_bids,
 *      count(*) filter (where price >= 10000 and price < 1000000) AS rank2_bids,
 *      count(*) filter (where price >= 1000000) AS rank3_bids,
 *      min(price) AS min_price,
 *      max(price) AS max_price,
 *      avg(price) AS avg_price,
 *      sum(price) AS sum_price
 * FROM bid
 * GROUP BY auction, DATE_FORMAT(dateTime, 'yyyy-MM-dd');
 * }</pre>
 *
 * <p>Days are UTC. {@code avg} over {@code BIGINT} is Flink's: {@code BIGINT}, the sum divided by the count
 * truncated toward zero. A sum that overflows a {@code long} fails the step (Flink would wrap).
 *
 * <p><b>Circuit.</b> One grouped multi-aggregate keyed by (auction, day) ({@link Aggregates#aggregate}): the
 * count, the three filtered counts and the sum (O(1) per bid) and the minimum and maximum (O(log n) per bid, a
 * sorted multiset of prices per group, so that deletions are exact) in one accumulator row per group. Per
 * changed group and tick it retracts and inserts one row.
 */
public final class Q17 implements NexmarkQuery<Q17.Row> {
    /** An output row. */
    public record Row(long auction, String day, long totalBids, long rank1Bids, long rank2Bids, long rank3Bids,
                      long minPrice, long maxPrice, long avgPrice, long sumPrice) {
    }

    /** Group key: auction and UTC epoch day. */
    record Key(long auction, long day) {
        @Override
        public int hashCode() {
            return Q15.hash(auction, day);
        }
    }


    @Override
    public String name() {
        return "q17";
    }

    @Override
    public String description() {
        return "auction statistics report: per auction and day, bids by price rank and min/max/avg/sum price";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        Stream<Bid> bids = in.bids();
        Function<Bid, Key> key = bid -> new Key(bid.auction(), Q15.day(bid.dateTime()));
        return Aggregates.aggregate(bids, key, (Key k, Aggregated r) -> {
            long count = r.getLong(0);
            long sum = r.getLong(4);
            return new Row(k.auction(), Q15.dayString(k.day()), count, r.getLong(1), r.getLong(2), r.getLong(3),
                    r.getLong(5), r.getLong(6), sum / count, sum);
        }, Agg.count(), Agg.count((Bid bid) -> Q15.rank(bid.price()) == 1 ? Boolean.TRUE : null),
                Agg.count((Bid bid) -> Q15.rank(bid.price()) == 2 ? Boolean.TRUE : null),
                Agg.count((Bid bid) -> Q15.rank(bid.price()) == 3 ? Boolean.TRUE : null),
                Agg.sum(Bid::price), Agg.min(Bid::price), Agg.max(Bid::price));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Map<List<Object>, long[]> groups = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                String day = Instant.ofEpochMilli(bid.dateTime()).atZone(ZoneOffset.UTC).toLocalDate().toString();
                // count, rank1, rank2, rank3, min, max, sum
                long[] g = groups.computeIfAbsent(List.of(bid.auction(), day),
                        k -> new long[] {0, 0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0});
                long p = bid.price();
                g[0]++;
                if (p < 10_000) {
                    g[1]++;
                } else if (p < 1_000_000) {
                    g[2]++;
                } else {
                    g[3]++;
                }
                g[4] = Math.min(g[4], p);
                g[5] = Math.max(g[5], p);
                g[6] += p;
            }
        }
        ZSet<Row> out = new ZSet<>();
        groups.forEach((k, g) -> out.add(new Row((Long) k.get(0), (String) k.get(1), g[0], g[1], g[2], g[3], g[4],
                g[5], g[6] / g[0], g[6]), 1));
        return out;
    }
}
