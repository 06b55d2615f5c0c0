package org.jdbsp.operators.window;

import java.util.Objects;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;

/**
 * Event-time watermarks with bounded lateness, so that window and session operators over an unbounded
 * stream can drop the state of windows no future input can touch.
 */
public final class Watermarks {
    private Watermarks() {
    }

    /**
     * Drops late changes and maintains a {@link Watermark}.
     *
     * <p><b>Rule.</b> At each step, with {@code W} the watermark at the start of the step, a change (insertion
     * or deletion) whose {@code time} is {@code < W} is late: it is dropped (not forwarded) and counted in
     * {@link Watermark#lateRecords()} by |weight|. The others are forwarded. When the step commits, the
     * watermark becomes {@code max(W, T - latenessMs)} with {@code T} the highest time among the accepted
     * insertions of the step (deletions never advance it). The decision depends on arrival order, so it is
     * made on changes in both modes: in naive mode the filter runs between a differentiation of its input
     * snapshots and an integration of the accepted changes ({@code D}, filter, {@code I}); both modes therefore
     * accept, drop and count exactly the same changes. A deletion of a row that was dropped as late is itself
     * late (its time is below a watermark that never decreases), so accepted views never go negative.
     *
     * <p>Cost: incremental O(|change|) per step and no state besides the watermark; naive O(|snapshot|) and
     * two snapshots of state. Not usable inside a recursive circuit.
     *
     * <p>Workers: the input is gathered on one worker, which filters and advances the watermark; the
     * {@link Watermark} is one object shared by all replicas, so window and session operators on every worker
     * drop their expired state and {@link Watermark#lateRecords()} counts the whole circuit's late changes.
     *
     * @param latenessMs how far behind the highest accepted time a row may arrive, {@code >= 0}
     */
    public static <T> Watermarked<T> withLateness(Stream<T> in, ToLongFunction<? super T> time, long latenessMs) {
        Objects.requireNonNull(in, "lateness: null stream");
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, "lateness");
        in = c.gather(in, "lateness");
        Objects.requireNonNull(time, "lateness: null time function");
        if (latenessMs < 0) {
            throw new IllegalArgumentException("lateness: latenessMs must be >= 0, got " + latenessMs);
        }
        // one watermark for all replicas of a multi-worker circuit (see Watermark): the filter runs on the
        // worker the gather sends every row to; every worker's windows read the same watermark
        Watermark wm = c.shared("watermark", () -> new Watermark(latenessMs));
        // the decision depends on arrival order, so naive mode filters changes too: D, the filter, then I
        Stream<T> change = c.isNaive() ? in.differentiate() : in;
        Stream<T> out = c.newStream("lateness");
        c.addNode(new LatenessFilterNode<>(change, out, time, wm));
        return new Watermarked<>(c.isNaive() ? out.integrate() : out, wm);
    }
}
