package org.jdbsp.circuit;

/** A circuit was wired wrongly (cycle without a delay, stream from another circuit, dangling reference, ...). */
public final class CircuitWiringException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CircuitWiringException(String message) {
        super(message);
    }
}
