package org.jdbsp.nexmark.queries;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query q0..q22 run by the multi-worker runtime (2 and 3 workers, incremental) over the first 10,000
 * events in random batches equals its independent reference at checkpoints and at the end; plus naive mode
 * with 2 workers on a short prefix. The seed is random and printed in a failure's message.
 */
class WorkersQueriesTest {
    private static final int EVENTS = 10_000;
    private static List<Event> events;

    @BeforeAll
    static void generate() {
        events = QueryChecks.events(EVENTS);
    }

    static Stream<Arguments> queriesAndWorkers() {
        return Queries.all().stream().flatMap(q -> Stream.of(Arguments.of(q.name(), 2), Arguments.of(q.name(), 3)));
    }

    @ParameterizedTest(name = "{0} on {1} workers")
    @MethodSource("queriesAndWorkers")
    void equalsReference(String name, int workers) {
        long seed = new Random().nextLong();
        QueryChecks.check(Queries.byName(name), events, Mode.INCREMENTAL, 400, seed, workers);
    }

    static Stream<String> queries() {
        return Queries.all().stream().map(NexmarkQuery::name);
    }

    @ParameterizedTest(name = "{0} naive on 2 workers")
    @MethodSource("queries")
    void naiveEqualsReference(String name) {
        long seed = new Random().nextLong();
        QueryChecks.check(Queries.byName(name), events.subList(0, 1_500), Mode.NAIVE, 300, seed, 2);
    }
}
