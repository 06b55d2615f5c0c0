package org.jdbsp.nexmark.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.EventsByType;
import org.jdbsp.zset.ZSet;

/** Runs a query's circuit over generated events and compares its view with the query's reference. */
final class QueryChecks {
    private QueryChecks() {
    }

    /** The first {@code n} events of the default configuration. */
    static List<Event> events(int n) {
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n && g.hasNext(); i++) {
            events.add(g.next());
        }
        return events;
    }

    /**
     * Feeds {@code events} in batches of random size up to {@code maxBatch} (seeded), each pushed event by event
     * or in bulk by type ({@link EventsByType}, at random), and at a few checkpoints
     * and at the end compares the circuit's view with the reference over the prefix fed so far.
     */
    static <R> void check(NexmarkQuery<R> query, List<Event> events, Mode mode, int maxBatch, long seed) {
        check(query, events, mode, maxBatch, seed, 1);
    }

    /** As {@link #check(NexmarkQuery, List, Mode, int, long)}, the circuit run by {@code workers} workers. */
    static <R> void check(NexmarkQuery<R> query, List<Event> events, Mode mode, int maxBatch, long seed,
                          int workers) {
        try (QueryCircuit<R> qc = new QueryCircuit<>(query, mode, workers)) {
            feedAndCompare(qc, query, events, mode, maxBatch, seed, workers);
        }
    }

    private static <R> void feedAndCompare(QueryCircuit<R> qc, NexmarkQuery<R> query, List<Event> events, Mode mode,
                                           int maxBatch, long seed, int workers) {
        Random random = new Random(seed);
        EventsByType byType = new EventsByType(events.toArray(new Event[0]));
        int fed = 0;
        int checkpoints = 3;
        int nextCheck = events.size() / checkpoints;
        while (fed < events.size()) {
            int n = Math.min(events.size() - fed, 1 + random.nextInt(maxBatch));
            if (random.nextBoolean()) {
                for (int i = fed; i < fed + n; i++) {
                    qc.push(events.get(i));
                }
            } else {
                qc.push(byType, fed, n); // the harness's bulk path: one insertAll per input
            }
            fed += n;
            qc.step();
            if (fed >= nextCheck || fed == events.size()) {
                ZSet<R> expected = query.reference(events.subList(0, fed));
                ZSet<R> actual = qc.output().view();
                if (!expected.equals(actual)) {
                    assertEquals(expected.toString(), actual.toString(), query.name() + " (" + mode + ", " + workers
                            + " worker(s), seed " + seed + ", maxBatch " + maxBatch + ") differs from the reference"
                            + " after " + fed + " events");
                }
                nextCheck += events.size() / checkpoints;
            }
        }
    }

    /** Runs the batches through the query's circuit in both modes, one step per batch, and checks the final view. */
    @SafeVarargs
    @SuppressWarnings("unchecked")
    static <R> void assertCircuit(NexmarkQuery<?> query, ZSet<R> expected, List<? extends Event>... batches) {
        for (Mode mode : Mode.values()) {
            try (QueryCircuit<R> qc = new QueryCircuit<>((NexmarkQuery<R>) query, mode)) {
                for (List<? extends Event> batch : batches) {
                    batch.forEach(qc::push);
                    qc.step();
                }
                assertEquals(expected, qc.output().view(), query.name() + " " + mode);
            }
        }
    }
}
