package org.jdbsp.nexmark.queries;

import static org.jdbsp.nexmark.queries.Q4Test.bid;
import static org.jdbsp.nexmark.queries.Q4Test.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q5Test {
    private static final List<Event> EVENTS = QueryChecks.events(40_000);

    @Test
    void literal() {
        long base = 100_000;
        List<Event> events = List.of(bid(1, 7, 1, base + 1_000), bid(1, 7, 1, base + 3_000),
                bid(2, 7, 1, base + 3_500), bid(2, 7, 1, base + 11_000), bid(3, 7, 1, base + 11_500));
        // windows (start relative to base): -8000: {1:1}; -6000..0: {1:2, 2:1}; 2000: {1:1, 2:2, 3:1};
        // 4000..10000: {2:1, 3:1} (a tie: both auctions)
        ZSet<Q5.Row> expected = ZSet.<Q5.Row>builder(8)
                .add(new Q5.Row(1, 1), 1).add(new Q5.Row(1, 2), 4).add(new Q5.Row(2, 2), 1)
                .add(new Q5.Row(2, 1), 4).add(new Q5.Row(3, 1), 4).build();
        Q5 q = new Q5();
        assertEquals(expected, q.reference(events));
        assertEquals(expected, run(q, Mode.INCREMENTAL, events));
        assertEquals(expected, run(q, Mode.NAIVE, events));
    }

    @Test
    void largeBatches() {
        QueryChecks.check(new Q5(), EVENTS, Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallBatches() {
        QueryChecks.check(new Q5(), EVENTS, Mode.INCREMENTAL, 100, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(new Q5(), EVENTS.subList(0, 3_000), Mode.NAIVE, 500, 3);
    }
}
