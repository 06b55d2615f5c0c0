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

class Q13Test {
    private final Q13 q = new Q13();

    @Test
    void literal() {
        Bid a = bid(1_005, 1, 99, 0);
        Bid b = bid(10_005, 2, 98, 1);
        Bid c = bid(3, 3, 97, 2);
        Bid neg = bid(-7, 4, 96, 3);
        Auction au = new Auction(3, "i", "d", 1, 2, 0, 10, 1, 10, "");
        ZSet<Q13.Row> expected = new ZSet<>();
        expected.add(new Q13.Row(1_005, 1, 99, 0, "1005"), 1);
        expected.add(new Q13.Row(10_005, 2, 98, 1, "5"), 1);
        expected.add(new Q13.Row(3, 3, 97, 2, "3"), 1);
        List<Event> all = List.of(a, au, b, c, neg);
        assertEquals(expected, q.reference(all));
        // The side table enters at the first step only (incremental) and still joins bids of later steps.
        QueryChecks.assertCircuit(q, expected, List.of(), List.of(a, au), List.of(b), List.of(c, neg));
        QueryChecks.assertCircuit(q, expected, List.of(a, au, b, c, neg));
    }

    @Test
    void sideTable() {
        ZSet<Q13.Side> t = Q13.sideInput();
        assertEquals(10_000, t.size());
        assertEquals(1, t.weight(new Q13.Side(0, "0")));
        assertEquals(1, t.weight(new Q13.Side(9_999, "9999")));
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
