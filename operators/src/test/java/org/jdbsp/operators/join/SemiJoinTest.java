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

class SemiJoinTest {
    static final TwoInputWiring<Row> SEMI = (x, y) -> Joins.semijoin(x, y, Row::k, Row::k);
    static final TwoInputWiring<Row> SEMI_LONG = (x, y) -> Joins.semijoinOnLong(x, y, Row::k, Row::k);

    void literal(Mode mode, TwoInputWiring<Row> wiring) {
        Rig<Row> r = new Rig<>(mode, wiring);
        Row a1 = row(1, "a");
        Row a2 = row(2, "a");
        r.x.push(a1, 2);
        r.x.insert(a2);
        r.y.insert(row(1, "b"));
        r.y.insert(row(1, "c"));
        r.step();
        assertEquals(z(a1, 2), r.o.delta());
        // one of two matches goes: still present
        r.y.delete(row(1, "b"));
        r.x.insert(row(1, "d"));
        r.step();
        assertEquals(z(row(1, "d"), 1), r.o.delta());
        // the last match goes: every row of key 1 leaves
        r.y.delete(row(1, "c"));
        r.step();
        assertEquals(z(a1, -2, row(1, "d"), -1), r.o.delta());
        // key 2 appears while a row of it is deleted in the same step
        r.y.insert(row(2, "x"));
        r.x.insert(row(2, "e"));
        r.x.delete(a2);
        r.step();
        assertEquals(z(row(2, "e"), 1), r.o.delta());
        assertEquals(z(row(2, "e"), 1), r.o.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void semijoin(Mode mode) {
        literal(mode, SEMI);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void semijoinOnLong(Mode mode) {
        literal(mode, SEMI_LONG);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingKeyFunctionLeavesStateUnchanged(Mode mode) {
        Rig<Row> r = new Rig<>(mode, (x, y) -> Joins.semijoinOnLong(x, y, Row::k, v -> {
            if (v.v().equals("bad")) {
                throw new IllegalStateException("bad");
            }
            return v.k();
        }));
        r.x.insert(row(1, "a"));
        r.y.insert(row(1, "b"));
        r.step();
        r.y.insert(row(1, "bad"));
        r.y.delete(row(1, "b"));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, r::step);
        assertTrue(e.getMessage().contains("semijoin"), e.getMessage());
        assertEquals(z(row(1, "a"), 1), r.o.view());
        r.y.delete(row(1, "bad"));
        r.step();
        assertEquals(z(row(1, "a"), -1), r.o.delta());
    }

    @Test
    void randomSemijoinIncrementalEqualsNaive() {
        for (long seed = 51; seed <= 54; seed++) {
            JoinTestSupport.randomCompare(seed, 400, 4, 3, SEMI);
        }
    }

    @Test
    void randomSemijoinOnLongIncrementalEqualsNaive() {
        for (long seed = 61; seed <= 64; seed++) {
            JoinTestSupport.randomCompare(seed, 400, 4, 3, SEMI_LONG);
        }
    }
}
