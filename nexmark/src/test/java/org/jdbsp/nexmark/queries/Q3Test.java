package org.jdbsp.nexmark.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q3Test {
    private final Q3 q = new Q3();

    private static Person person(long id, String name, String state) {
        return new Person(id, name, "e", "c", "city" + id, state, 100, "");
    }

    private static Auction auction(long id, long seller, long category) {
        return new Auction(id, "item", "d", 1, 2, 200, 9000, seller, category, "");
    }

    @Test
    void literal() {
        List<Event> step1 = List.of(
                person(1, "ann", "OR"), person(2, "bob", "WA"), auction(100, 1, 10), auction(101, 2, 10),
                auction(102, 1, 9), auction(103, 3, 10), new Bid(100, 2, 5, "Google", "u", 300, ""));
        List<Event> step2 = List.of(person(3, "cy", "CA"), person(4, "di", "ID"), auction(104, 4, 10),
                auction(105, 1, 10), auction(106, 5, 10), person(6, "ed", "id"));
        ZSet<Q3.Row> afterStep1 = ZSet.of(new Q3.Row("ann", "city1", "OR", 100));
        ZSet<Q3.Row> expected = ZSet.of(
                new Q3.Row("ann", "city1", "OR", 100),
                new Q3.Row("cy", "city3", "CA", 103), // the auction arrived before its seller
                new Q3.Row("di", "city4", "ID", 104),
                new Q3.Row("ann", "city1", "OR", 105));
        assertEquals(afterStep1, q.reference(step1));
        List<Event> all = new java.util.ArrayList<>(step1);
        all.addAll(step2);
        assertEquals(expected, q.reference(all));
        for (Mode mode : Mode.values()) {
            QueryCircuit<Q3.Row> qc = new QueryCircuit<>(q, mode);
            step1.forEach(qc::push);
            qc.step();
            assertEquals(afterStep1, qc.output().view(), mode.toString());
            step2.forEach(qc::push);
            qc.step();
            assertEquals(expected, qc.output().view(), mode.toString());
        }
    }

    @Test
    void generatedEventsMatchSomething() {
        assertFalse(q.reference(QueryChecks.events(30_000)).isEmpty());
    }

    @Test
    void largeBatches() {
        QueryChecks.check(q, QueryChecks.events(40_000), Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallRandomBatches() {
        QueryChecks.check(q, QueryChecks.events(40_000), Mode.INCREMENTAL, 150, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(q, QueryChecks.events(3_000), Mode.NAIVE, 500, 3);
    }
}
