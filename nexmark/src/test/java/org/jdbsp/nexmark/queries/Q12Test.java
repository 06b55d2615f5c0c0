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

class Q12Test {
    private final Q12 q = new Q12();

    @Test
    void literal() {
        Bid a = bid(1, 7, 10, 1_000);
        Bid b = bid(2, 7, 20, 9_999);
        Bid c = bid(3, 7, 30, 10_000);
        Bid d = bid(4, 8, 40, 5_000);
        Bid e = bid(5, 8, 50, -1);
        Person p = new Person(7, "n", "e", "c", "city", "OR", 2_000, "");
        ZSet<Q12.Row> expected = new ZSet<>();
        expected.add(new Q12.Row(7, 2, 0, 10_000), 1);
        expected.add(new Q12.Row(7, 1, 10_000, 20_000), 1);
        expected.add(new Q12.Row(8, 1, 0, 10_000), 1);
        expected.add(new Q12.Row(8, 1, -10_000, 0), 1);
        List<Event> all = List.of(a, p, b, c, d, e);
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, List.of(a, p), List.of(b, c), List.of(), List.of(d, e));
        // The same bid twice counts twice.
        ZSet<Q12.Row> twice = ZSet.of(new Q12.Row(7, 2, 0, 10_000));
        assertEquals(twice, q.reference(List.of(a, a)));
        QueryChecks.assertCircuit(q, twice, List.of(a), List.of(a));
    }

    private static Bid bid(long auction, long bidder, long price, long dateTime) {
        return new Bid(auction, bidder, price, "Google", "https://www.nexmark.com/google/item.htm?query=1", dateTime,
                "");
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
