package org.jdbsp.nexmark.harness;

/** A bad command line: unknown option, missing or malformed value. The harness prints it and exits 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
