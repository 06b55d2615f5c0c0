package org.jdbsp.nexmark.harness;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.EventsByType;

/**
 * Where a run's events come from. A {@link Pass} hands out the first events of the sequence in chunks, each split
 * by type ({@link EventsByType}) and a whole number of batches long, so that a run need not hold all its events.
 *
 * <ul>
 *   <li>{@link #held}: every event in memory, split once; one chunk per pass. For a replayed file, and for a run
 *       whose {@code --check} needs the whole history for the references.</li>
 *   <li>{@link #generated}: the generator runs again for every pass, a chunk at a time
 *       ({@value #CHUNK_EVENTS} events, about 13 MB, rounded to whole batches): a 100M-event run holds one
 *       chunk besides the query's state. Small chunks keep the events a young collection finds alive (and must
 *       copy) few: with chunks of 2^20 events q1, q6, q17 and q20 ran 5-35% slower at 10M events. The
 *       generator is deterministic, so every pass sees the same events.</li>
 * </ul>
 */
abstract class EventSource {
    /** Events per chunk of a generated pass (rounded down to whole batches, at least one batch). */
    static final int CHUNK_EVENTS = 1 << 16;

    /** The events of the whole sequence. */
    abstract int size();

    /** Whether every event is in memory ({@link #all()} answers). */
    abstract boolean isHeld();

    /** Every event of the sequence, in order; only when {@link #isHeld()}. */
    abstract Event[] all();

    /** A pass over the first {@code limit} events, in chunks that are whole multiples of {@code batch}. */
    abstract Pass open(int limit, int batch);

    /** One pass over a prefix of the events. */
    interface Pass {
        /** The next chunk, or {@code null} after the last. */
        EventsByType next();
    }

    /** A source holding {@code events}, split by type once here. */
    static EventSource held(Event[] events) {
        return new Held(events);
    }

    /** A source generating {@code events} events of {@code config} (whose own count is ignored) per pass. */
    static EventSource generated(NexmarkConfig config, int events) {
        return new Generated(config, events);
    }

    /**
     * A source holding all {@code events} events of {@code config}, generated here in one pass; {@code progress}
     * is told how many are done after each chunk.
     */
    static EventSource generatedAndHeld(NexmarkConfig config, int events, IntConsumer progress) {
        NexmarkGenerator g = generator(config, events);
        Event[] all = new Event[events];
        for (int off = 0; off < events; off += CHUNK_EVENTS) {
            int len = Math.min(CHUNK_EVENTS, events - off);
            fill(g, all, off, len, off, events);
            progress.accept(off + len);
        }
        return held(all);
    }

    private static NexmarkGenerator generator(NexmarkConfig config, int events) {
        return new NexmarkGenerator(config.toBuilder().numEvents(events).build());
    }

    /**
     * The next {@code len} events of {@code g} into {@code into[from, from + len)}; {@code before} of the run's
     * {@code n} were drawn already (for the message if the generator stops short).
     */
    private static void fill(NexmarkGenerator g, Event[] into, int from, int len, int before, int n) {
        for (int off = 0; off < len; ) {
            int got = g.fill(into, from + off, len - off);
            if (got <= 0) {
                throw new IllegalStateException("the generator stopped after " + (before + off) + " of " + n
                        + " events");
            }
            off += got;
        }
    }

    private static final class Held extends EventSource {
        private final Event[] events;
        private final EventsByType byType;

        Held(Event[] events) {
            this.events = Objects.requireNonNull(events);
            this.byType = new EventsByType(events);
        }

        @Override
        int size() {
            return events.length;
        }

        @Override
        boolean isHeld() {
            return true;
        }

        @Override
        Event[] all() {
            return events;
        }

        @Override
        Pass open(int limit, int batch) {
            // a shorter prefix (a warm-up) is split once more, as a sequence of its own
            EventsByType chunk = limit >= events.length ? byType : new EventsByType(events, limit);
            boolean[] given = {false};
            return () -> {
                if (given[0]) {
                    return null;
                }
                given[0] = true;
                return chunk;
            };
        }
    }

    private static final class Generated extends EventSource {
        private final NexmarkConfig config;
        private final int events;

        Generated(NexmarkConfig config, int events) {
            this.config = Objects.requireNonNull(config);
            this.events = events;
        }

        @Override
        int size() {
            return events;
        }

        @Override
        boolean isHeld() {
            return false;
        }

        @Override
        Event[] all() {
            throw new IllegalStateException("generated events are not held");
        }

        @Override
        Pass open(int limit, int batch) {
            int n = Math.min(limit, events);
            int chunk = Math.max(batch, CHUNK_EVENTS / batch * batch);
            NexmarkGenerator g = generator(config, events);
            Event[] buffer = new Event[Math.min(chunk, Math.max(n, 1))];
            int[] done = {0};
            return () -> {
                if (done[0] >= n) {
                    return null;
                }
                int len = Math.min(buffer.length, n - done[0]);
                fill(g, buffer, 0, len, done[0], n);
                done[0] += len;
                EventsByType split = new EventsByType(buffer, len);
                Arrays.fill(buffer, 0, len, null); // the chunk's events live on in the split only
                return split;
            };
        }
    }
}
