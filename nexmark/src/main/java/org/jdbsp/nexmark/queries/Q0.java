package org.jdbsp.nexmark.queries;

import java.util.List;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Query 0, pass-through: every bid, projected to the columns of the standard text. Measures the cost of
 * moving events through the engine (input, one stateless map, output).
 *
 * <p>nexmark/nexmark {@code queries/q0.sql}:
 * <pre>{@code
 * SELECT auction, bidder, price, dateTime, extra FROM bid;
 * }</pre>
 * The view is a bag: two identical bids (same five columns) are one row of weight 2.
 */
public final class Q0 implements NexmarkQuery<Q0.Row> {

    /** One output row: a bid without its channel and URL. */
    public record Row(long auction, long bidder, long price, long dateTime, String extra) {
        static Row of(Bid b) {
            return new Row(b.auction(), b.bidder(), b.price(), b.dateTime(), b.extra());
        }
    }

    @Override
    public String name() {
        return "q0";
    }

    @Override
    public String description() {
        return "pass-through: every bid (auction, bidder, price, dateTime, extra)";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Linear.map(in.bids(), Row::of);
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid b) {
                out.add(new Row(b.auction(), b.bidder(), b.price(), b.dateTime(), b.extra()), 1);
            }
        }
        return out;
    }
}
