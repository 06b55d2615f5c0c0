package org.jdbsp.nexmark.queries;

import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;

/**
 * A query wired into a runnable circuit with the three Nexmark inputs. {@link #push(Event)} routes an event
 * to its input as an insert; {@link #step()} runs a tick. Cost per event: one hash insert into the pending
 * input change.
 *
 * @param <R> the query's output row type
 */
public final class QueryCircuit<R> {
    private final NexmarkQuery<R> query;
    private final Circuit circuit;
    private final InputHandle<Person> persons;
    private final InputHandle<Auction> auctions;
    private final InputHandle<Bid> bids;
    private final OutputHandle<R> output;

    public QueryCircuit(NexmarkQuery<R> query, Mode mode) {
        this.query = query;
        CircuitBuilder b = new CircuitBuilder(mode);
        persons = b.input("person");
        auctions = b.input("auction");
        bids = b.input("bid");
        output = b.output(query.name(), query.wire(b,
                new NexmarkStreams(persons.stream(), auctions.stream(), bids.stream())));
        circuit = b.build();
    }

    /** Wraps {@code query} (of unknown row type) in an incremental or naive circuit. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static QueryCircuit<?> of(NexmarkQuery<?> query, Mode mode) {
        return new QueryCircuit(query, mode);
    }

    public NexmarkQuery<R> query() {
        return query;
    }

    /** Inserts one event into its input; it enters the circuit at the next step. */
    public void push(Event e) {
        switch (e.eventType()) {
            case Event.PERSON -> persons.insert((Person) e);
            case Event.AUCTION -> auctions.insert((Auction) e);
            default -> bids.insert((Bid) e);
        }
    }

    /** Inserts {@code len} events from {@code events[off]}. */
    public void push(Event[] events, int off, int len) {
        for (int i = off; i < off + len; i++) {
            push(events[i]);
        }
    }

    public void step() {
        circuit.step();
    }

    public Circuit circuit() {
        return circuit;
    }

    public OutputHandle<R> output() {
        return output;
    }
}
