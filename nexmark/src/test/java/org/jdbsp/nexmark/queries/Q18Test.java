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

class Q18Test {
    private final Q18 q = new Q18();

    @Test
    void literal() {
        Bid x1 = bid(1, 1, 5, 100);
        Bid x2 = bid(1, 1, 3, 200);
        Bid x3 = bid(1, 1, 4, 200);            // same time as x2, higher price: last
        Bid y = bid(2, 1, 9, 50);
        Bid z = bid(1, 2, 1, 10);              // pushed twice
        Bid tieGoogle = bid(3, 3, 1, 10);
        Bid tieApple = new Bid(3, 3, 1, "Apple", "u", 10, "");   // same time and price: channel decides
        ZSet<Bid> expected = ZSet.of(x3, y, z, tieApple);
        List<Event> all = List.of(x1, x2, x3, y, z, z, tieGoogle, tieApple);
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, List.of(x3, z), List.of(x1, tieApple), List.of(x2, y, z, tieGoogle));
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
