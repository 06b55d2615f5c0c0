package org.jdbsp.operators.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.jdbsp.circuit.Mode;
import org.jdbsp.operators.aggregate.AggregateTestSupport.Rig;
import org.jdbsp.operators.aggregate.AggregateTestSupport.Sale;
import org.junit.jupiter.api.Test;

/**
 * A group whose values change but whose row does not (a row that keeps only whether the count is positive) emits
 * nothing: its old and new rows are compared, not added to cancel. A result whose rows always change is compared
 * only for the first {@link AggregateNode#COMPARED_FIRST} updated groups. Rows count their equals and hashCode
 * calls; the outputs are what they are either way.
 */
class UnchangedRowTest {
    /** A row that counts the calls the aggregate makes on it. */
    static final class Counted {
        static final AtomicLong EQUALS = new AtomicLong();
        static final AtomicLong HASHES = new AtomicLong();
        final int region;
        final long value;

        Counted(int region, long value) {
            this.region = region;
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            EQUALS.incrementAndGet();
            return o instanceof Counted c && c.region == region && c.value == value;
        }

        @Override
        public int hashCode() {
            HASHES.incrementAndGet();
            return region * 31 + Long.hashCode(value);
        }
    }

    @Test
    void aRowThatDidNotChangeIsNotEmitted() {
        Rig<Counted> rig = new Rig<>(Mode.INCREMENTAL, s -> Aggregates.aggregateByLong(s, Sale::region,
                (k, v) -> new Counted((int) k, v.getLong(0) > 0 ? 1 : 0), Agg.count()));
        int id = 0;
        for (int region = 0; region < 100; region++) rig.in.push(new Sale(region, 1, id++), 1);
        assertEquals(100, rig.step().size());
        Counted.HASHES.set(0);
        for (int step = 0; step < 3; step++) {
            for (int region = 0; region < 100; region++) rig.in.push(new Sale(region, 1, id++), 1);
            assertEquals(0, rig.step().size(), "step " + step);
        }
        assertEquals(0, Counted.HASHES.get(), "no unchanged row was added to the change");
    }

    @Test
    void rowsThatAlwaysChangeAreComparedOnlyAtFirst() {
        Rig<Counted> rig = new Rig<>(Mode.INCREMENTAL, s -> Aggregates.aggregateByLong(s, Sale::region,
                (k, v) -> new Counted((int) k, v.getLong(0)), Agg.count()));
        int id = 0;
        int groups = 1000;
        for (int region = 0; region < groups; region++) rig.in.push(new Sale(region, 1, id++), 1);
        rig.step();
        Counted.EQUALS.set(0);
        int steps = 2 * AggregateNode.COMPARED_FIRST / groups + 2;
        for (int step = 0; step < steps; step++) {
            for (int region = 0; region < groups; region++) rig.in.push(new Sale(region, 1, id++), 1);
            assertEquals(2 * groups, rig.step().size(), "every group's count changed at step " + step);
        }
        // the output's view matches each retracted row with equals once; the aggregate compares the first updates
        long compared = Counted.EQUALS.get() - (long) steps * groups;
        assertEquals(AggregateNode.COMPARED_FIRST, compared, "of " + steps * groups + " updates");
    }
}
