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
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.aggregate.Fold;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.join.Pair;
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
 * <p><b>Circuit.</b> Three incremental aggregates keyed by (auction, day): an invertible {@link Aggregates#fold}
 * with the counters and the sum (O(1) per bid, one accumulator per group), and {@link Aggregates#min} and
 * {@link Aggregates#max} (O(log n) per bid, a sorted multiset of prices per group, so that deletions are
 * exact); their rows are joined on the group key ({@link Joins#join}, two joins). Per changed group and tick each
 * aggregate retracts and inserts one row and the joins propagate them.
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

    /** The invertible part of a group's aggregates. */
    record Stats(long count, long rank1, long rank2, long rank3, long sum) {
        Stats step(Bid b, long w) {
            int r = Q15.rank(b.price());
            return new Stats(Math.addExact(count, w), r == 1 ? Math.addExact(rank1, w) : rank1,
                    r == 2 ? Math.addExact(rank2, w) : rank2, r == 3 ? Math.addExact(rank3, w) : rank3,
                    Math.addExact(sum, Math.multiplyExact(b.price(), w)));
        }
    }

    /** Stats joined with the minimum. */
    private record WithMin(Key key, Stats stats, long min) {
    }

    private static final Fold<Bid, Stats, Stats> STATS =
            Fold.invertible(() -> new Stats(0, 0, 0, 0, 0), (acc, b, w) -> acc.step(b, w), s -> s);

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
        Stream<Pair<Key, Stats>> stats = Aggregates.fold(bids, key, STATS);
        Stream<Pair<Key, Long>> mins = Aggregates.min(bids, key, Bid::price, Pair::new);
        Stream<Pair<Key, Long>> maxs = Aggregates.max(bids, key, Bid::price, Pair::new);
        Stream<WithMin> withMin = Joins.join(stats, mins, Pair::left, Pair::left,
                (s, m) -> new WithMin(s.left(), s.right(), m.right()));
        return Joins.join(withMin, maxs, WithMin::key, Pair::left, (s, m) -> {
            Stats st = s.stats();
            return new Row(s.key().auction(), Q15.dayString(s.key().day()), st.count(), st.rank1(), st.rank2(),
                    st.rank3(), s.min(), m.right(), st.sum() / st.count(), st.sum());
        });
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
