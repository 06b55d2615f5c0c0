package org.jdbsp.nexmark.queries;

import java.util.List;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Query 2, selection: the auction and price of every bid on an auction whose id is a multiple of 123.
 *
 * <p>nexmark/nexmark {@code queries/q2.sql}:
 * <pre>{@code
 * SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0;
 * }</pre>
 * The view is a bag: several bids with the same auction and price are one row with their count as weight.
 * Auction ids are never negative, so Java's {@code %} and SQL's {@code MOD} agree.
 */
public final class Q2 implements NexmarkQuery<Q2.Row> {

    /** One output row. */
    public record Row(long auction, long price) {
    }

    @Override
    public String name() {
        return "q2";
    }

    @Override
    public String description() {
        return "selection: (auction, price) of bids with auction % 123 = 0";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Linear.map(Linear.filter(in.bids(), bid -> bid.auction() % 123 == 0),
                bid -> new Row(bid.auction(), bid.price()));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid b && Math.floorMod(b.auction(), 123L) == 0) {
                out.add(new Row(b.auction(), b.price()), 1);
            }
        }
        return out;
    }
}
