package org.jdbsp.nexmark.queries;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Query 8, monitor new users: the persons who registered and created an auction in the same 10 s tumbling
 * window.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q8.sql}):
 * <pre>{@code
 * SELECT P.id, P.name, P.starttime
 * FROM (
 *   SELECT id, name, window_start AS starttime, window_end AS endtime
 *   FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
 *   GROUP BY id, name, window_start, window_end
 * ) P
 * JOIN (
 *   SELECT seller, window_start AS starttime, window_end AS endtime
 *   FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
 *   GROUP BY seller, window_start, window_end
 * ) A
 * ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime;
 * }</pre>
 *
 * <p>Definition over a history: windows {@code [s, s + 10 s)}, epoch aligned; one row {@code (id, name,
 * starttime)} per distinct (person id, name, window) for which some auction of that window has that person
 * as seller (both sides are grouped, so the view is a set). All windows of the history count.
 *
 * <p>Circuit: persons and auctions are mapped to their window ({@code end = start + 10 s} is implied by the
 * start), each side {@code Distinct.distinct} (the {@code GROUP BY}), then {@code joinOnLong} on a hash of
 * {@code (id, start)} with the exact equality checked after the join.
 */
public final class Q8 implements NexmarkQuery<Q8.Row> {
    static final long SIZE = 10_000;

    /** One output row: a new person who also opened an auction in the window starting at {@code starttime}. */
    public record Row(long id, String name, long starttime) {
        @Override
        public String toString() {
            return "Q8[id=" + id + ", name=" + name + ", starttime=" + starttime + "]";
        }
    }

    /** A seller active in the window starting at {@code start}. */
    record SellerWindow(long seller, long start) {
    }

    private static final Row NO_MATCH = new Row(Long.MIN_VALUE, "", Long.MIN_VALUE);

    @Override
    public String name() {
        return "q8";
    }

    @Override
    public String description() {
        return "persons who registered and opened an auction in the same 10 s window";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        Stream<Row> persons = Distinct.distinct(Linear.map(in.persons(),
                p -> new Row(p.id(), p.name(), Math.floorDiv(p.dateTime(), SIZE) * SIZE)));
        Stream<SellerWindow> sellers = Distinct.distinct(Linear.map(in.auctions(),
                a -> new SellerWindow(a.seller(), Math.floorDiv(a.dateTime(), SIZE) * SIZE)));
        Stream<Row> joined = Joins.joinOnLong(persons, sellers, p -> Q7.mix(p.id(), p.starttime()),
                s -> Q7.mix(s.seller(), s.start()),
                (p, s) -> p.id() == s.seller() && p.starttime() == s.start() ? p : NO_MATCH);
        return Linear.filter(joined, r -> r != NO_MATCH);
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Set<Row> persons = new HashSet<>();
        Set<List<Long>> sellers = new HashSet<>();
        for (Event e : history) {
            if (e instanceof Person p) {
                persons.add(new Row(p.id(), p.name(), p.dateTime() - Math.floorMod(p.dateTime(), SIZE)));
            } else if (e instanceof Auction a) {
                sellers.add(List.of(a.seller(), a.dateTime() - Math.floorMod(a.dateTime(), SIZE)));
            }
        }
        ZSet<Row> out = new ZSet<>();
        for (Row p : persons) {
            if (sellers.contains(List.of(p.id(), p.starttime()))) {
                out.add(p, 1);
            }
        }
        return out;
    }
}
