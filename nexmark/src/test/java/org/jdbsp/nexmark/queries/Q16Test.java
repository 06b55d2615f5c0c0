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

class Q16Test {
    private final Q16 q = new Q16();

    @Test
    void literal() {
        Bid g1 = bid(1, 10, 5_000, t(15, "10:15"));
        Bid g2 = bid(2, 10, 5_000, t(15, "09:59"));
        Bid g3 = bid(1, 11, 2_000_000, t(15, "23:59"));
        Bid a1 = new Bid(1, 10, 50_000, "Apple", "u", t(15, "00:00"), "");
        Bid g4 = bid(1, 10, 5_000, t(16, "00:01"));
        ZSet<Q16.Row> expected = new ZSet<>();
        expected.add(new Q16.Row("Google", "2015-07-15", "23:59", 3, 2, 0, 1, 2, 1, 0, 1, 2, 2, 0, 1), 1);
        expected.add(new Q16.Row("Apple", "2015-07-15", "00:00", 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0), 1);
        expected.add(new Q16.Row("Google", "2015-07-16", "00:01", 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0), 1);
        List<Event> all = List.of(g1, g2, g3, a1, g4);
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, List.of(g1), List.of(g2, a1), List.of(g3, g4));
        QueryChecks.assertCircuit(q, expected, List.of(g3), List.of(g1, g2, a1, g4));
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
