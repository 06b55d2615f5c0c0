package org.jdbsp.nexmark.queries;

import static org.jdbsp.nexmark.queries.Q4Test.auction;
import static org.jdbsp.nexmark.queries.Q4Test.bid;
import static org.jdbsp.nexmark.queries.Q4Test.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q6Test {
    private static final List<Event> EVENTS = QueryChecks.events(40_000);

    @Test
    void literal() {
        List<Event> events = new ArrayList<>();
        // seller 100: 12 auctions at times 0, 10, ..., 110, the i-th won at price i (bids outside the range
        // ignored); the last 10 by time are i = 2..11, average (2 + ... + 11) / 10 = 65 / 10 = 6
        for (int i = 0; i < 12; i++) {
            events.add(auction(i + 1, i * 10, i * 10 + 5, 100, 10));
            events.add(bid(i + 1, 7, i, i * 10 + 5));
            events.add(bid(i + 1, 7, 1_000, i * 10 + 6));
        }
        // seller 101: one auction won at 8 (the max of 3 and 8), one without a bid in range
        events.add(auction(50, 0, 100, 101, 10));
        events.add(bid(50, 1, 3, 1));
        events.add(bid(50, 1, 8, 2));
        events.add(auction(51, 0, 100, 101, 10));
        events.add(bid(51, 1, 9, 101));
        // seller 102: auction ordering by time beats ids: the newest (id 60, time 500) of 11 counts, the
        // oldest (id 70, time 0, price 1000) does not; the others (ids 61..69, times 100..900) at price 10
        events.add(auction(60, 500, 600, 102, 10));
        events.add(bid(60, 1, 100, 500));
        events.add(auction(70, 0, 600, 102, 10));
        events.add(bid(70, 1, 1_000, 500));
        for (int i = 1; i <= 9; i++) {
            events.add(auction(60 + i, i * 100, i * 100 + 10, 102, 10));
            events.add(bid(60 + i, 1, 10, i * 100 + 1));
        }
        ZSet<Q6.Row> expected = ZSet.of(new Q6.Row(100, 6), new Q6.Row(101, 8), new Q6.Row(102, 19));
        Q6 q = new Q6();
        assertEquals(expected, q.reference(events));
        assertEquals(expected, run(q, Mode.INCREMENTAL, events));
        assertEquals(expected, run(q, Mode.NAIVE, events));
    }

    @Test
    void largeBatches() {
        QueryChecks.check(new Q6(), EVENTS, Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallBatches() {
        QueryChecks.check(new Q6(), EVENTS, Mode.INCREMENTAL, 100, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(new Q6(), EVENTS.subList(0, 3_000), Mode.NAIVE, 500, 3);
    }
}
