package org.jdbsp.nexmark.queries;

import static org.jdbsp.nexmark.queries.Q4Test.bid;
import static org.jdbsp.nexmark.queries.Q4Test.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q7Test {
    private static final List<Event> EVENTS = QueryChecks.events(40_000);

    private static Q7.Row row(Bid b) {
        return new Q7.Row(b.auction(), b.price(), b.bidder(), b.dateTime(), b.extra());
    }

    @Test
    void literal() {
        long base = 100_000;
        Bid a2 = bid(2, 7, 9, base + 2_000);
        Bid a3 = bid(3, 7, 9, base + 5_000);
        Bid a4 = bid(4, 7, 9, base + 10_000); // first instant of the next window, inside this one's BETWEEN
        Bid a10 = bid(10, 7, 12, base + 22_000);
        List<Event> events = List.of(
                bid(1, 7, 5, base + 1_000), a2, a3, // window [base, base + 10 s): max 9
                a4, bid(5, 7, 3, base + 15_000), // window [base + 10 s, base + 20 s): max 9
                bid(9, 7, 9, base + 21_000), a10); // window [base + 20 s, base + 30 s): max 12
        ZSet<Q7.Row> expected = ZSet.<Q7.Row>builder(4)
                .add(row(a2), 1).add(row(a3), 1).add(row(a4), 2).add(row(a10), 1).build();
        Q7 q = new Q7();
        assertEquals(expected, q.reference(events));
        assertEquals(expected, run(q, Mode.INCREMENTAL, events));
        assertEquals(expected, run(q, Mode.NAIVE, events));
    }

    @Test
    void largeBatches() {
        QueryChecks.check(new Q7(), EVENTS, Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallBatches() {
        QueryChecks.check(new Q7(), EVENTS, Mode.INCREMENTAL, 100, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(new Q7(), EVENTS.subList(0, 3_000), Mode.NAIVE, 500, 3);
    }
}
