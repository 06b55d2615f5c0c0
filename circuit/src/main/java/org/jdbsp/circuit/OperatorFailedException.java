package org.jdbsp.circuit;

/**
 * An operator failed during a step, usually because a user function threw. The message names the operator;
 * the cause is the original exception. The circuit's state is as it was before the failed step, and the
 * step's input is still pending in the input handles.
 */
public final class OperatorFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String operator;

    public OperatorFailedException(String operator, Throwable cause) {
        super("operator " + operator + " failed: " + cause, cause);
        this.operator = operator;
    }

    OperatorFailedException(String operator, long step, Throwable cause) {
        super("operator " + operator + " failed at step " + step + ": " + cause, cause);
        this.operator = operator;
    }

    /** The name of the operator that failed. */
    public String operator() {
        return operator;
    }
}
