package org.jdbsp.nexmark.queries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.zset.ZSet;

/**
 * Query 4, average price for a category: for every auction, its winning price is the highest price among
 * its bids made between the auction's start and its expiry (both inclusive); the query outputs, per
 * category, the average of the winning prices of the category's auctions.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q4.sql}):
 * <pre>{@code
 * SELECT Q.category, AVG(Q.final)
 * FROM (
 *     SELECT MAX(B.price) AS final, A.category
 *     FROM auction A, bid B
 *     WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
 *     GROUP BY A.id, A.category
 * ) Q
 * GROUP BY Q.category;
 * }</pre>
 *
 * <p>Definition over a history: every auction with at least one bid in {@code [A.dateTime, A.expires]} has
 * a winning price (whether or not it has expired by the end of the history: like the SQL, no notion of
 * "closed" beyond the time range); the average is a {@code BIGINT} average, truncated toward zero (Flink's
 * {@code AVG} over {@code BIGINT}). An auction without a qualifying bid does not count.
 *
 * <p>Circuit: bids and auctions are cut to the columns the query reads, then bids join auctions on the
 * auction id ({@code joinOnLongBroadcast}: on several workers the auctions are broadcast and the bids stay where
 * they are, so hot auctions do not pile up on one worker); out-of-range pairs are mapped to a sentinel and filtered
 * out; per auction the top-1 price ({@code topKByLongLocalGlobal}, k = 1: a group holds one distinct row per
 * distinct price, so the order is total; local top-1 per worker, then global) is the winning price;
 * {@code averageByLong} per category.
 */
public final class Q4 implements NexmarkQuery<Q4.Row> {

    /** One output row: the category and the (truncated) average winning price of its auctions. */
    public record Row(long category, long avgPrice) {
        @Override
        public String toString() {
            return "Q4[category=" + category + ", avgPrice=" + avgPrice + "]";
        }
    }

    /** The columns of a bid the query reads. */
    record BidPrice(long auction, long price, long dateTime) {
    }

    /** The columns of an auction the query reads. */
    record AuctionSpan(long id, long category, long dateTime, long expires) {
    }

    /** A qualifying bid price of an auction, with the auction's category. */
    record Priced(long auction, long category, long price) {
    }

    private static final Priced OUT_OF_RANGE = new Priced(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);

    @Override
    public String name() {
        return "q4";
    }

    @Override
    public String description() {
        return "average winning price per category";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        // only the columns the query reads go into the join's state (as a SQL planner prunes them): a fifth of
        // the bytes a whole bid and auction keep
        Stream<BidPrice> bids = Linear.map(in.bids(),
                bid -> new BidPrice(bid.auction(), bid.price(), bid.dateTime()));
        Stream<AuctionSpan> auctions = Linear.map(in.auctions(),
                a -> new AuctionSpan(a.id(), a.category(), a.dateTime(), a.expires()));
        Stream<Priced> joined = Joins.joinOnLongBroadcast(bids, auctions, BidPrice::auction, AuctionSpan::id,
                (bid, a) -> bid.dateTime() >= a.dateTime() && bid.dateTime() <= a.expires()
                        ? new Priced(a.id(), a.category(), bid.price()) : OUT_OF_RANGE);
        Stream<Priced> valid = Linear.filter(joined, p -> p != OUT_OF_RANGE);
        Stream<Priced> winning = TopK.topKByLongLocalGlobal(valid, Priced::auction,
                (x, y) -> Long.compare(y.price(), x.price()), 1);
        return Aggregates.averageByLong(winning, Priced::category, Priced::price, Row::new);
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        List<Auction> auctions = new ArrayList<>();
        Map<Long, List<Bid>> bidsByAuction = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Auction a) {
                auctions.add(a);
            } else if (e instanceof Bid bid) {
                bidsByAuction.computeIfAbsent(bid.auction(), k -> new ArrayList<>()).add(bid);
            }
        }
        Map<Long, long[]> sumCount = new HashMap<>();
        for (Auction a : auctions) {
            long best = Long.MIN_VALUE;
            boolean any = false;
            for (Bid bid : bidsByAuction.getOrDefault(a.id(), List.of())) {
                if (bid.dateTime() >= a.dateTime() && bid.dateTime() <= a.expires()) {
                    any = true;
                    best = Math.max(best, bid.price());
                }
            }
            if (any) {
                long[] sc = sumCount.computeIfAbsent(a.category(), k -> new long[2]);
                sc[0] += best;
                sc[1]++;
            }
        }
        ZSet<Row> out = new ZSet<>();
        sumCount.forEach((category, sc) -> out.add(new Row(category, sc[0] / sc[1]), 1));
        return out;
    }
}
