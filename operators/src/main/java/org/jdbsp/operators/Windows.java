package org.jdbsp.operators;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;

/**
 * Event-time windows on a {@code long} time column (epoch millis). Windows are half-open {@code [start, end)}
 * and aligned to the epoch (a window start is a multiple of the size, or of the slide for hopping windows).
 *
 * <p>{@link #tumbling} and {@link #hopping} only assign rows to windows: they are linear, stateless
 * elementwise operators (identical in both modes, fused with neighbouring maps and filters), so any grouped
 * operator can follow them, e.g. {@link #aggregate}, which keeps per-(window, key) state and can drop it
 * behind a {@link Watermark}. {@link #session} computes per-key session windows.
 */
public final class Windows {
    private Windows() {
    }

    /**
     * Tumbling windows of {@code sizeMs}: each row goes to {@code [floor(t / size) * size, + size)}.
     * Linear; O(1) per row, no state.
     */
    public static <T> Stream<Windowed<T>> tumbling(Stream<T> in, ToLongFunction<? super T> time, long sizeMs) {
        CircuitBuilder c = check("tumbling", in, time);
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("tumbling: sizeMs must be positive, got " + sizeMs);
        }
        Stream<Windowed<T>> out = c.newStream("tumbling");
        c.addNode(new TumblingWindowNode<>(in, out, time, sizeMs));
        return out;
    }

    /**
     * Hopping (sliding) windows of {@code sizeMs} starting every {@code slideMs}: each row goes to every
     * {@code [s, s + size)} with {@code s} a multiple of {@code slide} and {@code s <= t < s + size}, i.e.
     * ceil(size / slide) windows when slide divides size (none for some rows when slide > size).
     * Linear; O(size / slide) per row, no state.
     */
    public static <T> Stream<Windowed<T>> hopping(Stream<T> in, ToLongFunction<? super T> time, long sizeMs,
                                                  long slideMs) {
        CircuitBuilder c = check("hopping", in, time);
        if (sizeMs <= 0 || slideMs <= 0) {
            throw new IllegalArgumentException("hopping: sizeMs and slideMs must be positive, got " + sizeMs
                    + " and " + slideMs);
        }
        Math.addExact(sizeMs, slideMs);
        Stream<Windowed<T>> out = c.newStream("hopping");
        c.addNode(new HoppingWindowNode<>(in, out, time, sizeMs, slideMs));
        return out;
    }

    /**
     * Session windows per key, without dropping state. See {@link #session(Stream, Function, ToLongFunction,
     * long, Watermark)}.
     */
    public static <T, K> Stream<Session<K>> session(Stream<T> in, Function<? super T, ? extends K> key,
                                                    ToLongFunction<? super T> time, long gapMs) {
        return session(in, key, time, gapMs, null);
    }

    /**
     * Session windows per key (Flink-style): each event at time t opens the window {@code [t, t + gap)};
     * overlapping windows of the same key merge. Equivalently, sort a key's events by time; a session is a
     * maximal run in which consecutive event times differ by less than {@code gapMs}; it is emitted as
     * {@code Session(key, first time, last time + gap, number of events)}. Events are counted with their
     * weights; times whose net weight is {@code <= 0} are absent.
     *
     * <p><b>Incremental rule.</b> Per key, the event times are kept in a treap with subtree sums, plus a map
     * from session start to (last time, count). For each changed time, the at most two sessions it touches
     * are retracted; the new sessions are computed from the changed times and from the unchanged parts of the
     * touched sessions between them, each read in O(log n). Cost per change: O(log n), splits and merges
     * included. State: one entry per distinct (key, time) plus one per session.
     *
     * <p>With a {@code watermark} (from {@link Watermarks#withLateness} applied to this input), a session whose
     * {@code end <= watermark} can no longer change: its events are dropped from the state at the end of the
     * step (its row stays in the output), so the state stays bounded on an unbounded stream of short sessions.
     * The input must be filtered by that same lateness filter; a change reaching a dropped region fails the
     * step. The naive implementation recomputes every session from the snapshot (and ignores the watermark).
     *
     * @param watermark may be null: keep all state
     */
    public static <T, K> Stream<Session<K>> session(Stream<T> in, Function<? super T, ? extends K> key,
                                                    ToLongFunction<? super T> time, long gapMs,
                                                    Watermark watermark) {
        CircuitBuilder c = check("session", in, time);
        Objects.requireNonNull(key, "session: null key function");
        in = c.shardByKey(in, key, "session");
        if (gapMs <= 0) {
            throw new IllegalArgumentException("session: gapMs must be positive, got " + gapMs);
        }
        Stream<Session<K>> out = c.newStream("session");
        c.addNode(c.isNaive() ? new SessionNaiveNode<>(in, out, key, time, gapMs)
                : new SessionNode<>(in, out, key, time, gapMs, watermark));
        return out;
    }

    /** A windowed aggregate that keeps all its state. See {@link #aggregate(Stream, Function, WindowAggregate,
     * Watermark)}. */
    public static <T, K> Stream<WindowResult<K>> aggregate(Stream<Windowed<T>> in,
                                                           Function<? super T, ? extends K> key,
                                                           WindowAggregate<T> agg) {
        return aggregate(in, key, agg, null);
    }

    /**
     * {@code GROUP BY window, key}: one {@link WindowResult} per (window, key) with a positive count, holding
     * {@code agg} of the group's rows (see {@link WindowAggregate}).
     *
     * <p><b>Incremental rule.</b> Per (window, key) an accumulator is kept; for each group touched by a change
     * the old result is retracted and the new one (accumulator plus change, computed without modifying it)
     * inserted; accumulators are updated on commit. Cost per change: O(1) for count/sum, O(log n) for
     * min/max, plus O(log w) to find the window among w live windows.
     *
     * <p>With a {@code watermark} (from {@link Watermarks#withLateness} applied upstream of this input), at the
     * end of each step the state of every window with {@code end <= watermark} is dropped: no accepted row can
     * fall in such a window any more (an accepted row has {@code time >= watermark} and its windows end after
     * it). Their output rows stay in the view. A change reaching a dropped window fails the step. The naive
     * implementation recomputes from the snapshot (and ignores the watermark).
     *
     * @param watermark may be null: keep all state
     */
    public static <T, K> Stream<WindowResult<K>> aggregate(Stream<Windowed<T>> in,
                                                           Function<? super T, ? extends K> key,
                                                           WindowAggregate<T> agg, Watermark watermark) {
        Objects.requireNonNull(in, "window aggregate: null stream");
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, "window aggregate");
        Objects.requireNonNull(key, "window aggregate: null key function");
        Objects.requireNonNull(agg, "window aggregate: null aggregate");
        in = c.shardByKey(in, w -> key.apply(w.row()), "window aggregate");
        Stream<WindowResult<K>> out = c.newStream("window-" + agg);
        c.addNode(c.isNaive() ? new WindowAggregateNaiveNode<>(in, out, key, agg)
                : new WindowAggregateNode<>(in, out, key, agg, watermark));
        return out;
    }

    private static CircuitBuilder check(String kind, Stream<?> in, Object time) {
        Objects.requireNonNull(in, kind + ": null stream");
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, kind);
        Objects.requireNonNull(time, kind + ": null time function");
        return c;
    }
}
