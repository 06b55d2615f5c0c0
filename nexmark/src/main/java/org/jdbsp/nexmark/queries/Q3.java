package org.jdbsp.nexmark.queries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Query 3, local item suggestion: who is selling in category 10 in Oregon, Idaho or California, and which
 * auctions. An incremental inner join of the persons of those states with the auctions of category 10.
 *
 * <p>nexmark/nexmark {@code queries/q3.sql}:
 * <pre>{@code
 * SELECT P.name, P.city, P.state, A.id
 * FROM auction AS A INNER JOIN person AS P on A.seller = P.id
 * WHERE A.category = 10 and (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA');
 * }</pre>
 * Both sides are filtered before the join, so the join's state holds only those persons and auctions. An
 * auction whose seller arrives later (or never) joins when (if) the person arrives: the final view is the
 * join over the whole history.
 */
public final class Q3 implements NexmarkQuery<Q3.Row> {
    /** The auction category selected. */
    public static final long CATEGORY = 10;

    /** One output row: the seller's name, city and state and the auction's id. */
    public record Row(String name, String city, String state, long id) {
    }

    static boolean inStates(String state) {
        return "OR".equals(state) || "ID".equals(state) || "CA".equals(state);
    }

    @Override
    public String name() {
        return "q3";
    }

    @Override
    public String description() {
        return "local item suggestion: sellers in OR/ID/CA of category-10 auctions (name, city, state, id)";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        Stream<Auction> auctions = Linear.filter(in.auctions(), a -> a.category() == CATEGORY);
        Stream<Person> persons = Linear.filter(in.persons(), p -> inStates(p.state()));
        return Joins.joinOnLong(auctions, persons, Auction::seller, Person::id,
                (a, p) -> new Row(p.name(), p.city(), p.state(), a.id()));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Set<String> states = Set.of("OR", "ID", "CA");
        Map<Long, List<Person>> sellers = new HashMap<>();
        List<Auction> auctions = new ArrayList<>();
        for (Event e : history) {
            if (e instanceof Person p && states.contains(p.state())) {
                sellers.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
            } else if (e instanceof Auction a && a.category() == 10) {
                auctions.add(a);
            }
        }
        ZSet<Row> out = new ZSet<>();
        for (Auction a : auctions) {
            for (Person p : sellers.getOrDefault(a.seller(), List.of())) {
                out.add(new Row(p.name(), p.city(), p.state(), a.id()), 1);
            }
        }
        return out;
    }
}
