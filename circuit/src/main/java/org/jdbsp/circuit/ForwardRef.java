package org.jdbsp.circuit;

import java.util.List;

/**
 * A reference to a stream defined later, without a delay. Useful for wiring in an order other than the data
 * flow; a cycle through a forward reference that does not pass through {@code z^-1} is rejected when the
 * circuit is built. Building fails if it is never connected.
 */
public final class ForwardRef<T> {
    private final CircuitBuilder owner;
    private final Stream<T> stream;
    private Forward<T> node;

    ForwardRef(CircuitBuilder owner, Stream<T> stream) {
        this.owner = owner;
        this.stream = stream;
    }

    /** The stream, usable before {@link #connect} is called. */
    public Stream<T> stream() {
        return stream;
    }

    /** Makes {@link #stream()} carry the same values as {@code value}. Call once. */
    public void connect(Stream<T> value) {
        if (node != null) {
            throw new CircuitWiringException("forward reference " + stream.name() + " is already connected");
        }
        owner.checkOwns(value, "forward reference " + stream.name());
        node = new Forward<>(value, stream);
        owner.addNode(node);
    }

    boolean isConnected() {
        return node != null;
    }

    String name() {
        return stream.name();
    }

    /** Copies its input to the referenced stream. */
    static final class Forward<T> extends Node {
        private final Stream<T> in;
        private final Stream<T> out;

        Forward(Stream<T> in, Stream<T> out) {
            super("forward", List.of(in), out);
            this.in = in;
            this.out = out;
        }

        @Override
        protected void eval() {
            out.publish(in.value());
        }

        @Override
        public boolean isLinear() {
            return true;
        }
    }
}
