package org.jdbsp.operators;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.window.Windows;
import org.junit.jupiter.api.Test;

/** Which streams the builder knows to be append-only: from an append-only input, through operators that keep it. */
class AppendOnlyStreamsTest {

    @Test
    void appendOnlyFlowsThroughMapsFiltersWindowsAndInnerJoinsOnly() {
        CircuitBuilder b = new CircuitBuilder(Mode.INCREMENTAL);
        Stream<Long> events = b.<Long>appendOnlyInput("events").stream();
        Stream<Long> table = b.<Long>input("table").stream();
        assertTrue(events.isAppendOnly());
        assertFalse(table.isAppendOnly(), "an ordinary input may delete");
        Stream<Long> mapped = Linear.filter(Linear.map(events, x -> x * 2), x -> x > 3);
        assertTrue(mapped.isAppendOnly());
        assertTrue(Linear.flatMap(mapped, (x, out) -> out.accept(x)).isAppendOnly());
        assertTrue(Windows.hopping(events, x -> x, 10, 5).isAppendOnly());
        assertTrue(Joins.joinOnLong(events, mapped, x -> x, x -> x, Long::sum).isAppendOnly());
        assertFalse(Joins.joinOnLong(events, table, x -> x, x -> x, Long::sum).isAppendOnly(), "one side may delete");
        assertFalse(Aggregates.countByLong(events, x -> x % 3, (k, n) -> k + n).isAppendOnly(),
                "an aggregate retracts its old results");
        assertFalse(events.integrate().differentiate().isAppendOnly(), "not known for the circuit's own nodes");
        assertFalse(Joins.leftJoin(events, mapped, x -> x, x -> x, (l, r) -> l).isAppendOnly(),
                "an outer join retracts its padded rows");
    }

    @Test
    void naiveStreamsCarrySnapshotsAndAreNeverAppendOnly() {
        CircuitBuilder b = new CircuitBuilder(Mode.NAIVE);
        assertFalse(b.<Long>appendOnlyInput("events").stream().isAppendOnly());
    }
}
