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

class Q20Test {
    private final Q20 q = new Q20();

    @Test
    void literal() {
        Auction a1 = new Auction(1, "item1", "desc1", 10, 20, 100, 1_000, 7, 10, "ae1");
        Auction a2 = new Auction(2, "item2", "desc2", 11, 21, 101, 1_001, 8, 11, "ae2");
        Bid b1 = new Bid(1, 5, 50, "Apple", "u1", 150, "be1");
        Bid b2 = new Bid(2, 5, 51, "Apple", "u2", 151, "be2");
        Bid b3 = new Bid(3, 5, 52, "Apple", "u3", 152, "be3");
        Bid b4 = new Bid(1, 6, 53, "Baidu", "u4", 153, "be4");
        ZSet<Q20.Row> expected = new ZSet<>();
        expected.add(new Q20.Row(1, 5, 50, "Apple", "u1", 150, "be1", "item1", "desc1", 10, 20, 100, 1_000, 7, 10,
                "ae1"), 1);
        expected.add(new Q20.Row(1, 6, 53, "Baidu", "u4", 153, "be4", "item1", "desc1", 10, 20, 100, 1_000, 7, 10,
                "ae1"), 1);
        List<Event> all = List.of(a1, a2, b1, b2, b3, b4);
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, List.of(b1, b2), List.of(a1, a2, b3), List.of(b4));
        QueryChecks.assertCircuit(q, expected, all);
    }

    private static Bid bid(long auction, long bidder, long price, long dateTime) {
        return new Bid(auction, bidder, price, "Google", "https://www.nexmark.com/google/item.htm?query=1", dateTime,
                "");
    }

    /** Epoch milliseconds of {@code 2015-07-<day>T<hhmm>:00Z}. */
    private static long t(int day, String hhmm) {
        return java.time.Instant.parse("2015-07-" + day + "T" + hhmm + ":00Z").toEpochMilli();
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
