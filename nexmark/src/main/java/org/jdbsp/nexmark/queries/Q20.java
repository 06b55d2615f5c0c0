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
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 20, "expand bid with auction": every bid joined with its auction, for auctions of category 10.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q20.sql}):
 * <pre>{@code
 * INSERT INTO nexmark_q20
 * SELECT
 *     auction, bidder, price, channel, url, B.dateTime, B.extra,
 *     itemName, description, initialBid, reserve, A.dateTime, expires, seller, category, A.extra
 * FROM
 *     bid AS B INNER JOIN auction AS A on B.auction = A.id
 * WHERE A.category = 10;
 * }</pre>
 *
 * <p>Circuit: the category filter is pushed below the join (auctions of other categories never enter its
 * state), then an incremental inner join on the {@code long} auction id ({@link Joins#joinOnLongBroadcast}: on
 * several workers the few category-10 auctions go to every worker and the bids stay where they are). State: the
 * bids and the category-10 auctions, indexed by auction id. Cost per tick: O(changes + output rows).
 * Same semantics as the SQL; a bid joins every auction row with its id (there is one per id in generated data).
 */
public final class Q20 implements NexmarkQuery<Q20.Row> {
    /** The category the query selects. */
    public static final long CATEGORY = 10;

    /** An output row: the bid's columns, then the auction's. */
    public record Row(long auction, long bidder, long price, String channel, String url, long bidDateTime,
                      String bidExtra, String itemName, String description, long initialBid, long reserve,
                      long auctionDateTime, long expires, long seller, long category, String auctionExtra) {
        static Row of(Bid b, Auction a) {
            return new Row(b.auction(), b.bidder(), b.price(), b.channel(), b.url(), b.dateTime(), b.extra(),
                    a.itemName(), a.description(), a.initialBid(), a.reserve(), a.dateTime(), a.expires(),
                    a.seller(), a.category(), a.extra());
        }
    }

    @Override
    public String name() {
        return "q20";
    }

    @Override
    public String description() {
        return "expand bid with auction: bids joined with their auction, auctions of category 10";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        Stream<Auction> cat10 = Linear.filter(in.auctions(), a -> a.category() == CATEGORY);
        return Joins.joinOnLongBroadcast(in.bids(), cat10, Bid::auction, Auction::id, Row::of);
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Map<Long, List<Auction>> auctions = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Auction a && a.category() == CATEGORY) {
                auctions.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a);
            }
        }
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid b) {
                for (Auction a : auctions.getOrDefault(b.auction(), List.of())) {
                    out.add(Row.of(b, a), 1);
                }
            }
        }
        return out;
    }
}
