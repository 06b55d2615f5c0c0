package org.jdbsp.nexmark.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q4Test {
    private static final List<Event> EVENTS = QueryChecks.events(40_000);

    static Auction auction(long id, long dateTime, long expires, long seller, long category) {
        return new Auction(id, "item" + id, "d", 1, 1, dateTime, expires, seller, category, "");
    }

    static Bid bid(long auction, long bidder, long price, long dateTime) {
        return new Bid(auction, bidder, price, "c", "u", dateTime, "");
    }

    static <R> ZSet<R> run(NexmarkQuery<R> q, Mode mode, List<Event> events) {
        QueryCircuit<R> qc = new QueryCircuit<>(q, mode);
        for (Event e : events) {
            qc.push(e);
            qc.step();
        }
        return qc.output().view();
    }

    @Test
    void literal() {
        List<Event> events = List.of(
                // category 10: auction 1 wins at 30 (bid at the expiry counts, the late and early ones do not),
                bid(1, 7, 10, 1_000), bid(1, 8, 30, 5_000), bid(1, 9, 99, 5_001), bid(1, 9, 98, 999),
                auction(1, 1_000, 5_000, 100, 10),
                // auction 2 wins at 5 (two equal bids), so the category average is (30 + 5) / 2 = 17 (truncated)
                auction(2, 0, 9_000, 100, 10), bid(2, 7, 5, 100), bid(2, 8, 5, 200),
                // category 11: auction 3 has no bid in range: no row; auction 4 wins at 8
                auction(3, 0, 10, 101, 11), bid(3, 7, 50, 11), auction(4, 0, 10, 101, 11), bid(4, 7, 8, 10));
        ZSet<Q4.Row> expected = ZSet.of(new Q4.Row(10, 17), new Q4.Row(11, 8));
        Q4 q = new Q4();
        assertEquals(expected, q.reference(events));
        assertEquals(expected, run(q, Mode.INCREMENTAL, events));
        assertEquals(expected, run(q, Mode.NAIVE, events));
    }

    @Test
    void largeBatches() {
        QueryChecks.check(new Q4(), EVENTS, Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallBatches() {
        QueryChecks.check(new Q4(), EVENTS, Mode.INCREMENTAL, 100, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(new Q4(), EVENTS.subList(0, 3_000), Mode.NAIVE, 500, 3);
    }
}
