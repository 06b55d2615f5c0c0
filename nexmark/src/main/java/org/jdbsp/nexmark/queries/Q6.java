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
 * Query 6, average selling price by seller: for each seller, the average winning price of the seller's
 * last 10 auctions.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q6.sql}; Flink does not run it: its OVER window cannot consume
 * retractions):
 * <pre>{@code
 * SELECT
 *     Q.seller,
 *     AVG(Q.final) OVER
 *         (PARTITION BY Q.seller ORDER BY Q.dateTime ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)
 * FROM (
 *     SELECT MAX(B.price) AS final, A.seller, B.dateTime
 *     FROM auction AS A, bid AS B
 *     WHERE A.id = B.auction and B.dateTime between A.dateTime and A.expires
 *     GROUP BY A.id, A.seller
 * ) AS Q;
 * }</pre>
 * (a later version computes the winning price with {@code ROW_NUMBER() OVER (PARTITION BY A.id, A.seller
 * ORDER BY B.price DESC) <= 1} instead of {@code MAX}; same price).
 *
 * <p>The text is not well defined ({@code B.dateTime} is neither grouped nor aggregated, and the OVER window
 * spans 11 rows and yields one row per auction). Like Feldera's implementation, this query computes the
 * description's meaning as one row per seller. <b>Definition:</b> an auction's winning price is the
 * highest price among its bids with {@code B.dateTime BETWEEN A.dateTime AND A.expires} (auctions without
 * such a bid have none; no "closed" test beyond the time range, as in q4 and q9); per seller, the row is
 * {@code (seller, avgPrice)} where {@code avgPrice} is the truncated {@code BIGINT} average of the winning
 * prices of the seller's 10 most recent auctions that have one, most recent by auction {@code dateTime}
 * descending then auction id descending. (Feldera keeps the 10 with the highest auction ids; the generator
 * issues auction ids in event-time order, so both pick the same auctions on generated data.)
 *
 * <p>Circuit: auctions and bids are cut to the columns the query reads, then auctions join bids on the auction
 * id ({@code joinOnLong}); out-of-range pairs are filtered out; {@code topKByLong} k = 1 per auction by price
 * gives the winning price; {@code topKByLong} k = 10 per seller by (auction time, id) descending;
 * {@code averageByLong} per seller.
 */
public final class Q6 implements NexmarkQuery<Q6.Row> {

    /** One output row: a seller and the truncated average winning price of their last 10 auctions. */
    public record Row(long seller, long avgPrice) {
        @Override
        public String toString() {
            return "Q6[seller=" + seller + ", avgPrice=" + avgPrice + "]";
        }
    }

    /** The columns of an auction the query reads. */
    record AuctionSpan(long id, long seller, long dateTime, long expires) {
    }

    /** A qualifying bid price of an auction, with the auction's seller and start time. */
    record Priced(long auction, long seller, long auctionTime, long price) {
    }

    static final int LAST_N = 10;

    private static final Priced OUT_OF_RANGE = new Priced(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE);

    @Override
    public String name() {
        return "q6";
    }

    @Override
    public String description() {
        return "average winning price of each seller's last 10 auctions";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        // only the columns the query reads go into the join's state, as in q4
        Stream<AuctionSpan> auctions = Linear.map(in.auctions(),
                a -> new AuctionSpan(a.id(), a.seller(), a.dateTime(), a.expires()));
        Stream<Q4.BidPrice> bids = Linear.map(in.bids(),
                bid -> new Q4.BidPrice(bid.auction(), bid.price(), bid.dateTime()));
        Stream<Priced> joined = Joins.joinOnLong(auctions, bids, AuctionSpan::id, Q4.BidPrice::auction,
                (a, bid) -> bid.dateTime() >= a.dateTime() && bid.dateTime() <= a.expires()
                        ? new Priced(a.id(), a.seller(), a.dateTime(), bid.price()) : OUT_OF_RANGE);
        Stream<Priced> valid = Linear.filter(joined, p -> p != OUT_OF_RANGE);
        // Within an auction only the price varies: the order is total.
        Stream<Priced> winning = TopK.topKByLong(valid, Priced::auction,
                (x, y) -> Long.compare(y.price(), x.price()), 1);
        Stream<Priced> lastN = TopK.topKByLong(winning, Priced::seller, (x, y) -> {
            int c = Long.compare(y.auctionTime(), x.auctionTime());
            if (c == 0) {
                c = Long.compare(y.auction(), x.auction());
            }
            return c != 0 ? c : Long.compare(y.price(), x.price());
        }, LAST_N);
        return Aggregates.averageByLong(lastN, Priced::seller, Priced::price, Row::new);
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
        // seller -> (auction, winning price) of the seller's auctions that have a winning price
        Map<Long, List<long[]>> closed = new HashMap<>();
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
                closed.computeIfAbsent(a.seller(), k -> new ArrayList<>())
                        .add(new long[] {a.dateTime(), a.id(), best});
            }
        }
        ZSet<Row> out = new ZSet<>();
        closed.forEach((seller, list) -> {
            list.sort((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(y[1], x[1]));
            int n = Math.min(LAST_N, list.size());
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += list.get(i)[2];
            }
            out.add(new Row(seller, sum / n), 1);
        });
        return out;
    }
}
