package org.jdbsp.nexmark.queries;

import java.math.BigDecimal;
import java.util.List;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Query 1, currency conversion: every bid with its price converted from dollars to euros.
 *
 * <p>nexmark/nexmark {@code queries/q1.sql} (the sink declares {@code price DECIMAL(23, 3)}):
 * <pre>{@code
 * SELECT auction, bidder, 0.908 * price as price, dateTime, extra FROM bid;
 * }</pre>
 * Representation: {@code 0.908 * price} of a {@code BIGINT} price is exact with three decimals, so the
 * converted price is the {@link BigDecimal} with unscaled value {@code price * 908} and scale 3 (for example
 * 1234 becomes {@code 1120.472}); nothing is rounded or truncated, as in SQL's {@code DECIMAL(23, 3)}. A price
 * whose product overflows a {@code long} (above about 10^16, never generated) fails the step.
 */
public final class Q1 implements NexmarkQuery<Q1.Row> {

    /** One output row; {@code price} in euros, scale 3. */
    public record Row(long auction, long bidder, BigDecimal price, long dateTime, String extra) {
    }

    /** {@code 0.908 * dollars}, exactly, scale 3. */
    public static BigDecimal toEuros(long dollars) {
        return BigDecimal.valueOf(Math.multiplyExact(dollars, 908L), 3);
    }

    @Override
    public String name() {
        return "q1";
    }

    @Override
    public String description() {
        return "currency conversion: every bid with price 0.908 * price (DECIMAL, scale 3)";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Linear.map(in.bids(),
                bid -> new Row(bid.auction(), bid.bidder(), toEuros(bid.price()), bid.dateTime(), bid.extra()));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid b) {
                // Independent of toEuros: decimal arithmetic on BigDecimal, then scale 3 checked.
                BigDecimal euros = new BigDecimal("0.908").multiply(BigDecimal.valueOf(b.price()));
                out.add(new Row(b.auction(), b.bidder(), euros.setScale(3), b.dateTime(), b.extra()), 1);
            }
        }
        return out;
    }
}
