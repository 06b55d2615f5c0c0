package org.jdbsp.nexmark.queries;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Query 7, highest bid: the bids whose price is the highest of a 10 s tumbling window, the bid's time lying
 * in {@code [window_end - 10 s, window_end]} (inclusive at both ends, as the SQL's {@code BETWEEN}).
 *
 * <p>SQL (nexmark/nexmark {@code queries/q7.sql}):
 * <pre>{@code
 * SELECT B.auction, B.price, B.bidder, B.dateTime, B.extra
 * from bid B
 * JOIN (
 *   SELECT MAX(price) AS maxprice, window_end as dateTime
 *   FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
 *   GROUP BY window_start, window_end
 * ) B1
 * ON B.price = B1.maxprice
 * WHERE B.dateTime BETWEEN B1.dateTime  - INTERVAL '10' SECOND AND B1.dateTime;
 * }</pre>
 *
 * <p>The columns are the SELECT list's, in its order (price before bidder); the text's blackhole sink declares
 * bidder before price, so a positional INSERT puts the price under the sink's name {@code bidder}.
 *
 * <p>Definition over a history: for every window {@code [s, s + 10 s)} (epoch aligned) that has bids, with
 * {@code e = s + 10 s} and {@code m} the maximum price of its bids, every bid with price {@code m} and time in
 * {@code [s, e]} is output once for that window. Because of the inclusive upper bound, a bid made exactly at
 * {@code e} (it belongs to the next window) also matches window {@code [s, e)} when its price equals that
 * window's maximum: it can then be output twice (once per window), as the SQL join does. All windows of the
 * history count (no window is "still open").
 *
 * <p>Circuit: {@code maxByLongLocalGlobal} of the price per window start gives {@code (e, m)} (on several
 * workers each takes the maximum of its own bids first, so a window's bids are not all moved to one worker);
 * each bid is expanded to the one or two window ends {@code e} it can match
 * ({@code floor(t / 10 s) * 10 s + 10 s}, and {@code t} itself when {@code t} is a multiple of 10 s); these
 * candidates join the maxima with {@code joinOnLongBroadcast} on a hash of {@code (e, price)} (the few maxima
 * go to every worker; the candidates stay where their bids are), and the exact equality of both is checked
 * after the join (a hash collision only costs a discarded pair).
 */
public final class Q7 implements NexmarkQuery<Q7.Row> {
    static final long SIZE = 10_000;

    /** One output row: a bid at the maximum price of a window. */
    public record Row(long auction, long price, long bidder, long dateTime, String extra) {
        @Override
        public String toString() {
            return "Q7[auction=" + auction + ", price=" + price + ", bidder=" + bidder + ", dateTime=" + dateTime
                    + "]";
        }
    }

    /** The maximum price of the window ending at {@code end}. */
    record WindowMax(long end, long maxPrice) {
    }

    /** A bid that may match the maximum of the window ending at {@code end}. */
    record Candidate(long end, Bid bid) {
    }

    private static final Row NO_MATCH = new Row(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, "");

    /** A well-mixed hash of two longs, used as a join key (collisions are filtered after the join). */
    static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ (h >>> 32);
    }

    @Override
    public String name() {
        return "q7";
    }

    @Override
    public String description() {
        return "bids at the highest price of their 10 s tumbling window";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        Stream<WindowMax> maxima = Aggregates.maxByLongLocalGlobal(in.bids(),
                bid -> Math.floorDiv(bid.dateTime(), SIZE) * SIZE, Bid::price,
                (start, max) -> new WindowMax(start + SIZE, max));
        Stream<Candidate> candidates = Linear.flatMap(in.bids(), (bid, out) -> {
            long t = bid.dateTime();
            long start = Math.floorDiv(t, SIZE) * SIZE;
            out.accept(new Candidate(start + SIZE, bid));
            if (start == t) {
                out.accept(new Candidate(t, bid));
            }
        });
        Stream<Row> joined = Joins.joinOnLongBroadcast(candidates, maxima, c -> mix(c.end(), c.bid().price()),
                m -> mix(m.end(), m.maxPrice()),
                (c, m) -> c.end() == m.end() && c.bid().price() == m.maxPrice()
                        ? new Row(c.bid().auction(), c.bid().price(), c.bid().bidder(), c.bid().dateTime(),
                                c.bid().extra())
                        : NO_MATCH);
        return Linear.filter(joined, r -> r != NO_MATCH);
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Map<Long, Long> maxByEnd = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                long end = bid.dateTime() - Math.floorMod(bid.dateTime(), SIZE) + SIZE;
                maxByEnd.merge(end, bid.price(), Math::max);
            }
        }
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                // window ends e with e - 10 s <= t <= e, e a multiple of 10 s
                long lowest = bid.dateTime() - Math.floorMod(bid.dateTime(), SIZE);
                if (lowest < bid.dateTime()) {
                    lowest += SIZE;
                }
                for (long end = lowest; end <= bid.dateTime() + SIZE; end += SIZE) {
                    Long max = maxByEnd.get(end);
                    if (max != null && max == bid.price()) {
                        out.add(new Row(bid.auction(), bid.price(), bid.bidder(), bid.dateTime(), bid.extra()), 1);
                    }
                }
            }
        }
        return out;
    }
}
