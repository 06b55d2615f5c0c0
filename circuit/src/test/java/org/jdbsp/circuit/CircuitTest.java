package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class CircuitTest {

    @Test
    void integrateDelayDifferentiate() {
        for (Mode mode : Mode.values()) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<String> in = b.input("in");
            OutputHandle<String> integ = b.output("i", in.stream().integrate());
            OutputHandle<String> delayed = b.output("z", in.stream().delay());
            OutputHandle<String> diff = b.output("d", in.stream().differentiate());
            Circuit c = b.build();
            in.insert("a");
            c.step();
            // incremental: stream is the change; naive: the snapshot. Outputs always report changes.
            assertEquals(ZSet.of("a"), integ.delta(), mode.name());
            assertEquals(ZSet.of(), delayed.delta(), mode.name());
            in.insert("b");
            c.step();
            // the query is over snapshots s1 = {a}, s2 = {a, b}: both modes give the same views
            assertEquals(ZSet.builder(2).add("a", 2).add("b", 1).build(), integ.view(), mode.name());
            assertEquals(ZSet.of("a"), delayed.view(), mode.name());
            assertEquals(ZSet.of("b"), diff.view(), mode.name());
        }
    }

    @Test
    void runningTotalWithFeedback() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("x");
        Feedback<Integer> total = b.feedback("total");
        Stream<Integer> t = in.stream().plus(total.stream());
        total.connect(t);
        OutputHandle<Integer> out = b.output("t", t);
        Circuit c = b.build();
        in.insert(1);
        c.step();
        assertEquals(ZSet.of(1), out.delta());
        in.insert(2);
        c.step();
        assertEquals(ZSet.of(1, 2), out.delta());
        c.step();
        assertEquals(ZSet.of(1, 2), out.delta());
    }

    @Test
    void cycleWithoutDelayIsRejectedNamingTheCycle() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("x");
        ForwardRef<Integer> ref = b.forward("loop");
        Stream<Integer> s = in.stream().plus(ref.stream());
        Stream<Integer> m = TestOps.map(s, x -> x + 1);
        ref.connect(m);
        b.output("o", m);
        CircuitWiringException e = assertThrows(CircuitWiringException.class, b::build);
        assertTrue(e.getMessage().contains("cycle without a delay"), e.getMessage());
        assertTrue(e.getMessage().contains("plus#"), e.getMessage());
        assertTrue(e.getMessage().contains("map#"), e.getMessage());
    }

    @Test
    void streamFromAnotherCircuitIsRejected() {
        CircuitBuilder a = CircuitBuilder.incremental();
        CircuitBuilder b = CircuitBuilder.incremental();
        Stream<Integer> fromA = a.<Integer>input("x").stream();
        Stream<Integer> fromB = b.<Integer>input("y").stream();
        CircuitWiringException e = assertThrows(CircuitWiringException.class, () -> fromB.plus(fromA));
        assertTrue(e.getMessage().contains("belongs to another circuit"), e.getMessage());
        assertThrows(CircuitWiringException.class, () -> b.output("o", fromA));
    }

    @Test
    void unconnectedFeedbackAndMissingOutputsAreRejected() {
        CircuitBuilder b = CircuitBuilder.incremental();
        b.input("x");
        b.feedback("dangling");
        assertTrue(assertThrows(CircuitWiringException.class, b::build).getMessage().contains("never connected"));
        CircuitBuilder c = CircuitBuilder.incremental();
        c.input("x");
        assertTrue(assertThrows(CircuitWiringException.class, c::build).getMessage().contains("no outputs"));
    }

    @Test
    void duplicateNamesAndUnknownHandlesAreRejected() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> x = b.input("x");
        assertThrows(CircuitWiringException.class, () -> b.input("x"));
        b.output("o", x.stream());
        Circuit c = b.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.input("nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("[x]"), e.getMessage());
        assertThrows(CircuitWiringException.class, () -> b.input("late"));
    }

    @Test
    void stepOnClosedCircuitThrows() {
        CircuitBuilder b = CircuitBuilder.incremental();
        b.output("o", b.<Integer>input("x").stream());
        Circuit c = b.build();
        c.close();
        assertThrows(IllegalStateException.class, c::step);
    }

    @Test
    void nullRowsAndOverflowAreRejectedWithoutLosingPendingInput() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<String> in = b.input("x");
        OutputHandle<String> out = b.output("o", in.stream());
        Circuit c = b.build();
        in.insert("a");
        assertThrows(NullPointerException.class, () -> in.insert(null));
        in.push("b", Long.MAX_VALUE);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> in.push("b", 1));
        assertTrue(e.getMessage().contains("b") && e.getMessage().contains("'x'"), e.getMessage());
        c.step();
        assertEquals(ZSet.builder(2).add("a", 1).add("b", Long.MAX_VALUE).build(), out.view());
    }

    @Test
    void failingUserFunctionNamesOperatorAndLeavesStateUnchanged() {
        for (Mode mode : Mode.values()) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<Integer> in = b.input("x");
            Stream<Integer> mapped = TestOps.map(in.stream(), v -> 10 / v);
            OutputHandle<Integer> total = b.output("o", mapped.integrate());
            Circuit c = b.build();
            in.insert(1);
            c.step();
            ZSet<Integer> before = total.view();
            in.insert(0);
            OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
            assertTrue(e.getMessage().contains("map#"), e.getMessage());
            assertTrue(e.getCause() instanceof ArithmeticException, String.valueOf(e.getCause()));
            assertEquals(before, total.view());
            assertEquals(1, c.stepCount());
            assertEquals(ZSet.of(0), in.pending(), "failed step keeps its input pending");
            in.delete(0); // correct the input: the bad row cancels out
            in.insert(5);
            c.step();
            assertEquals(before.plus(before).plus(ZSet.of(2)), total.view(), mode.name());
        }
    }

    @Test
    void linearChainsAreFusedIntoOnePass() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("x");
        Stream<Integer> s = TestOps.filter(TestOps.map(TestOps.map(in.stream(), v -> v * 2), v -> v + 1), v -> v > 3);
        OutputHandle<Integer> out = b.output("o", s);
        Circuit c = b.build();
        List<String> schedule = c.schedule();
        assertEquals(3, schedule.size(), schedule.toString());
        assertTrue(schedule.get(1).matches("fused\\[map#\\d+ -> map#\\d+ -> filter#\\d+]"), schedule.toString());
        in.insert(1);
        in.insert(2);
        in.insert(3);
        c.step();
        assertEquals(ZSet.of(5, 7), out.delta());
    }

    @Test
    void sharedIntermediateStreamIsNotFused() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("x");
        Stream<Integer> m = TestOps.map(in.stream(), v -> v * 2);
        b.output("a", TestOps.map(m, v -> v + 1));
        b.output("b", m);
        Circuit c = b.build();
        assertTrue(c.schedule().stream().noneMatch(n -> n.startsWith("fused")), c.schedule().toString());
    }

    @Test
    void recursiveRejectsOperatorsWithoutHistory() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("x");
        CircuitWiringException e = assertThrows(CircuitWiringException.class, () ->
                b.<Integer>recursive("r", (inner, self) -> TestOps.naiveDistinct(inner.enter(in.stream()).plus(self))));
        assertTrue(e.getMessage().contains("distinct#"), e.getMessage());
    }

    @Test
    void naiveRecursionReachesFixedPoint() {
        // numbers reachable by +1 steps below 10 from the inputs: X = distinct(in + map(X, +1) filtered < 10)
        CircuitBuilder b = CircuitBuilder.naive();
        InputHandle<Integer> in = b.input("x");
        Stream<Integer> r = b.<Integer>recursive("reach", (inner, self) ->
                TestOps.naiveDistinct(inner.enter(in.stream()).plus(TestOps.filter(TestOps.map(self, v -> v + 1),
                        v -> v < 10))));
        OutputHandle<Integer> out = b.output("o", r);
        Circuit c = b.build();
        in.insert(7);
        c.step();
        assertEquals(ZSet.of(7, 8, 9), out.view());
        in.insert(5);
        c.step();
        assertEquals(ZSet.of(5, 6), out.delta());
        in.delete(7);
        c.step();
        assertEquals(ZSet.of(5, 6, 7, 8, 9), out.view());
        in.delete(5);
        c.step();
        assertEquals(ZSet.of(), out.view());
    }

    @Test
    void enterOutsideNestedCircuitIsRejected() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("x");
        assertThrows(CircuitWiringException.class, () -> b.enter(in.stream()));
    }
}
