package org.jdbsp.nexmark.queries;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.window.WindowResult;
import org.jdbsp.operators.window.Windows;
import org.jdbsp.zset.ZSet;

/**
 * Query 5, hot items: in every hopping window of 10 s sliding every 2 s, the auction(s) with the most bids.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q5.sql}):
 * <pre>{@code
 * SELECT AuctionBids.auction, AuctionBids.num
 *  FROM (
 *    SELECT auction, count(*) AS num, window_start AS starttime, window_end AS endtime
 *    FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
 *    GROUP BY auction, window_start, window_end
 *  ) AS AuctionBids
 *  JOIN (
 *    SELECT max(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime
 *    FROM (
 *      SELECT count(*) AS num, window_start AS starttime, window_end AS endtime
 *      FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
 *      GROUP BY auction, window_start, window_end
 *    ) AS CountBids
 *    GROUP BY CountBids.starttime, CountBids.endtime
 *  ) AS MaxBids
 *  ON AuctionBids.starttime = MaxBids.starttime AND
 *     AuctionBids.endtime = MaxBids.endtime AND
 *     AuctionBids.num >= MaxBids.maxn;
 * }</pre>
 *
 * <p>Definition over a history: windows {@code [s, s + 10 s)} with {@code s} a multiple of 2 s (epoch
 * aligned, half-open); every window that has bids contributes one row {@code (auction, num)} per auction
 * whose bid count equals the window's maximum (all tied auctions). The output columns are those of the SQL,
 * so the view is a multiset: the same {@code (auction, num)} maximal in k windows has weight k. All windows
 * of the history are in the final view (no window is "still open").
 *
 * <p>Circuit: each bid is projected to {@code (auction, slide start)} (a bid's windows depend only on its 2 s
 * slide, and equal rows add up their weights, so a step's bids of one auction and slide become one row);
 * on several workers these rows are moved by auction first, so that the window aggregate's exchange by auction
 * finds the five rows each makes already in place; {@code Windows.hopping} (5 windows per row),
 * {@code Aggregates.perWindowByLong} count per (window, auction), the auction id never boxed per row;
 * {@code maxByLongLocalGlobal} of the counts per window start (on several workers each takes the maximum of
 * its own counts first; the end is start + 10 s, so the start alone identifies the window); counts
 * {@code joinOnLongBroadcast} maxima on the window start, keeping {@code num >= maxn}: the few maxima go to
 * every worker and the counts stay on the worker that counted them, so a window's counts are not gathered on
 * one worker. A change of a window's maximum re-joins all of that window's counts (inherent in the SQL plan),
 * each worker its own share.
 */
public final class Q5 implements NexmarkQuery<Q5.Row> {
    static final long SIZE = 10_000;
    static final long SLIDE = 2_000;

    /** One output row: an auction with the most bids of some window, and that number. */
    public record Row(long auction, long num) {
        @Override
        public String toString() {
            return "Q5[auction=" + auction + ", num=" + num + "]";
        }
    }

    /** The bids of an auction in the 2 s slide starting at {@code slide}: one row, weighted by their number. */
    record SlideBids(long auction, long slide) {
    }

    /** The maximum bid count of one auction in the window starting at {@code start}. */
    record WindowMax(long start, long maxn) {
    }

    private static final Row NOT_MAX = new Row(Long.MIN_VALUE, Long.MIN_VALUE);

    @Override
    public String name() {
        return "q5";
    }

    @Override
    public String description() {
        return "auctions with the most bids per 10 s window sliding by 2 s";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        // a bid's windows depend only on its 2 s slide: counting (auction, slide) rows with their weights counts
        // the bids, and the projection folds a hot auction's many bids of a step into one row per slide
        Stream<SlideBids> slides = Linear.map(in.bids(),
                bid -> new SlideBids(bid.auction(), Math.floorDiv(bid.dateTime(), SLIDE) * SLIDE));
        // moved by auction before the five windows per row are made: the window aggregate's own exchange by
        // auction then finds every row already in place
        slides = b.shardByKey(slides, SlideBids::auction, "q5 slides");
        Stream<WindowResult<Long>> counts = Aggregates.perWindowByLong(
                Windows.hopping(slides, SlideBids::slide, SIZE, SLIDE), SlideBids::auction, null,
                (start, end, auction, v) -> new WindowResult<>(start, end, auction, v.getLong(0)), Agg.count());
        Stream<WindowMax> maxima = Aggregates.maxByLongLocalGlobal(counts, WindowResult::start, WindowResult::value,
                WindowMax::new);
        Stream<Row> joined = Joins.joinOnLongBroadcast(counts, maxima, WindowResult::start, WindowMax::start,
                (c, m) -> c.value() >= m.maxn() ? new Row(c.key(), c.value()) : NOT_MAX);
        return Linear.filter(joined, r -> r != NOT_MAX);
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        // window start -> auction -> count
        Map<Long, Map<Long, Long>> counts = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                long t = bid.dateTime();
                for (long s = Math.floorDiv(t, SLIDE) * SLIDE; s > t - SIZE; s -= SLIDE) {
                    counts.computeIfAbsent(s, k -> new HashMap<>()).merge(bid.auction(), 1L, Long::sum);
                }
            }
        }
        ZSet<Row> out = new ZSet<>();
        for (Map<Long, Long> window : counts.values()) {
            long max = 0;
            for (long n : window.values()) {
                max = Math.max(max, n);
            }
            for (Map.Entry<Long, Long> e : window.entrySet()) {
                if (e.getValue() == max) {
                    out.add(new Row(e.getKey(), max), 1);
                }
            }
        }
        return out;
    }
}
