package org.jdbsp.circuit;

/**
 * A delayed feedback edge: {@link #stream()} carries, at each tick, the value that the stream given to
 * {@link #connect} had at the previous tick ({@code z^-1}). It is how a circuit refers to its own past, e.g. a
 * running total {@code t = x + z^-1(t)}. Building fails if it is never connected.
 */
public final class Feedback<T> {
    private final CircuitBuilder owner;
    private final DelayNode<T> source;
    private final Stream<T> stream;
    private boolean connected;

    Feedback(CircuitBuilder owner, DelayNode<T> source, Stream<T> stream) {
        this.owner = owner;
        this.source = source;
        this.stream = stream;
    }

    /** The delayed stream, usable before {@link #connect} is called. */
    public Stream<T> stream() {
        return stream;
    }

    /** Closes the loop: from the next tick on, {@link #stream()} carries {@code z^-1(value)}. Call once. */
    public void connect(Stream<T> value) {
        if (connected) {
            throw new CircuitWiringException("feedback " + stream.name() + " is already connected");
        }
        owner.checkOwns(value, "feedback " + stream.name());
        owner.addSink(new DelaySink<>(source, value));
        connected = true;
    }

    boolean isConnected() {
        return connected;
    }

    String name() {
        return stream.name();
    }
}
