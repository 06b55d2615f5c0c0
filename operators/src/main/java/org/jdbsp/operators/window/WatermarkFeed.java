package org.jdbsp.operators.window;

/**
 * The writing end of a {@link Watermark} that the code feeding a circuit's input maintains itself, instead of a
 * {@link Watermarks#withLateness} filter inside the circuit: for a source that already sees every row before the
 * step (a SQL table checks each change as it is written), so that late rows are dropped there, no operator has to
 * gather the input on one worker, and the watermark outlives the circuits built over the source.
 *
 * <p>The feeder drops every change whose time is below {@link Watermark#current()}, and after each step that
 * committed calls {@link #commit} with the highest time among the insertions it accepted for that step. Between
 * steps only: window and session operators read the watermark during a step's eval. Pass {@link #watermark()} to
 * them ({@code Aggregates.perWindow}, {@code Windows.session}); the same object may be given to the replicas of
 * every worker. O(1) per call, no allocation.
 */
public final class WatermarkFeed {
    private final Watermark watermark;

    /** @param latenessMs how far behind the highest accepted time a row may arrive, {@code >= 0} */
    public WatermarkFeed(long latenessMs) {
        if (latenessMs < 0) {
            throw new IllegalArgumentException("watermark: the lateness must be >= 0, got " + latenessMs);
        }
        this.watermark = new Watermark(latenessMs);
    }

    /** The watermark this feed advances, for the operators that may drop state below it. */
    public Watermark watermark() {
        return watermark;
    }

    /**
     * Applies a committed step: the watermark becomes {@code max(current, maxAcceptedTime - lateness)}, and
     * {@code lateRecords} (the sum of |weight| of the changes dropped as late) is added to its count.
     *
     * @param maxAcceptedTime the highest time among the step's accepted insertions, or {@link Long#MIN_VALUE}
     */
    public void commit(long maxAcceptedTime, long lateRecords) {
        if (lateRecords < 0) {
            throw new IllegalArgumentException("watermark: a negative count of late records: " + lateRecords);
        }
        watermark.commit(maxAcceptedTime, lateRecords);
    }

    /**
     * Sets the watermark and its late count to what a checkpoint saved ({@link Watermark#current()} and
     * {@link Watermark#lateRecords()}), before any step of the restored program.
     */
    public void restore(long current, long lateRecords) {
        watermark.restore(current, lateRecords);
    }
}
