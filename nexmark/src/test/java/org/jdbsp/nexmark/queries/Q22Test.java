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

class Q22Test {
    private final Q22 q = new Q22();

    private static Bid withUrl(String url) {
        return new Bid(1, 2, 3, "ch", url, 0, "");
    }

    @Test
    void literal() {
        List<Event> all = List.of(
                withUrl("https://www.nexmark.com/google/item.htm?query=1"),
                withUrl("https://example.com/dir1/dir2/dir3/dir4/dir5"),
                withUrl("https:badly.formed/dir1/dir2/dir3"),
                withUrl("Google"),
                withUrl(""),
                withUrl("a//b/c/"),
                withUrl("https://h/x/"));
        ZSet<Q22.Row> expected = ZSet.of(
                new Q22.Row(1, 2, 3, "ch", "google", "item.htm?query=1", null),
                new Q22.Row(1, 2, 3, "ch", "dir1", "dir2", "dir3"),
                new Q22.Row(1, 2, 3, "ch", "dir3", null, null),
                new Q22.Row(1, 2, 3, "ch", null, null, null),
                new Q22.Row(1, 2, 3, "ch", null, null, null),
                new Q22.Row(1, 2, 3, "ch", "c", "", null),
                new Q22.Row(1, 2, 3, "ch", "x", "", null));
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, all.subList(0, 3), all.subList(3, 7));
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
