package org.jdbsp.nexmark.queries;

import static org.jdbsp.nexmark.queries.Q4Test.auction;
import static org.jdbsp.nexmark.queries.Q4Test.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q8Test {
    private static final List<Event> EVENTS = QueryChecks.events(40_000);

    private static Person person(long id, long dateTime) {
        return new Person(id, "p" + id, "e", "c", "city", "OR", dateTime, "");
    }

    @Test
    void literal() {
        long base = 100_000;
        List<Event> events = List.of(
                person(1, base + 1_000), person(1, base + 1_000), // duplicate: grouped away
                auction(10, base + 9_000, base + 20_000, 1, 10), auction(11, base + 3_000, base + 20_000, 1, 10),
                person(2, base + 9_999), auction(12, base + 10_000, base + 20_000, 2, 10), // next window
                person(3, base + 5_000), auction(13, base - 1, base + 20_000, 3, 10), // previous window
                auction(14, base + 5_000, base + 20_000, 4, 10)); // no such person
        ZSet<Q8.Row> expected = ZSet.of(new Q8.Row(1, "p1", base));
        Q8 q = new Q8();
        assertEquals(expected, q.reference(events));
        assertEquals(expected, run(q, Mode.INCREMENTAL, events));
        assertEquals(expected, run(q, Mode.NAIVE, events));
    }

    @Test
    void largeBatches() {
        QueryChecks.check(new Q8(), EVENTS, Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallBatches() {
        QueryChecks.check(new Q8(), EVENTS, Mode.INCREMENTAL, 100, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(new Q8(), EVENTS.subList(0, 3_000), Mode.NAIVE, 500, 3);
    }
}
