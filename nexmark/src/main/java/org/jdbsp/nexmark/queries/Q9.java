package org.jdbsp.nexmark.queries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.join.Pair;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.zset.ZSet;

/**
 * Query 9, winning bids: for each auction, its winning bid, the highest-priced bid made between the
 * auction's start and its expiry (both inclusive), earliest first among equal prices; output the auction's
 * columns followed by the bid's.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q9.sql}; recent versions name the time column {@code customTime}):
 * <pre>{@code
 * SELECT id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra,
 *        auction, bidder, price, bid_dateTime, bid_extra
 * FROM (
 *    SELECT A.*, B.auction, B.bidder, B.price, B.dateTime AS bid_dateTime, B.extra AS bid_extra,
 *      ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.dateTime ASC) AS rownum
 *    FROM auction A, bid B
 *    WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
 * )
 * WHERE rownum <= 1;
 * }</pre>
 *
 * <p>Definition over a history: every auction with at least one bid in {@code [A.dateTime, A.expires]}
 * has exactly one output row (whether or not it has expired by the end of the history). The SQL order
 * leaves ties between bids of equal price and time open; to be deterministic the order continues with
 * bidder ascending, then channel, url and extra (lexicographic). Identical bids (equal in every column)
 * give one row, as {@code ROW_NUMBER() <= 1} does.
 *
 * <p>Circuit: bids join auctions on the auction id ({@code joinOnLongBroadcast}: on several workers the
 * auctions are broadcast and the bids stay put, so hot auctions are spread over the workers), out-of-range
 * pairs go to a sentinel that is filtered out, then {@code topKByLongLocalGlobal} with k = 1 per auction id
 * (each worker's top 1, then the top 1 of those).
 */
public final class Q9 implements NexmarkQuery<Q9.Row> {

    /** The auction's columns, then the winning bid's. */
    public record Row(long id, String itemName, String description, long initialBid, long reserve,
                      long dateTime, long expires, long seller, long category, String extra,
                      long auction, long bidder, long price, long bidDateTime, String bidExtra) {

        static Row of(Auction a, Bid b) {
            return new Row(a.id(), a.itemName(), a.description(), a.initialBid(), a.reserve(), a.dateTime(),
                    a.expires(), a.seller(), a.category(), a.extra(), b.auction(), b.bidder(), b.price(),
                    b.dateTime(), b.extra());
        }

        @Override
        public String toString() {
            return "Q9[auction " + id + " '" + itemName + "' " + dateTime + ".." + expires + " seller=" + seller
                    + " category=" + category + " initialBid=" + initialBid + " reserve=" + reserve
                    + " | bid bidder=" + bidder + " price=" + price + " at " + bidDateTime + "]";
        }
    }

    /**
     * The winning order of the bids of one auction: price descending, time ascending, then bidder, channel,
     * url, extra ascending (the tie-breaks the SQL leaves open).
     */
    static final Comparator<Bid> WINNING_ORDER = (x, y) -> {
        int c = Long.compare(y.price(), x.price());
        if (c == 0) {
            c = Long.compare(x.dateTime(), y.dateTime());
        }
        if (c == 0) {
            c = Long.compare(x.bidder(), y.bidder());
        }
        if (c == 0) {
            c = x.channel().compareTo(y.channel());
        }
        if (c == 0) {
            c = x.url().compareTo(y.url());
        }
        if (c == 0) {
            c = x.extra().compareTo(y.extra());
        }
        return c;
    };

    private static final Pair<Auction, Bid> OUT_OF_RANGE = new Pair<>(null, null);

    @Override
    public String name() {
        return "q9";
    }

    @Override
    public String description() {
        return "winning bid of each auction";
    }

    /** Per auction id, the pair (auction, winning bid); shared with {@link Q6}'s definition. */
    static Stream<Pair<Auction, Bid>> winningBids(NexmarkStreams in) {
        Stream<Pair<Auction, Bid>> joined = Joins.joinOnLongBroadcast(in.bids(), in.auctions(), Bid::auction,
                Auction::id, (bid, a) -> bid.dateTime() >= a.dateTime() && bid.dateTime() <= a.expires()
                        ? new Pair<>(a, bid) : OUT_OF_RANGE);
        Stream<Pair<Auction, Bid>> valid = Linear.filter(joined, p -> p != OUT_OF_RANGE);
        return TopK.topKByLongLocalGlobal(valid, p -> p.left().id(),
                (x, y) -> WINNING_ORDER.compare(x.right(), y.right()), 1);
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Linear.map(winningBids(in), p -> Row.of(p.left(), p.right()));
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
        ZSet<Row> out = new ZSet<>();
        for (Auction a : auctions) {
            Bid best = null;
            for (Bid bid : bidsByAuction.getOrDefault(a.id(), List.of())) {
                if (bid.dateTime() >= a.dateTime() && bid.dateTime() <= a.expires()
                        && (best == null || beats(bid, best))) {
                    best = bid;
                }
            }
            if (best != null) {
                out.add(Row.of(a, best), 1);
            }
        }
        return out;
    }

    /** True when {@code x} wins over {@code y} (written out separately from {@link #WINNING_ORDER}). */
    private static boolean beats(Bid x, Bid y) {
        if (x.price() != y.price()) {
            return x.price() > y.price();
        }
        if (x.dateTime() != y.dateTime()) {
            return x.dateTime() < y.dateTime();
        }
        if (x.bidder() != y.bidder()) {
            return x.bidder() < y.bidder();
        }
        int c = x.channel().compareTo(y.channel());
        if (c == 0) {
            c = x.url().compareTo(y.url());
        }
        if (c == 0) {
            c = x.extra().compareTo(y.extra());
        }
        return c < 0;
    }
}
