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

class Q15Test {
    private final Q15 q = new Q15();

    @Test
    void literal() {
        Bid a = bid(1, 10, 5_000, t(15, "01:00"));
        Bid b = bid(1, 10, 50_000, t(15, "02:00"));
        Bid c = bid(2, 11, 5_000, t(15, "03:00"));
        Bid d = bid(2, 10, 2_000_000, t(15, "23:59"));
        Bid e = bid(1, 12, 9_999, t(16, "00:00"));
        Bid f = bid(3, 12, 10_000, t(16, "00:01"));
        Bid g = bid(3, 12, 1_000_000, t(16, "00:02"));
        Bid h = bid(3, 12, 999_999, t(16, "00:03"));
        ZSet<Q15.Row> expected = new ZSet<>();
        expected.add(new Q15.Row("2015-07-15", 4, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1), 1);
        expected.add(new Q15.Row("2015-07-16", 4, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 1), 1);
        List<Event> all = List.of(a, b, c, d, e, f, g, h);
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, List.of(a, b), List.of(c, d, e), List.of(f), List.of(g, h));
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
