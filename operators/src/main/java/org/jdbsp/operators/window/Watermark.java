package org.jdbsp.operators.window;

/**
 * The event-time watermark of a lateness filter ({@link Watermarks#withLateness}): the maximum event time
 * accepted so far (insertions only) minus the allowed lateness, or {@link Long#MIN_VALUE} before any row was
 * accepted. It never decreases. It is advanced when a step commits, so during a step every operator (and the
 * user, between steps) reads the watermark as of the start of the step. Rows whose time is below it are
 * late: the filter drops them, and window/session operators given this watermark may drop the state that
 * only such rows could touch. Readable by downstream operators and by the user; updated only by its filter.
 *
 * <p><b>Workers.</b> In a multi-worker circuit there is one watermark for all replicas
 * ({@link org.jdbsp.circuit.CircuitBuilder#shared}): the lateness filter is gathered on one worker, which
 * advances it when the step commits; every worker's window and session operators read it in the next step's
 * eval, so all of them drop expired state, and {@link #lateRecords()} is the whole circuit's count whichever
 * replica's handle is asked. This is race-free: writes happen only in the commit phase and reads (by
 * operators) only in the eval phase, and the runtime separates the two phases, and consecutive steps, by the
 * coordinator's lock (each worker reports the end of a phase under it, and takes its next phase under it), so
 * every commit-phase write happens-before every later eval-phase read. The fields are nevertheless volatile
 * (safe publication for readers outside the workers, e.g. a monitoring thread) and {@link #commit} is
 * synchronized, because each replica's filter node commits in the same phase (the non-owning ones with
 * nothing to apply, which is skipped).
 */
public final class Watermark {
    private final long lateness;
    private volatile long current = Long.MIN_VALUE;
    private volatile long lateRecords;

    Watermark(long lateness) {
        this.lateness = lateness;
    }

    /** The watermark as of the start of the current (or next) step. */
    public long current() {
        return current;
    }

    /** The allowed lateness in millis. */
    public long lateness() {
        return lateness;
    }

    /**
     * Late changes dropped so far, weight-aware: a late insertion of weight 2 counts 2, a late deletion of
     * one copy counts 1 (the sum of |weight| over dropped changes).
     */
    public long lateRecords() {
        return lateRecords;
    }

    /** Applies a committed step: the highest accepted event time (or MIN_VALUE) and the late count. */
    synchronized void commit(long maxAcceptedTime, long late) {
        if (maxAcceptedTime != Long.MIN_VALUE) {
            long w = maxAcceptedTime - lateness;
            if (w > maxAcceptedTime) { // underflow
                w = Long.MIN_VALUE;
            }
            if (w > current) {
                current = w;
            }
        }
        if (late != 0) {
            lateRecords += late;
        }
    }

    /** Sets the watermark and late count a checkpoint saved (on a fresh watermark, before any step). */
    synchronized void restore(long current, long lateRecords) {
        this.current = current;
        this.lateRecords = lateRecords;
    }

    @Override
    public String toString() {
        return "watermark " + current + " (lateness " + lateness + " ms, " + lateRecords + " late)";
    }
}
