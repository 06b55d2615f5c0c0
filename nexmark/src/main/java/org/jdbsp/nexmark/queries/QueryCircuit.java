package org.jdbsp.nexmark.queries;

import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.Input;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Output;
import org.jdbsp.circuit.Workers;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.EventsByType;
import org.jdbsp.nexmark.model.Person;

/**
 * A query wired into a runnable circuit with the three Nexmark inputs ({@code person}, {@code auction},
 * {@code bid}) and one output named after the query. With one worker it is a plain circuit stepped by the
 * caller's thread; with {@code workers > 1} it is built by {@link Workers#build}: {@code workers} replicas run
 * by the caller's thread and threads {@code jdbsp-worker-<i>}, the rows of each input split among them by hash
 * and moved by key before every grouped operator; the output's change and view are the sums of the workers'.
 * {@link #push(Event)} routes an event to its input as an insert; {@link #step()} runs a tick (synchronous
 * across workers). Cost per event: one hash insert into the pending input change (one worker) or one append
 * to the input's log (several; the workers consolidate it in parallel). Close it (or its {@link #circuit()}) to stop the
 * worker threads.
 *
 * @param <R> the query's output row type
 */
public final class QueryCircuit<R> implements AutoCloseable {
    private final NexmarkQuery<R> query;
    private final CircuitRuntime circuit;
    private final Input<Person> persons;
    private final Input<Auction> auctions;
    private final Input<Bid> bids;
    private final Output<R> output;

    /** {@code query} on one worker. */
    public QueryCircuit(NexmarkQuery<R> query, Mode mode) {
        this(query, mode, 1);
    }

    /** {@code query} on {@code workers >= 1} workers; the output keeps its view. */
    public QueryCircuit(NexmarkQuery<R> query, Mode mode, int workers) {
        this(query, mode, workers, true);
    }

    /**
     * {@code query} on {@code workers >= 1} workers; {@code keepView}: the output keeps its view (readable with
     * {@code output().view()}), else it only publishes each step's change, as a sink that writes the changes on
     * does, and keeps no state.
     */
    public QueryCircuit(NexmarkQuery<R> query, Mode mode, int workers, boolean keepView) {
        this.query = query;
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        if (workers == 1) {
            CircuitBuilder b = new CircuitBuilder(mode);
            wire(query, b, keepView);
            circuit = b.build();
        } else {
            circuit = Workers.build(workers, mode, b -> wire(query, b, keepView));
        }
        persons = circuit.input("person", Person.class);
        auctions = circuit.input("auction", Auction.class);
        bids = circuit.input("bid", Bid.class);
        output = outputOf(circuit, query);
    }

    /** The query's output: its rows are the R of the stream {@link NexmarkQuery#wire} returned. */
    @SuppressWarnings("unchecked")
    private static <R> Output<R> outputOf(CircuitRuntime circuit, NexmarkQuery<R> query) {
        return (Output<R>) circuit.output(query.name());
    }

    private static <R> void wire(NexmarkQuery<R> query, CircuitBuilder b, boolean keepView) {
        // Nexmark's inputs are event streams: insertions only, so the workers can split them by position
        InputHandle<Person> p = b.appendOnlyInput("person");
        InputHandle<Auction> a = b.appendOnlyInput("auction");
        InputHandle<Bid> bid = b.appendOnlyInput("bid");
        org.jdbsp.circuit.Stream<R> out = query.wire(b, new NexmarkStreams(p.stream(), a.stream(), bid.stream()));
        if (keepView) {
            b.output(query.name(), out);
        } else {
            b.outputChanges(query.name(), out);
        }
    }

    /** Wraps {@code query} (of unknown row type) in an incremental or naive circuit. */
    public static QueryCircuit<?> of(NexmarkQuery<?> query, Mode mode) {
        return of(query, mode, 1);
    }

    /** Wraps {@code query} (of unknown row type) in an incremental or naive circuit on {@code workers} workers. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static QueryCircuit<?> of(NexmarkQuery<?> query, Mode mode, int workers) {
        return of(query, mode, workers, true);
    }

    /** As {@link #of(NexmarkQuery, Mode, int)}; {@code keepView} as in the constructor. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static QueryCircuit<?> of(NexmarkQuery<?> query, Mode mode, int workers, boolean keepView) {
        return new QueryCircuit(query, mode, workers, keepView);
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

    /**
     * Inserts the events at positions {@code [off, off + len)} of {@code events}: the same change as pushing them
     * one by one, with one bulk insert per input (no event is read; with several workers, three array copies).
     */
    public void push(EventsByType events, int off, int len) {
        int p = events.count(Event.PERSON, off, len);
        int a = events.count(Event.AUCTION, off, len);
        int b = events.count(Event.BID, off, len);
        persons.insertAll(events.persons(), events.first(Event.PERSON, off), p);
        auctions.insertAll(events.auctions(), events.first(Event.AUCTION, off), a);
        bids.insertAll(events.bids(), events.first(Event.BID, off), b);
    }

    public void step() {
        circuit.step();
    }

    /** The running circuit (a plain circuit, or the multi-worker runtime). */
    public CircuitRuntime circuit() {
        return circuit;
    }

    /** Number of workers running the query. */
    public int workers() {
        return circuit.workers();
    }

    /** The query's output (with several workers: sums of the workers' outputs, computed per call). */
    public Output<R> output() {
        return output;
    }

    /** Stops the worker threads, if any. Idempotent. */
    @Override
    public void close() {
        circuit.close();
    }
}
