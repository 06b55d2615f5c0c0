package org.jdbsp.operators.join;

import static org.jdbsp.operators.join.JoinTestSupport.row;
import static org.jdbsp.operators.join.JoinTestSupport.z;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdbsp.circuit.Mode;
import org.jdbsp.operators.join.JoinTestSupport.Rig;
import org.jdbsp.operators.join.JoinTestSupport.Row;
import org.jdbsp.operators.join.JoinTestSupport.TwoInputWiring;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The lookup join on literal steps: left changes meet the right side as it is then; right changes touch no earlier row. */
class LookupJoinTest {
    static final TwoInputWiring<String> LOOKUP = (x, y) -> Joins.lookupJoin(x, y, Row::k, Row::k,
            (a, b) -> a.v() + b.v());
    static final TwoInputWiring<String> LOOKUP_LONG = (x, y) -> Joins.lookupJoinOnLong(x, y, Row::k, Row::k,
            (a, b) -> a.v() + b.v());

    void literal(Mode mode, TwoInputWiring<String> wiring) {
        Rig<String> r = new Rig<>(mode, wiring);
        r.y.insert(row(1, "x"));
        r.x.insert(row(1, "a"));
        r.x.insert(row(2, "b")); // no match yet
        r.step();
        assertEquals(z("ax", 1), r.o.delta());
        // the table changes: the rows already joined stay as they were, and b stays unmatched
        r.y.delete(row(1, "x"));
        r.y.insert(row(1, "y"));
        r.y.insert(row(2, "z"));
        r.step();
        assertEquals(z(), r.o.delta());
        // new rows meet the current version, this step's changes included
        r.x.insert(row(1, "c"));
        r.x.insert(row(3, "d"));
        r.y.insert(row(3, "w"));
        r.step();
        assertEquals(z("cy", 1, "dw", 1), r.o.delta());
        // a deletion from the left retracts its pairs with the table as it is now
        r.x.delete(row(1, "a"));
        r.step();
        assertEquals(z("ay", -1), r.o.delta());
        assertEquals(z("ax", 1, "ay", -1, "cy", 1, "dw", 1), r.o.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lookupJoin(Mode mode) {
        literal(mode, LOOKUP);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lookupJoinOnLong(Mode mode) {
        literal(mode, LOOKUP_LONG);
    }
}
