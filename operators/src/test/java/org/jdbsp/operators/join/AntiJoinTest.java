package org.jdbsp.operators.join;

import static org.jdbsp.operators.join.JoinTestSupport.row;
import static org.jdbsp.operators.join.JoinTestSupport.z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.operators.join.JoinTestSupport.Rig;
import org.jdbsp.operators.join.JoinTestSupport.Row;
import org.jdbsp.operators.join.JoinTestSupport.TwoInputWiring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AntiJoinTest {
    static final TwoInputWiring<Row> ANTI = (x, y) -> Joins.antijoin(x, y, Row::k, Row::k);
    static final TwoInputWiring<Row> ANTI_LONG = (x, y) -> Joins.antijoinOnLong(x, y, Row::k, Row::k);

    void literal(Mode mode, TwoInputWiring<Row> wiring) {
        Rig<Row> r = new Rig<>(mode, wiring);
        Row a1 = row(1, "a");
        Row a2 = row(2, "a");
        r.x.insert(a1);
        r.x.insert(a2);
        r.y.insert(row(1, "b"));
        r.step();
        assertEquals(z(a2, 1), r.o.delta());
        r.y.insert(row(2, "b"));
        r.x.insert(row(3, "a"));
        r.step();
        assertEquals(z(a2, -1, row(3, "a"), 1), r.o.delta());
        r.y.delete(row(1, "b"));
        r.x.insert(row(1, "c"));
        r.step();
        assertEquals(z(a1, 1, row(1, "c"), 1), r.o.delta());
        // a negative total weight on the right means absent
        r.y.push(row(3, "z"), -1);
        r.step();
        assertEquals(z(), r.o.delta());
        assertEquals(z(a1, 1, row(1, "c"), 1, row(3, "a"), 1), r.o.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void antijoin(Mode mode) {
        literal(mode, ANTI);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void antijoinOnLong(Mode mode) {
        literal(mode, ANTI_LONG);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingKeyFunctionLeavesStateUnchanged(Mode mode) {
        Rig<Row> r = new Rig<>(mode, (x, y) -> Joins.antijoin(x, y, v -> {
            if (v.v().equals("bad")) {
                throw new IllegalStateException("bad");
            }
            return v.k();
        }, Row::k));
        r.x.insert(row(1, "a"));
        r.step();
        r.x.insert(row(1, "bad"));
        r.y.insert(row(1, "b"));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, r::step);
        assertTrue(e.getMessage().contains("antijoin#"), e.getMessage());
        assertEquals(z(row(1, "a"), 1), r.o.view());
        r.x.delete(row(1, "bad"));
        r.step();
        assertEquals(z(row(1, "a"), -1), r.o.delta());
    }

    @Test
    void randomAntijoinIncrementalEqualsNaive() {
        for (long seed = 71; seed <= 74; seed++) {
            JoinTestSupport.randomCompare(seed, 400, 4, 3, ANTI);
        }
    }

    @Test
    void randomAntijoinOnLongIncrementalEqualsNaive() {
        for (long seed = 81; seed <= 84; seed++) {
            JoinTestSupport.randomCompare(seed, 400, 4, 3, ANTI_LONG);
        }
    }
}
