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

class Q21Test {
    private final Q21 q = new Q21();

    @Test
    void literal() {
        Bid apple = new Bid(1, 1, 1, "apple", "https://x/apple?channel_id=77", 0, "");
        Bid google = new Bid(1, 1, 2, "GOOGLE", "u", 0, "");
        Bid facebook = new Bid(1, 1, 3, "Facebook", "u", 0, "");
        Bid baidu = new Bid(1, 1, 4, "Baidu", "u", 0, "");
        Bid cold = new Bid(1, 1, 5, "channel-42", "https://www.nexmark.com/channel/item.htm?query=1&channel_id=42", 0,
                "");
        Bid none = new Bid(1, 1, 6, "channel-43", "https://www.nexmark.com/channel/item.htm?query=1", 0, "");
        Bid notParam = new Bid(1, 1, 7, "c", "a?xchannel_id=3&channel_id=4&z=1", 0, "");
        Bid atStart = new Bid(1, 1, 8, "c", "channel_id=5", 0, "");
        Bid empty = new Bid(1, 1, 9, "c", "a&channel_id=&b", 0, "");
        Bid onlyBad = new Bid(1, 1, 10, "c", "a?xchannel_id=3", 0, "");
        ZSet<Q21.Row> expected = ZSet.of(
                new Q21.Row(1, 1, 1, "apple", "0"),
                new Q21.Row(1, 1, 2, "GOOGLE", "1"),
                new Q21.Row(1, 1, 3, "Facebook", "2"),
                new Q21.Row(1, 1, 4, "Baidu", "3"),
                new Q21.Row(1, 1, 5, "channel-42", "42"),
                new Q21.Row(1, 1, 7, "c", "4"),
                new Q21.Row(1, 1, 8, "c", "5"),
                new Q21.Row(1, 1, 9, "c", ""));
        List<Event> all = List.of(apple, google, facebook, baidu, cold, none, notParam, atStart, empty, onlyBad);
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, all.subList(0, 5), all.subList(5, 10));
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
