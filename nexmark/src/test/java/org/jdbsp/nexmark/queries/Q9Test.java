package org.jdbsp.nexmark.queries;

import static org.jdbsp.nexmark.queries.Q4Test.auction;
import static org.jdbsp.nexmark.queries.Q4Test.bid;
import static org.jdbsp.nexmark.queries.Q4Test.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q9Test {
    private static final List<Event> EVENTS = QueryChecks.events(40_000);

    @Test
    void literal() {
        Auction a1 = auction(1, 1_000, 5_000, 100, 10);
        Auction a2 = auction(2, 0, 9_000, 100, 10);
        Auction a3 = auction(3, 0, 10, 101, 11);
        Bid win1 = bid(1, 8, 30, 5_000); // at the expiry: counts
        Bid tieEarly = bid(2, 9, 5, 100); // equal price: the earlier wins
        Bid tieSameTime = bid(2, 7, 7, 300); // same price and time: the lower bidder wins
        List<Event> events = List.of(
                bid(1, 7, 10, 1_000), win1, bid(1, 9, 99, 5_001), bid(1, 9, 98, 999), a1,
                a2, bid(2, 8, 5, 200), tieEarly, bid(2, 6, 3, 50), bid(2, 8, 7, 300), tieSameTime,
                a3, bid(3, 7, 50, 11));
        ZSet<Q9.Row> expected = ZSet.of(Q9.Row.of(a1, win1), Q9.Row.of(a2, tieSameTime));
        Q9 q = new Q9();
        assertEquals(expected, q.reference(events));
        assertEquals(expected, run(q, Mode.INCREMENTAL, events));
        assertEquals(expected, run(q, Mode.NAIVE, events));
    }

    @Test
    void identicalBidsGiveOneRow() {
        Auction a = auction(1, 0, 100, 5, 10);
        Bid b = bid(1, 7, 10, 50);
        List<Event> events = List.of(a, b, b);
        ZSet<Q9.Row> expected = ZSet.of(Q9.Row.of(a, b));
        assertEquals(expected, new Q9().reference(events));
        assertEquals(expected, run(new Q9(), Mode.INCREMENTAL, events));
        assertEquals(expected, run(new Q9(), Mode.NAIVE, events));
    }

    @Test
    void largeBatches() {
        QueryChecks.check(new Q9(), EVENTS, Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallBatches() {
        QueryChecks.check(new Q9(), EVENTS, Mode.INCREMENTAL, 100, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(new Q9(), EVENTS.subList(0, 3_000), Mode.NAIVE, 500, 3);
    }
}
