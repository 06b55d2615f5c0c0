package org.jdbsp.operators.join;

import static org.jdbsp.operators.join.JoinTestSupport.PAIR;
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

class OuterJoinTest {
    static final TwoInputWiring<Pair<Row, Row>> LEFT = (x, y) -> Joins.leftJoin(x, y, Row::k, Row::k, PAIR);
    static final TwoInputWiring<Pair<Row, Row>> FULL = (x, y) -> Joins.fullJoin(x, y, Row::k, Row::k, PAIR);

    static Pair<Row, Row> p(Row a, Row b) {
        return Pair.of(a, b);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void leftJoin(Mode mode) {
        Rig<Pair<Row, Row>> r = new Rig<>(mode, LEFT);
        Row a1 = row(1, "a");
        Row a2 = row(2, "a");
        Row b1 = row(1, "b");
        Row c1 = row(1, "c");
        r.x.insert(a1);
        r.x.insert(a2);
        r.step();
        assertEquals(z(p(a1, null), 1, p(a2, null), 1), r.o.delta());
        r.y.insert(b1);
        r.y.insert(row(3, "b"));
        r.step();
        assertEquals(z(p(a1, null), -1, p(a1, b1), 1), r.o.delta());
        r.y.insert(c1);
        r.x.insert(row(1, "d"));
        r.step();
        assertEquals(z(p(a1, c1), 1, p(row(1, "d"), b1), 1, p(row(1, "d"), c1), 1), r.o.delta());
        r.y.delete(b1);
        r.y.delete(c1);
        r.step();
        assertEquals(z(p(a1, b1), -1, p(a1, c1), -1, p(row(1, "d"), b1), -1, p(row(1, "d"), c1), -1,
                p(a1, null), 1, p(row(1, "d"), null), 1), r.o.delta());
        assertEquals(z(p(a1, null), 1, p(a2, null), 1, p(row(1, "d"), null), 1), r.o.view());
        // a left row deleted while unmatched
        r.x.delete(a2);
        r.step();
        assertEquals(z(p(a2, null), -1), r.o.delta());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fullJoin(Mode mode) {
        Rig<Pair<Row, Row>> r = new Rig<>(mode, FULL);
        Row a1 = row(1, "a");
        Row b1 = row(1, "b");
        Row b2 = row(2, "b");
        r.x.insert(a1);
        r.y.insert(b2);
        r.step();
        assertEquals(z(p(a1, null), 1, p(null, b2), 1), r.o.view());
        r.y.insert(b1);
        r.step();
        assertEquals(z(p(a1, null), -1, p(a1, b1), 1), r.o.delta());
        r.x.delete(a1);
        r.step();
        assertEquals(z(p(a1, b1), -1, p(null, b1), 1), r.o.delta());
        assertEquals(z(p(null, b1), 1, p(null, b2), 1), r.o.view());
        r.x.insert(row(2, "a"));
        r.y.delete(b1);
        r.step();
        assertEquals(z(p(null, b1), -1, p(null, b2), -1, p(row(2, "a"), b2), 1), r.o.delta());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void keyPresentOnlyWhenTotalWeightPositive(Mode mode) {
        Rig<Pair<Row, Row>> r = new Rig<>(mode, LEFT);
        Row a1 = row(1, "a");
        r.x.insert(a1);
        r.y.insert(row(1, "b"));
        r.y.push(row(1, "c"), -1);
        r.step();
        // inner pairs with weights +1 and -1, and the left row counts as unmatched (total right weight 0)
        assertEquals(z(p(a1, row(1, "b")), 1, p(a1, row(1, "c")), -1, p(a1, null), 1), r.o.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingCombineLeavesStateUnchanged(Mode mode) {
        Rig<Pair<Row, Row>> r = new Rig<>(mode, (x, y) -> Joins.fullJoin(x, y, Row::k, Row::k, (a, b) -> {
            if (a != null && a.v().equals("bad")) {
                throw new IllegalArgumentException("bad");
            }
            return Pair.of(a, b);
        }));
        r.x.insert(row(1, "a"));
        r.step();
        r.y.insert(row(1, "b"));
        r.x.insert(row(2, "bad"));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, r::step);
        assertTrue(e.getMessage().contains("fullJoin#"), e.getMessage());
        assertEquals(z(p(row(1, "a"), null), 1), r.o.view());
        r.x.delete(row(2, "bad"));
        r.step();
        assertEquals(z(p(row(1, "a"), null), -1, p(row(1, "a"), row(1, "b")), 1), r.o.delta());
    }

    @Test
    void randomLeftJoinIncrementalEqualsNaive() {
        for (long seed = 31; seed <= 34; seed++) {
            JoinTestSupport.randomCompare(seed, 400, 4, 3, LEFT);
        }
    }

    @Test
    void randomFullJoinIncrementalEqualsNaive() {
        for (long seed = 41; seed <= 44; seed++) {
            JoinTestSupport.randomCompare(seed, 400, 4, 3, FULL);
        }
    }
}
