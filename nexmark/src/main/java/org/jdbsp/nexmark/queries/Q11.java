package org.jdbsp.nexmark.queries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.window.Windows;
import org.jdbsp.zset.ZSet;

/**
 * Query 11, user sessions: how many bids each bidder made in each of their sessions, a session ending after
 * 10 s without a bid.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q11.sql}):
 * <pre>{@code
 * SELECT
 *     B.bidder,
 *     count(*) as bid_count,
 *     SESSION_START(B.dateTime, INTERVAL '10' SECOND) as starttime,
 *     SESSION_END(B.dateTime, INTERVAL '10' SECOND) as endtime
 * FROM bid B
 * GROUP BY B.bidder, SESSION(B.dateTime, INTERVAL '10' SECOND);
 * }</pre>
 *
 * <p>Definition over a history (Flink's session windows): each bid at time t opens the window
 * {@code [t, t + 10 s)}; windows of the same bidder that overlap <em>or touch</em> merge (Flink's
 * {@code TimeWindow.intersects} is {@code start <= other.end && end >= other.start}). Equivalently: sort a
 * bidder's bids by time; a session is a maximal run in which consecutive bids are at most 10 s apart
 * ({@code <=}); its row is {@code (bidder, number of bids, first time, last time + 10 s)}. Every session of
 * the history is in the final view (none is "still open").
 *
 * <p><b>Difference from {@link Windows#session}:</b> the library operator separates bids exactly
 * {@code gap} apart ({@code <} gap, windows that only touch do not merge). Times are integer milliseconds,
 * so this query calls it with a gap of 10 s + 1 ms (a difference {@code < 10 001} is a difference
 * {@code <= 10 000}) and subtracts the extra millisecond from the session end: exactly Flink's sessions.
 */
public final class Q11 implements NexmarkQuery<Q11.Row> {
    static final long GAP = 10_000;

    /** One output row: a bidder's session {@code [starttime, endtime)} with {@code bidCount} bids. */
    public record Row(long bidder, long bidCount, long starttime, long endtime) {
        @Override
        public String toString() {
            return "Q11[bidder=" + bidder + ", bidCount=" + bidCount + ", starttime=" + starttime + ", endtime="
                    + endtime + "]";
        }
    }

    @Override
    public String name() {
        return "q11";
    }

    @Override
    public String description() {
        return "bids per bidder session (10 s gap)";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Linear.map(Windows.sessionByLong(in.bids(), Bid::bidder, Bid::dateTime, GAP + 1, null),
                s -> new Row(s.key(), s.count(), s.start(), s.end() - 1));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Map<Long, List<Long>> times = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                times.computeIfAbsent(bid.bidder(), k -> new ArrayList<>()).add(bid.dateTime());
            }
        }
        ZSet<Row> out = new ZSet<>();
        times.forEach((bidder, ts) -> {
            ts.sort(null);
            int first = 0;
            for (int i = 1; i <= ts.size(); i++) {
                if (i == ts.size() || ts.get(i) - ts.get(i - 1) > GAP) {
                    out.add(new Row(bidder, i - first, ts.get(first), ts.get(i - 1) + GAP), 1);
                    first = i;
                }
            }
        });
        return out;
    }
}
