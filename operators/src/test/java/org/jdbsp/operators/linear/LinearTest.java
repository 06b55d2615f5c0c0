package org.jdbsp.operators.linear;

import static org.jdbsp.operators.join.JoinTestSupport.row;
import static org.jdbsp.operators.join.JoinTestSupport.z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitWiringException;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.JoinTestSupport.Rig;
import org.jdbsp.operators.join.JoinTestSupport.Row;
import org.jdbsp.operators.join.JoinTestSupport;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LinearTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void mapFilterFlatMap(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Integer> in = b.input("in");
        OutputHandle<Integer> doubled = b.output("doubled", Linear.map(in.stream(), x -> x * 2));
        OutputHandle<Integer> evens = b.output("evens", Linear.filter(in.stream(), x -> x % 2 == 0));
        OutputHandle<Integer> twice = b.output("twice", Linear.flatMap(in.stream(), (Integer x, java.util.function.Consumer<? super Integer> out) -> {
            out.accept(x);
            out.accept(x + 100);
            out.accept(x);
        }));
        Circuit c = b.build();
        in.insert(1);
        in.insert(2);
        in.push(3, 2);
        c.step();
        assertEquals(z(2, 1, 4, 1, 6, 2), doubled.view());
        assertEquals(z(2, 1), evens.view());
        assertEquals(z(1, 2, 101, 1, 2, 2, 102, 1, 3, 4, 103, 2), twice.view());
        in.delete(2);
        in.delete(3);
        c.step();
        assertEquals(z(4, -1, 6, -1), doubled.delta());
        assertEquals(z(2, 1, 6, 1), doubled.view());
        assertEquals(z(2, -1), evens.delta());
        assertEquals(z(), evens.view());
        assertEquals(z(2, -2, 102, -1, 3, -2, 103, -1), twice.delta());
        // map collapsing two elements: weights add up
        in.insert(-1);
        c.step();
        assertEquals(z(-2, 1), doubled.delta());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unionAndDifference(Mode mode) {
        Rig<Row> u = new Rig<>(mode, Linear::union);
        Rig<Row> d = new Rig<>(mode, Linear::difference);
        for (Rig<Row> r : List.of(u, d)) {
            r.x.insert(row(1, "a"));
            r.x.insert(row(2, "b"));
            r.y.insert(row(2, "b"));
            r.y.insert(row(3, "c"));
            r.step();
        }
        assertEquals(z(row(1, "a"), 1, row(2, "b"), 2, row(3, "c"), 1), u.o.view());
        assertEquals(z(row(1, "a"), 1, row(3, "c"), -1), d.o.view());
        for (Rig<Row> r : List.of(u, d)) {
            r.y.delete(row(2, "b"));
            r.step();
        }
        assertEquals(z(row(2, "b"), -1), u.o.delta());
        assertEquals(z(row(2, "b"), 1), d.o.delta());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unionDistinct(Mode mode) {
        Rig<Row> u = new Rig<>(mode, org.jdbsp.operators.distinct.Distinct::union);
        u.x.insert(row(1, "a"));
        u.x.insert(row(2, "b"));
        u.y.insert(row(2, "b"));
        u.step();
        assertEquals(z(row(1, "a"), 1, row(2, "b"), 1), u.o.view());
        u.x.delete(row(2, "b"));
        u.step();
        assertEquals(z(), u.o.delta());
        u.y.delete(row(2, "b"));
        u.step();
        assertEquals(z(row(2, "b"), -1), u.o.delta());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingFunctionNamesOperatorAndLeavesCircuitUnchanged(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Integer> in = b.input("in");
        OutputHandle<Integer> o = b.output("o", Linear.map(Linear.filter(in.stream(), x -> 10 / x > 0), x -> x + 1));
        Circuit c = b.build();
        in.insert(5);
        c.step();
        in.insert(0);
        in.insert(7);
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.getMessage().contains("filter#"), e.getMessage());
        assertTrue(e.getCause() instanceof ArithmeticException, String.valueOf(e.getCause()));
        in.delete(0);
        c.step();
        assertEquals(z(8, 1), o.delta());
        assertEquals(z(6, 1, 8, 1), o.view());
    }

    @Test
    void nullResultsAreRejectedNamingTheOperator() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("in");
        b.output("m", Linear.map(in.stream(), x -> x == 3 ? null : x));
        Circuit c = b.build();
        in.insert(3);
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.getMessage().contains("map#") && e.getMessage().contains("null"), e.getMessage());

        CircuitBuilder b2 = CircuitBuilder.naive();
        InputHandle<Integer> in2 = b2.input("in");
        b2.output("f", Linear.<Integer, Integer>flatMap(in2.stream(), (x, out) -> out.accept(null)));
        Circuit c2 = b2.build();
        in2.insert(1);
        OperatorFailedException e2 = assertThrows(OperatorFailedException.class, c2::step);
        assertTrue(e2.getMessage().contains("flatMap#") && e2.getMessage().contains("null"), e2.getMessage());
    }

    @Test
    void chainFusesIntoOneNode() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("in");
        Stream<Integer> s = Linear.map(in.stream(), x -> x + 1);
        s = Linear.filter(s, x -> x % 2 == 0);
        s = Linear.<Integer, Integer>flatMap(s, (x, out) -> {
            out.accept(x);
            out.accept(-x);
        });
        OutputHandle<Integer> o = b.output("o", s);
        Circuit c = b.build();
        List<String> schedule = c.schedule();
        long fused = schedule.stream().filter(n -> n.startsWith("fused[")).count();
        assertEquals(1, fused, schedule.toString());
        String f = schedule.stream().filter(n -> n.startsWith("fused[")).findFirst().orElseThrow();
        assertTrue(f.matches("fused\\[map#\\d+ -> filter#\\d+ -> flatMap#\\d+]"), f);
        assertTrue(schedule.stream().noneMatch(n -> n.startsWith("map#") || n.startsWith("filter#")
                || n.startsWith("flatMap#")), schedule.toString());
        in.insert(1);
        in.insert(2);
        c.step();
        assertEquals(z(2, 1, -2, 1), o.view());
    }

    @Test
    void streamsOfAnotherCircuitAreRejected() {
        CircuitBuilder b1 = CircuitBuilder.incremental();
        CircuitBuilder b2 = CircuitBuilder.incremental();
        Stream<Integer> s1 = b1.input("a", Integer.class).stream();
        Stream<Integer> s2 = b2.input("b", Integer.class).stream();
        assertThrows(CircuitWiringException.class, () -> Linear.union(s1, s2));
        assertThrows(CircuitWiringException.class, () -> Linear.difference(s1, s2));
    }

    @Test
    void randomPipelineIncrementalEqualsNaive() {
        for (long seed = 1; seed <= 5; seed++) {
            JoinTestSupport.randomCompare(seed, 300, 5, 4, (x, y) -> {
                Stream<Row> m = Linear.map(x, r -> row(r.k() % 3, r.v()));
                Stream<Row> f = Linear.filter(m, r -> !r.v().equals("b"));
                Stream<Row> fm = Linear.<Row, Row>flatMap(y, (r, out) -> {
                    for (int i = 0; i < r.k(); i++) {
                        out.accept(row(i, r.v()));
                    }
                });
                return Linear.difference(Linear.union(f, fm), Linear.filter(y, r -> r.k() == 1));
            });
        }
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        Rig<Row> r = new Rig<>(Mode.INCREMENTAL, (x, y) -> Linear.map(x, v -> v));
        r.step();
        assertEquals(ZSet.empty(), r.o.view());
    }
}
