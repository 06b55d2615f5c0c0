package org.jdbsp.operators.window;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.spi.LongKeySpace;
import org.jdbsp.operators.spi.ObjectKeySpace;
import org.jdbsp.operators.spi.RecomputeNode;
import org.jdbsp.operators.spi.RowKey;

/**
 * Event-time windows on a {@code long} time column (epoch millis). Windows are half-open {@code [start, end)}
 * and aligned to the epoch (a window start is a multiple of the size, or of the slide for hopping windows).
 *
 * <p>{@link #tumbling} and {@link #hopping} only assign rows to windows: they are linear, stateless
 * elementwise operators (identical in both modes, fused with neighbouring maps and filters), so any grouped
 * operator can follow them, e.g. {@code Aggregates.perWindow}, which keeps per-(window, key) state and can drop it
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
        Objects.requireNonNull(key, "session: null key function");
        return wireSession(in, key, null, time, gapMs, watermark);
    }

    /** {@link #session(Stream, Function, ToLongFunction, long, Watermark)} with a primitive {@code long} key. */
    public static <T> Stream<Session<Long>> sessionByLong(Stream<T> in, ToLongFunction<? super T> key,
                                                          ToLongFunction<? super T> time, long gapMs,
                                                          Watermark watermark) {
        Objects.requireNonNull(key, "session: null key function");
        return wireSession(in, x -> key.applyAsLong(x), key, time, gapMs, watermark);
    }

    @SuppressWarnings("unchecked")
    private static <T, K> Stream<Session<K>> wireSession(Stream<T> in, Function<? super T, ? extends K> key,
                                                         ToLongFunction<? super T> longKey,
                                                         ToLongFunction<? super T> time, long gapMs,
                                                         Watermark watermark) {
        CircuitBuilder c = check("session", in, time);
        if (gapMs <= 0) {
            throw new IllegalArgumentException("session: gapMs must be positive, got " + gapMs);
        }
        RowKey<T> rowKey;
        IntFunction<K> keyOf;
        if (longKey != null) {
            LongKeySpace space = new LongKeySpace();
            rowKey = RowKey.ofLong(space, longKey);
            keyOf = id -> (K) (Long) space.key(id);
        } else {
            ObjectKeySpace space = new ObjectKeySpace();
            rowKey = RowKey.of(space, key);
            keyOf = id -> (K) space.key(id);
        }
        in = c.shard(in, rowKey::shardHash, "session", rowKey.routing());
        Stream<Session<K>> out = c.newStream("session");
        c.addNode(c.isNaive() ? RecomputeNode.of("session", in, out, s -> SessionReference.of(s, key, time, gapMs))
                : new SessionNode<>(in, out, rowKey, keyOf, time, gapMs, watermark));
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
