package org.jdbsp.nexmark.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q0Test {
    private final Q0 q = new Q0();

    @Test
    void literal() {
        Bid b1 = new Bid(1, 10, 100, "Google", "u1", 1000, "x");
        Bid b2 = new Bid(2, 11, 200, "Apple", "u2", 2000, "");
        Bid b3 = new Bid(1, 10, 100, "Baidu", "u3", 1000, "x"); // same projected row as b1
        List<Event> events = List.of(
                new Person(5, "n", "e", "c", "city", "OR", 500, ""), b1,
                new Auction(1, "i", "d", 1, 2, 900, 5000, 5, 10, ""), b2, b3);
        ZSet<Q0.Row> expected = new ZSet<>();
        expected.add(new Q0.Row(1, 10, 100, 1000, "x"), 2);
        expected.add(new Q0.Row(2, 11, 200, 2000, ""), 1);
        assertEquals(expected, q.reference(events));
        for (Mode mode : Mode.values()) {
            QueryCircuit<Q0.Row> qc = new QueryCircuit<>(q, mode);
            qc.push(events.get(0));
            qc.push(events.get(1));
            qc.step();
            assertEquals(ZSet.of(new Q0.Row(1, 10, 100, 1000, "x")), qc.output().view());
            for (Event e : events.subList(2, 5)) {
                qc.push(e);
            }
            qc.step();
            assertEquals(expected, qc.output().view(), mode.toString());
        }
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
