package org.jdbsp.operators.spi;

import java.util.function.LongSupplier;

/**
 * The limit below which an operator drops state ({@link ExpiringKeys}, {@link ExpiringRows}): read once at the start
 * of each step, and the highest limit applied so far, below which no change may arrive any more. O(1).
 */
final class ExpiryLimit {
    private final LongSupplier limitNow;
    private long limit = Long.MIN_VALUE;
    private long droppedBelow = Long.MIN_VALUE;

    ExpiryLimit(LongSupplier limitNow) {
        this.limitNow = limitNow;
    }

    void startStep() {
        limit = limitNow.getAsLong();
    }

    /** This step's limit. */
    long limit() {
        return limit;
    }

    /** Fails when a change has a time {@code t} below a limit already applied; {@code what} names the operator. */
    void check(long t, Object changed, String what, String dropped) {
        if (t < droppedBelow) {
            throw new IllegalStateException(what + ": a change at time " + t + " (" + changed + ") arrived after the "
                    + dropped + " below " + droppedBelow + " were dropped: the watermark did not bound this input");
        }
    }

    /** Records that this step's limit was applied. */
    void applied() {
        if (limit > droppedBelow) {
            droppedBelow = limit;
        }
    }

    void write(org.jdbsp.circuit.state.StateWriter out) {
        out.writeLong(droppedBelow);
    }

    /** Reads a saved limit; of several saved workers', the highest. */
    void read(org.jdbsp.circuit.state.StateReader in) {
        droppedBelow = Math.max(droppedBelow, in.readLong());
    }
}
