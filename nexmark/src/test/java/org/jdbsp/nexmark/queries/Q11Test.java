package org.jdbsp.nexmark.queries;

import static org.jdbsp.nexmark.queries.Q4Test.bid;
import static org.jdbsp.nexmark.queries.Q4Test.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q11Test {
    private static final List<Event> EVENTS = QueryChecks.events(40_000);

    @Test
    void literal() {
        long base = 100_000;
        List<Event> events = List.of(
                // bidder 7: 0, 10 s (exactly the gap: same session, as Flink's touching windows merge),
                // 15 s (twice); then 25 001 ms is 10 001 ms after the last: a new session
                bid(1, 7, 1, base), bid(1, 7, 1, base + 10_000), bid(1, 7, 1, base + 15_000),
                bid(2, 7, 1, base + 15_000), bid(1, 7, 1, base + 25_001),
                bid(1, 8, 1, base + 3)); // bidder 8: one bid
        ZSet<Q11.Row> expected = ZSet.of(new Q11.Row(7, 4, base, base + 25_000),
                new Q11.Row(7, 1, base + 25_001, base + 35_001), new Q11.Row(8, 1, base + 3, base + 10_003));
        Q11 q = new Q11();
        assertEquals(expected, q.reference(events));
        assertEquals(expected, run(q, Mode.INCREMENTAL, events));
        assertEquals(expected, run(q, Mode.NAIVE, events));
    }

    @Test
    void largeBatches() {
        QueryChecks.check(new Q11(), EVENTS, Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallBatches() {
        QueryChecks.check(new Q11(), EVENTS, Mode.INCREMENTAL, 100, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(new Q11(), EVENTS.subList(0, 3_000), Mode.NAIVE, 500, 3);
    }
}
