package org.jdbsp.nexmark.queries;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 18, "find last bid": for each (bidder, auction), the bidder's last bid on the auction.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q18.sql}):
 * <pre>{@code
 * INSERT INTO nexmark_q18
 * SELECT auction, bidder, price, channel, url, dateTime, extra
 *  FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY dateTime DESC) AS rank_number
 *        FROM bid)
 *  WHERE rank_number <= 1;
 * }</pre>
 *
 * <p><b>Tie-break.</b> {@code ORDER BY dateTime DESC} alone is not total: Flink's deduplication keeps, among bids
 * with the same latest dateTime, the one it processed last, which depends on arrival order. Here the order is
 * made total and deterministic: {@code dateTime DESC, price DESC, channel, url, extra} (strings by
 * {@link String#compareTo}); the group key fixes bidder and auction, so two different bids never tie. A bid
 * present twice (equal rows) is one row of the result, like row number 1 of two equal rows.
 *
 * <p>The output row is the {@link Bid} itself (the query selects exactly the bid's columns).
 * Circuit: {@link TopK#topK} with k = 1 per (bidder, auction), after {@link TopK#localTopK} (on several workers
 * each keeps the latest bid per pair of its part of the step, and only those are moved). Over the append-only
 * bids the top-k keeps one bid per pair; one retraction and one insertion when the last bid changes.
 */
public final class Q18 implements NexmarkQuery<Bid> {
    /** Latest first, then the deterministic tie-break described in the class comment. */
    static final Comparator<Bid> LAST_FIRST = (x, y) -> {
        int c = Long.compare(y.dateTime(), x.dateTime());
        if (c != 0) {
            return c;
        }
        c = Long.compare(y.price(), x.price());
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
        if (c != 0) {
            return c;
        }
        // Same group in the operator; compare the key too so that the order is total on all bids.
        c = Long.compare(x.bidder(), y.bidder());
        return c != 0 ? c : Long.compare(x.auction(), y.auction());
    };

    /** Group key. */
    record Key(long bidder, long auction) {
        @Override
        public int hashCode() {
            return Q15.hash(bidder, auction); // the default 31 * bidder + auction collides heavily
        }
    }

    @Override
    public String name() {
        return "q18";
    }

    @Override
    public String description() {
        return "find last bid: each bidder's last bid on each auction (by dateTime, deterministic tie-break)";
    }

    @Override
    public Stream<Bid> wire(CircuitBuilder b, NexmarkStreams in) {
        Function<Bid, Key> key = bid -> new Key(bid.bidder(), bid.auction());
        // on several workers, each first cuts its part of a step down to the pair's latest bid (71% of a step's
        // bids repeat a pair of the same step), before the bids are hashed and moved to the pair's owner
        return TopK.topK(TopK.localTopK(in.bids(), key, LAST_FIRST, 1), key, LAST_FIRST, 1);
    }

    @Override
    public ZSet<Bid> reference(List<Event> history) {
        Map<Key, Bid> last = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                last.merge(new Key(bid.bidder(), bid.auction()), bid, Q18::later);
            }
        }
        ZSet<Bid> out = new ZSet<>();
        last.values().forEach(bid -> out.add(bid, 1));
        return out;
    }

    /** The later of two bids of the same group, written out independently of {@link #LAST_FIRST}. */
    private static Bid later(Bid a, Bid b) {
        if (a.dateTime() != b.dateTime()) {
            return a.dateTime() > b.dateTime() ? a : b;
        }
        if (a.price() != b.price()) {
            return a.price() > b.price() ? a : b;
        }
        if (!a.channel().equals(b.channel())) {
            return a.channel().compareTo(b.channel()) < 0 ? a : b;
        }
        if (!a.url().equals(b.url())) {
            return a.url().compareTo(b.url()) < 0 ? a : b;
        }
        return a.extra().compareTo(b.extra()) <= 0 ? a : b;
    }
}
