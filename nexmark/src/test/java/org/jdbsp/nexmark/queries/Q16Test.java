package org.jdbsp.nexmark.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** q16's incremental circuit, its bid input and its output. */
    private record Wired(org.jdbsp.circuit.Circuit circuit, org.jdbsp.circuit.InputHandle<Bid> bids,
                         org.jdbsp.circuit.OutputHandle<Q16.Row> out) {
    }

    private Wired wired() {
        org.jdbsp.circuit.CircuitBuilder b = org.jdbsp.circuit.CircuitBuilder.incremental();
        org.jdbsp.circuit.InputHandle<Bid> bids = b.input("bid");
        org.jdbsp.circuit.OutputHandle<Q16.Row> out = b.output("q16",
                q.wire(b, new NexmarkStreams(b.<Person>input("person").stream(),
                        b.<Auction>input("auction").stream(), bids.stream())));
        return new Wired(b.build(), bids, out);
    }

    /** Deleting the bid of a group's latest minute brings back the minute before it; deleting all removes the row. */
    @Test
    void deletionsOfTheLatestMinute() {
        Bid late = bid(1, 10, 5_000, t(15, "10:15"));
        Bid early = bid(2, 11, 5_000, t(15, "09:59"));
        Bid early2 = bid(3, 11, 2_000_000, t(15, "09:59"));
        Wired w = wired();
        org.jdbsp.circuit.InputHandle<Bid> bids = w.bids();
        org.jdbsp.circuit.OutputHandle<Q16.Row> out = w.out();
        org.jdbsp.circuit.Circuit c = w.circuit();
        bids.insert(late);
        bids.insert(early);
        bids.insert(early2);
        c.step();
        assertEquals(q.reference(List.of(late, early, early2)), out.view());
        bids.delete(late);
        c.step();
        assertEquals(q.reference(List.of(early, early2)), out.view());
        assertEquals("09:59", out.view().elementAt(out.view().nextSlot(0)).minute());
        bids.delete(early);
        c.step();
        assertEquals(q.reference(List.of(early2)), out.view());
        bids.delete(early2);
        c.step();
        assertEquals(new ZSet<Q16.Row>(), out.view());
    }

    /** The distinct's channel codes: distinct and stable for the generator's channels, a clear refusal otherwise. */
    @Test
    void channelCodes() {
        assertEquals(0, Q16.channelCode("Google"));
        assertEquals(3, Q16.channelCode("Apple"));
        assertEquals(4, Q16.channelCode("channel-0"));
        assertEquals(4 + 9_999, Q16.channelCode("channel-9999"));
        assertEquals(4 + Q16.MAX_CHANNEL_NUMBER, Q16.channelCode("channel-" + Q16.MAX_CHANNEL_NUMBER));
        for (String bad : new String[] {"channel-01", "channel-", "channel-1x", "Channel-1", "google", "",
            "channel-" + (Q16.MAX_CHANNEL_NUMBER + 1L), "channel-99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Q16.channelCode(bad),
                    bad);
            assertTrue(e.getMessage().contains("\"" + bad + "\"") && e.getMessage().contains("--engine sql"),
                    e.getMessage());
        }
    }

    /** The output's channel is read back from the code: the name the code was made from, for every kind of name. */
    @Test
    void channelNamesInvertCodes() {
        for (String name : new String[] {"Google", "Facebook", "Baidu", "Apple", "channel-0", "channel-7",
            "channel-9999", "channel-" + Q16.MAX_CHANNEL_NUMBER}) {
            int code = Q16.channelCode(name);
            assertEquals(name, Q16.channelName(code), name);
            long group = Q16.groupCode(20_000, code);
            assertEquals(name, Q16.channelOfGroup(group), name + " through a group code");
        }
    }

    /** A bid on a channel the circuit does not code fails its step, naming the channel; nothing is kept of it. */
    @Test
    void refusesAChannelItCannotCode() {
        Bid odd = new Bid(1, 10, 5_000, "Other", "u", t(15, "10:15"), "");
        Bid g1 = bid(1, 10, 5_000, t(15, "10:15"));
        ZSet<Q16.Row> expected = new ZSet<>();
        expected.add(new Q16.Row("Google", "2015-07-15", "10:15", 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0), 1);
        Wired w = wired();
        org.jdbsp.circuit.InputHandle<Bid> bids = w.bids();
        org.jdbsp.circuit.OutputHandle<Q16.Row> out = w.out();
        org.jdbsp.circuit.Circuit c = w.circuit();
        bids.insert(g1);
        bids.insert(odd);
        RuntimeException e = assertThrows(RuntimeException.class, c::step);
        assertTrue(e.getMessage().contains("\"Other\""), e.getMessage());
        bids.clearPending();
        bids.insert(g1);
        c.step();
        assertEquals(expected, out.view());
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
