package org.jdbsp.nexmark.queries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 19, "auction top-10 price": for each auction, its 10 highest bids with their row number.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q19.sql}):
 * <pre>{@code
 * INSERT INTO nexmark_q19
 * SELECT * FROM
 * (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rank_number FROM bid)
 * WHERE rank_number <= 10;
 * }</pre>
 *
 * <p><b>Tie-break.</b> {@code ORDER BY price DESC} alone leaves the numbering of equal prices to the engine's
 * arrival order. Here the order is total and deterministic: {@code price DESC, dateTime, bidder, channel, url,
 * extra} (earlier bids first among equal prices, strings by {@link String#compareTo}). A bid present twice
 * (equal rows) fills two consecutive row numbers, as in SQL.
 *
 * <p>Circuit: {@link TopK#rowNumberByLong} (k = 10) on the auction id, then a map to the flat output row. The
 * bids are append-only, so per auction only the bids still within its top 10 are kept: state at most 10 bids per
 * auction; cost per bid one hash lookup and, once the auction has 10 bids, one comparison with its 10th; up to
 * 10 renumbered rows when a bid enters the top 10.
 *
 * <p>On several workers a local top-10 ({@link TopK#localTopKByLong}) comes first: a per-pass combiner that passes
 * on each auction's top 10 of the worker's part of the step's bids. It runs inside the exchange by auction, on
 * each worker's part, so the hot auction's bids (half of all bids; it changes every 100 auctions) are cut down
 * where they arrive instead of all landing on the worker that owns the auction.
 */
public final class Q19 implements NexmarkQuery<Q19.Row> {
    /** Rows kept per auction. */
    public static final int K = 10;

    /** Highest price first, then the deterministic tie-break described in the class comment. */
    static final Comparator<Bid> PRICE_DESC = (x, y) -> {
        int c = Long.compare(y.price(), x.price());
        if (c != 0) {
            return c;
        }
        c = Long.compare(x.dateTime(), y.dateTime());
        if (c != 0) {
            return c;
        }
        c = Long.compare(x.bidder(), y.bidder());
        if (c != 0) {
            return c;
        }
        c = x.channel().compareTo(y.channel());
        if (c != 0) {
            return c;
        }
        c = x.url().compareTo(y.url());
        if (c != 0) {
            return c;
        }
        c = x.extra().compareTo(y.extra());
        return c != 0 ? c : Long.compare(x.auction(), y.auction());
    };

    /** An output row: the bid's columns and its 1-based row number within its auction. */
    public record Row(long auction, long bidder, long price, String channel, String url, long dateTime,
                      String extra, long rankNumber) {
        static Row of(Bid b, long rank) {
            return new Row(b.auction(), b.bidder(), b.price(), b.channel(), b.url(), b.dateTime(), b.extra(), rank);
        }
    }

    @Override
    public String name() {
        return "q19";
    }

    @Override
    public String description() {
        return "auction top-10 price: each auction's 10 highest bids with their row number";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        Stream<Bid> bids = TopK.localTopKByLong(in.bids(), Bid::auction, PRICE_DESC, K);
        return Linear.map(TopK.rowNumberByLong(bids, Bid::auction, PRICE_DESC, K),
                r -> Row.of(r.row(), r.rank()));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Map<Long, List<Bid>> byAuction = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                byAuction.computeIfAbsent(bid.auction(), k -> new ArrayList<>()).add(bid);
            }
        }
        Comparator<Bid> order = Comparator.comparingLong(Bid::price).reversed()
                .thenComparingLong(Bid::dateTime)
                .thenComparingLong(Bid::bidder)
                .thenComparing(Bid::channel)
                .thenComparing(Bid::url)
                .thenComparing(Bid::extra);
        ZSet<Row> out = new ZSet<>();
        for (List<Bid> bids : byAuction.values()) {
            bids.sort(order);
            for (int i = 0; i < Math.min(K, bids.size()); i++) {
                out.add(Row.of(bids.get(i), i + 1), 1);
            }
        }
        return out;
    }
}
