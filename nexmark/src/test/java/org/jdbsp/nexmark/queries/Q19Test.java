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

class Q19Test {
    private final Q19 q = new Q19();

    @Test
    void literal() {
        List<Bid> bids = new java.util.ArrayList<>();
        for (int p = 1; p <= 11; p++) {
            bids.add(bid(1, p, p, p));
        }
        Bid early11 = bid(1, 99, 11, 0);       // ties with price 11, earlier: row number 1
        Bid other = bid(2, 5, 3, 3);
        ZSet<Q19.Row> expected = new ZSet<>();
        expected.add(Q19.Row.of(early11, 1), 1);
        for (int p = 11; p >= 3; p--) {
            expected.add(Q19.Row.of(bids.get(p - 1), 13 - p), 1);
        }
        expected.add(Q19.Row.of(other, 1), 1);
        List<Event> all = new java.util.ArrayList<>(bids);
        all.add(early11);
        all.add(other);
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, bids.subList(0, 6), List.of(other), bids.subList(6, 11), List.of(early11));
        // A bid present twice takes two row numbers.
        Bid dup = bid(3, 1, 5, 5);
        ZSet<Q19.Row> twice = ZSet.of(Q19.Row.of(dup, 1), Q19.Row.of(dup, 2));
        assertEquals(twice, q.reference(List.of(dup, dup)));
        QueryChecks.assertCircuit(q, twice, List.of(dup), List.of(dup));
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
