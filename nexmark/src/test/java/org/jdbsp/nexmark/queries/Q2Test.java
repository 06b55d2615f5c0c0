package org.jdbsp.nexmark.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q2Test {
    private final Q2 q = new Q2();

    private static Bid bid(long auction, long price) {
        return new Bid(auction, 1, price, "Google", "u", 1000, "");
    }

    @Test
    void literal() {
        List<Event> events = List.of(bid(0, 5), bid(123, 10), bid(124, 10), bid(246, 7), bid(123, 10),
                bid(1000, 1), bid(122, 3), bid(123 * 1000, 2));
        ZSet<Q2.Row> expected = new ZSet<>();
        expected.add(new Q2.Row(0, 5), 1);
        expected.add(new Q2.Row(123, 10), 2);
        expected.add(new Q2.Row(246, 7), 1);
        expected.add(new Q2.Row(123_000, 2), 1);
        assertEquals(expected, q.reference(events));
        for (Mode mode : Mode.values()) {
            QueryCircuit<Q2.Row> qc = new QueryCircuit<>(q, mode);
            qc.push(events.get(0));
            qc.push(events.get(1));
            qc.step();
            assertEquals(ZSet.of(new Q2.Row(0, 5), new Q2.Row(123, 10)), qc.output().view());
            for (Event e : events.subList(2, events.size())) {
                qc.push(e);
            }
            qc.step();
            assertEquals(expected, qc.output().view(), mode.toString());
        }
    }

    @Test
    void generatedEventsSelectSomething() {
        assertFalse(q.reference(QueryChecks.events(30_000)).isEmpty());
    }

    @Test
    void largeBatches() {
        QueryChecks.check(q, QueryChecks.events(30_000), Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallRandomBatches() {
        QueryChecks.check(q, QueryChecks.events(30_000), Mode.INCREMENTAL, 150, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(q, QueryChecks.events(3_000), Mode.NAIVE, 500, 3);
    }
}
