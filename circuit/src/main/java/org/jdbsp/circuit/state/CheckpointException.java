package org.jdbsp.circuit.state;

/**
 * A checkpoint could not be written or restored: a row type without a codec, an operator whose state cannot be
 * saved, a program that differs from the one checkpointed, a damaged file. The message names what and where.
 */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
