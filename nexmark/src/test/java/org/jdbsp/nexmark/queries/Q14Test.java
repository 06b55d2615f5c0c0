package org.jdbsp.nexmark.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q14Test {
    private final Q14 q = new Q14();

    private static Bid at(long price, String hhmm, String extra) {
        long t = java.time.Instant.parse("2015-07-15T" + hhmm + ":00Z").toEpochMilli();
        return new Bid(1, 2, price, "Apple", "u", t, extra);
    }

    @Test
    void literal() {
        Bid low = at(1_101_321, "12:00", "");          // 999999.468: out
        Bid justIn = at(1_101_322, "08:00", "abcc");   // 1000000.376
        Bid high = at(55_066_079, "18:59", "c");       // 49999999.732
        Bid tooHigh = at(55_066_080, "12:00", "");     // 50000000.640: out
        Bid seven = at(2_000_000, "07:30", "C");
        Bid nineteen = at(2_000_001, "19:00", "cCc");
        Bid six = at(2_000_002, "06:59", "");
        Bid twenty = at(2_000_003, "20:00", "");
        Bid huge = at(Long.MAX_VALUE, "12:00", "");
        ZSet<Q14.Row> expected = new ZSet<>();
        expected.add(new Q14.Row(1, 2, BigDecimal.valueOf(1_000_000_376L, 3), "dayTime", justIn.dateTime(), "abcc", 2), 1);
        expected.add(new Q14.Row(1, 2, BigDecimal.valueOf(49_999_999_732L, 3), "dayTime", high.dateTime(), "c", 1), 1);
        expected.add(new Q14.Row(1, 2, BigDecimal.valueOf(1_816_000_000L, 3), "otherTime", seven.dateTime(), "C", 0), 1);
        expected.add(new Q14.Row(1, 2, BigDecimal.valueOf(1_816_000_908L, 3), "otherTime", nineteen.dateTime(), "cCc", 2), 1);
        expected.add(new Q14.Row(1, 2, BigDecimal.valueOf(1_816_001_816L, 3), "nightTime", six.dateTime(), "", 0), 1);
        expected.add(new Q14.Row(1, 2, BigDecimal.valueOf(1_816_002_724L, 3), "nightTime", twenty.dateTime(), "", 0), 1);
        List<Event> all = List.of(low, justIn, high, tooHigh, seven, nineteen, six, twenty, huge);
        assertEquals(expected, q.reference(all));
        QueryChecks.assertCircuit(q, expected, all.subList(0, 4), all.subList(4, 9));
        Q14.Row r = new Q14.Row(1, 2, BigDecimal.valueOf(1_000_000_376L, 3), "dayTime", 0, "", 0);
        assertEquals(new BigDecimal("1000000.376"), r.price());
        assertTrue(r.toString().contains("price=1000000.376"), r.toString());
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
