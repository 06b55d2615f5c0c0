package org.jdbsp.circuit;

import java.util.Optional;

/**
 * What every handle on an input has: the input's shared state ({@link InputFront}), the stream to wire operators
 * on (none for a handle from a lookup on the built circuit) and the row type it checks rows against. The base of
 * {@link InputHandle} and {@link KeyedInputHandle}.
 *
 * @param <T> the row type
 */
abstract class InputView<T> implements Input<T> {
    final InputFront<T> front;
    /** The stream to wire operators on; null for a handle from a lookup on the built circuit. */
    private final Stream<T> stream;
    /** Rows must be instances of this; null: not checked (declared without a row type). */
    final Class<T> rowType;

    InputView(InputFront<T> front, Stream<T> stream, Class<T> rowType) {
        this.front = front;
        this.stream = stream;
        this.rowType = rowType;
    }

    InputFront<T> front() {
        return front;
    }

    @Override
    public String name() {
        return front.name;
    }

    /**
     * The stream of this input, to wire operators on.
     *
     * @throws IllegalStateException for a handle from a lookup on the built circuit, which has nothing to wire
     */
    public Stream<T> stream() {
        if (stream == null) {
            throw new IllegalStateException(front + ": a handle looked up on the built circuit has no stream; wire "
                    + "the handle that CircuitBuilder returned when declaring the input");
        }
        return stream;
    }

    /** The class every row pushed here is checked against; empty if the input was declared without one. */
    @Override
    public Optional<Class<T>> rowType() {
        return Optional.ofNullable(rowType);
    }
}
