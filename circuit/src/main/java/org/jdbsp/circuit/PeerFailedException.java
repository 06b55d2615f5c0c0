package org.jdbsp.circuit;

/**
 * Thrown inside a worker of a multi-worker circuit when another worker failed during the same step: the worker
 * aborts its tick so that the step can be rolled back everywhere. Never surfaces from
 * {@link CircuitRuntime#step()}, which throws the original failure.
 */
public final class PeerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PeerFailedException() {
        super("another worker failed during this step", null, false, false);
    }
}
