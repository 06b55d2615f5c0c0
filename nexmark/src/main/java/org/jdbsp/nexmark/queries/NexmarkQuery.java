package org.jdbsp.nexmark.queries;

import java.util.List;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;

/**
 * One Nexmark query: its circuit, and an independent reference that computes the same final view in plain
 * Java over the whole event history (no circuit, no operator library), used by {@code --check} and the tests.
 * Implementations are {@code org.jdbsp.nexmark.queries.Q<n>} with a public no-argument constructor.
 *
 * @param <R> the output row type (a record with a readable {@code toString}, used for CSV dumps)
 */
public interface NexmarkQuery<R> {
    /** {@code "q0"} ... {@code "q22"}. */
    String name();

    /** One line: what the query computes. */
    String description();

    /** Wires the query on the event streams and returns its output stream. */
    Stream<R> wire(CircuitBuilder b, NexmarkStreams in);

    /** The expected final view after all of {@code history}, computed without the engine. */
    ZSet<R> reference(List<Event> history);
}
