package org.jdbsp.operators.join;

import static org.jdbsp.operators.join.JoinTestSupport.PAIR;
import static org.jdbsp.operators.join.JoinTestSupport.row;
import static org.jdbsp.operators.join.JoinTestSupport.z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitWiringException;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.join.JoinTestSupport.Rig;
import org.jdbsp.operators.join.JoinTestSupport.Row;
import org.jdbsp.operators.join.JoinTestSupport.TwoInputWiring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JoinTest {
    static final TwoInputWiring<Pair<Row, Row>> JOIN = (x, y) -> Joins.join(x, y, Row::k, Row::k, PAIR);
    static final TwoInputWiring<Pair<Row, Row>> JOIN_LONG = (x, y) -> Joins.joinOnLong(x, y, Row::k, Row::k, PAIR);

    static Pair<Row, Row> p(Row a, Row b) {
        return Pair.of(a, b);
    }

    void literal(Mode mode, TwoInputWiring<Pair<Row, Row>> wiring) {
        Rig<Pair<Row, Row>> r = new Rig<>(mode, wiring);
        Row a1 = row(1, "a");
        Row a2 = row(2, "a");
        Row b1 = row(1, "b");
        Row c1 = row(1, "c");
        Row b3 = row(3, "b");
        r.x.insert(a1);
        r.x.insert(a2);
        r.y.insert(b1);
        r.y.insert(b3);
        r.step();
        assertEquals(z(p(a1, b1), 1), r.o.delta());
        // new right row matches an old left row; weights multiply
        r.y.push(c1, 2);
        r.x.insert(a1);
        r.step();
        assertEquals(z(p(a1, c1), 4, p(a1, b1), 1), r.o.delta());
        assertEquals(z(p(a1, b1), 2, p(a1, c1), 4), r.o.view());
        // deleting a row retracts its pairs; an insert and delete in the same step cancel
        r.x.delete(a1);
        r.x.delete(a1);
        r.y.insert(row(2, "z"));
        r.step();
        assertEquals(z(p(a1, b1), -2, p(a1, c1), -4, p(a2, row(2, "z")), 1), r.o.delta());
        assertEquals(z(p(a2, row(2, "z")), 1), r.o.view());
        r.step();
        assertEquals(z(), r.o.delta());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void innerJoin(Mode mode) {
        literal(mode, JOIN);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void innerJoinOnLong(Mode mode) {
        literal(mode, JOIN_LONG);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pairJoinAndNegativeWeights(Mode mode) {
        Rig<Pair<Row, Row>> r = new Rig<>(mode, (x, y) -> Joins.join(x, y, Row::k, Row::k));
        r.x.push(row(1, "a"), -1);
        r.y.push(row(1, "b"), 3);
        r.step();
        assertEquals(z(p(row(1, "a"), row(1, "b")), -3), r.o.view());
    }

    void failure(Mode mode) {
        // the key function throws on value "bad"
        Rig<Pair<Row, Row>> r = new Rig<>(mode, (x, y) -> Joins.join(x, y, Row::k,
                (Row v) -> {
                    if (v.v().equals("bad")) {
                        throw new IllegalStateException("bad row");
                    }
                    return v.k();
                }, PAIR));
        r.x.insert(row(1, "a"));
        r.y.insert(row(1, "b"));
        r.step();
        r.x.insert(row(1, "c"));
        r.y.insert(row(1, "bad"));
        r.y.insert(row(1, "d"));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, r::step);
        assertTrue(e.getMessage().contains("join#"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertEquals(z(p(row(1, "a"), row(1, "b")), 1), r.o.view());
        r.y.delete(row(1, "bad"));
        r.step();
        assertEquals(z(p(row(1, "c"), row(1, "b")), 1, p(row(1, "a"), row(1, "d")), 1,
                p(row(1, "c"), row(1, "d")), 1), r.o.delta());
        assertEquals(4, r.o.view().size());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingKeyFunctionLeavesStateUnchanged(Mode mode) {
        failure(mode);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingCombineAndNullKeyNameTheOperator(Mode mode) {
        Rig<Pair<Row, Row>> r = new Rig<>(mode, (x, y) -> Joins.joinOnLong(x, y, Row::k, Row::k,
                (a, b) -> b.v().equals("null") ? null : Pair.of(a, b)));
        r.x.insert(row(1, "a"));
        r.step();
        r.y.insert(row(1, "null"));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, r::step);
        assertTrue(e.getMessage().contains("join") && e.getMessage().contains("null"), e.getMessage());
        r.y.clearPending();
        r.y.insert(row(1, "ok"));
        r.step();
        assertEquals(z(p(row(1, "a"), row(1, "ok")), 1), r.o.view());

        Rig<Pair<Row, Row>> n = new Rig<>(mode, (x, y) -> Joins.join(x, y, v -> v.k() == 9 ? null : v.k(),
                Row::k, PAIR));
        n.x.insert(row(9, "a"));
        OperatorFailedException e2 = assertThrows(OperatorFailedException.class, n::step);
        assertTrue(e2.getMessage().contains("join#") && e2.getMessage().contains("key function returned null"),
                e2.getMessage());
    }

    @Test
    void weightOverflowFailsTheStepAndLeavesStateUnchanged() {
        Rig<Pair<Row, Row>> r = new Rig<>(Mode.INCREMENTAL, JOIN);
        r.x.push(row(1, "a"), Long.MAX_VALUE / 2);
        r.y.push(row(2, "b"), 1);
        r.step();
        r.y.push(row(1, "b"), 3);
        assertThrows(OperatorFailedException.class, r::step);
        r.y.clearPending();
        r.y.push(row(1, "b"), 1);
        r.step();
        assertEquals(z(p(row(1, "a"), row(1, "b")), Long.MAX_VALUE / 2), r.o.view());
    }

    @Test
    void inputsOfAnotherCircuitAreRejected() {
        CircuitBuilder b1 = CircuitBuilder.incremental();
        CircuitBuilder b2 = CircuitBuilder.incremental();
        Stream<Row> s1 = b1.input("a", Row.class).stream();
        Stream<Row> s2 = b2.input("b", Row.class).stream();
        assertThrows(CircuitWiringException.class, () -> Joins.join(s1, s2, Row::k, Row::k, PAIR));
        assertThrows(CircuitWiringException.class, () -> Joins.joinOnLong(s1, s2, Row::k, Row::k, PAIR));
        assertThrows(CircuitWiringException.class, () -> Joins.leftJoin(s1, s2, Row::k, Row::k, PAIR));
        assertThrows(CircuitWiringException.class, () -> Joins.semijoin(s1, s2, Row::k, Row::k));
        assertThrows(CircuitWiringException.class, () -> Joins.antijoinOnLong(s1, s2, Row::k, Row::k));
    }

    @Test
    void randomJoinIncrementalEqualsNaive() {
        for (long seed = 1; seed <= 4; seed++) {
            JoinTestSupport.randomCompare(seed, 400, 4, 3, JOIN);
        }
    }

    @Test
    void randomJoinOnLongIncrementalEqualsNaive() {
        for (long seed = 11; seed <= 14; seed++) {
            JoinTestSupport.randomCompare(seed, 400, 4, 3, JOIN_LONG);
        }
    }

    @Test
    void randomSelfJoinAndChainIncrementalEqualsNaive() {
        // the same stream on both sides, and a join feeding a join
        for (long seed = 21; seed <= 23; seed++) {
            JoinTestSupport.randomCompare(seed, 300, 3, 3, (x, y) -> {
                Stream<Pair<Row, Row>> self = Joins.join(x, x, Row::k, Row::k, PAIR);
                return Joins.join(self, y, pr -> pr.right().k(), Row::k,
                        (pr, c) -> Pair.of(pr.left(), c));
            });
        }
    }
}
