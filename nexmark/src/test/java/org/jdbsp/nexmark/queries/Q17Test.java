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

class Q17Test {
    private final Q17 q = new Q17();

    @Test
    void literal() {
        Bid a = bid(1, 10, 5_000, t(15, "01:00"));
        Bid b = bid(1, 11, 50_000, t(15, "02:00"));
        Bid c = bid(1, 12, 2_000_001, t(15, "23:00"));
        Bid d = bid(1, 12, 7, t(16, "00:00"));
        Bid e = bid(2, 12, 1, t(15, "00:00"));
        Bid f = bid(2, 13, 2, t(15, "00:01"));
        ZSet<Q17.Row> expected = new ZSet<>();
        expected.add(new Q17.Row(1, "2015-07-15", 3, 1, 1, 1, 5_000, 2_000_001, 685_000, 2_055_001), 1);
        expected.add(new Q17.Row(1, "2015-07-16", 1, 1, 0, 0, 7, 7, 7, 7), 1);
        expected.add(new Q17.Row(2, "2015-07-15", 2, 2, 0, 0, 1, 2, 1, 3), 1);
        List<Event> all = List.of(a, b, c, d, e, f);
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, List.of(b), List.of(a, e), List.of(c, d, f));
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
