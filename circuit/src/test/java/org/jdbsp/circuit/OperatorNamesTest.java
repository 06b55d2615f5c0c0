package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** {@link Stream#named}: user names for operators, in the schedule and in failures. */
class OperatorNamesTest {

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    /** in -> map "tenOver" (fails on 0) -> filter "positive" -> output; a chain fused into one node. */
    private static void wire(CircuitBuilder b) {
        InputHandle<Integer> in = b.input("x", Integer.class);
        Stream<Integer> tenOver = TestOps.map(in.stream(), v -> 10 / v).named("tenOver");
        b.output("o", Integer.class, TestOps.filter(tenOver, v -> v > 0).named("positive"));
    }

    @Test
    void namesShowInTheScheduleInsideFusedChainsAndInFailures() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(OperatorNamesTest::wire)) {
                assertTrue(c.schedule().contains("fused[tenOver -> positive]"), c.schedule().toString());
                assertTrue(c.schedule().get(0).equals("input:x#0"), "an input keeps its name: " + c.schedule());
                assertTrue(c.schedule().stream().anyMatch(n -> n.startsWith("output:o#")), c.schedule().toString());
                Input<Integer> in = c.input("x", Integer.class);
                in.insert(5);
                c.step();
                in.insert(0);
                OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step, rt.name());
                assertEquals("tenOver", e.operator(), rt.name());
                assertMessage(e, "operator tenOver failed at step 1");
                assertEquals(ZSet.of(2), c.output("o", Integer.class).view(), rt.name());
            }
        }
    }

    @Test
    void anUnfusedNamedOperatorIsNamedInTheSchedule() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("x", Integer.class);
        Stream<Integer> doubled = TestOps.map(in.stream(), v -> v * 2).named("doubled");
        b.output("a", doubled);
        b.output("b", doubled.integrate().named("running"));
        Circuit c = b.build();
        assertTrue(c.schedule().containsAll(List.of("doubled", "running")), c.schedule().toString());
        assertTrue(c.stateRowsByOperator().containsKey("running"), c.stateRowsByOperator().toString());
    }

    @Test
    void aNameTakenByAnotherOperatorFailsNamingBoth() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("x", Integer.class);
        Stream<Integer> m = TestOps.map(in.stream(), v -> v).named("same");
        Stream<Integer> f = TestOps.filter(m, v -> true);
        CircuitWiringException e = assertThrows(CircuitWiringException.class, () -> f.named("same"));
        assertMessage(e, "'same'", "filter#", "map#", "already has that name");
        // renaming frees the old name; naming again with the same name changes nothing
        assertSame(m, m.named("other"));
        f.named("same");
        f.named("same");
        b.output("o", f);
        assertTrue(b.build().schedule().contains("fused[other -> same]"));
    }

    @Test
    void badNamesAndBadStreamsAreRejected() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("x", Integer.class);
        Stream<Integer> m = TestOps.map(in.stream(), v -> v);
        for (String bad : new String[] {"", "map#1", "two words", "a[b]", "x,y"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.named(bad), bad);
            assertMessage(e, "map#", "letters, digits");
        }
        assertThrows(NullPointerException.class, () -> m.named(null));
        CircuitWiringException e = assertThrows(CircuitWiringException.class, () -> in.stream().named("orders"));
        assertMessage(e, "input 'x'", "keeps its declared name");
        ForwardRef<Integer> later = b.forward("later");
        e = assertThrows(CircuitWiringException.class, () -> later.stream().named("later"));
        assertMessage(e, "no producer yet");
        later.connect(m);
        later.stream().named("later"); // the forward node now produces it
        m.named("väl_1.2:a/b-c"); // letters of any script, digits and _ . : / -
        b.output("o", later.stream());
        b.build();
        e = assertThrows(CircuitWiringException.class, () -> m.named("late"));
        assertMessage(e, "already built", "fixed at build()");
    }

    @Test
    void namesAreUniqueAcrossARecursionAndItsParent() {
        CircuitBuilder b = CircuitBuilder.naive();
        InputHandle<Integer> in = b.input("x", Integer.class);
        TestOps.map(in.stream(), v -> v).named("step");
        CircuitWiringException e = assertThrows(CircuitWiringException.class, () -> b.<Integer>recursive("r",
                (inner, self) -> TestOps.map(inner.enter(in.stream()).plus(self), v -> v).named("step")));
        assertMessage(e, "'step'", "already has that name");

        CircuitBuilder b2 = CircuitBuilder.naive();
        InputHandle<Integer> in2 = b2.input("x", Integer.class);
        Stream<Integer> r = b2.recursive("r", (inner, self) -> TestOps.naiveDistinct(inner.enter(in2.stream())
                .plus(TestOps.filter(TestOps.map(self, v -> 100 / (v - 3)).named("inner"), v -> v < 0))));
        b2.output("o", r);
        Circuit c = b2.build();
        in2.insert(3);
        OperatorFailedException f = assertThrows(OperatorFailedException.class, c::step);
        assertEquals("inner", f.operator(), f.getMessage());
    }

    @Test
    void everyReplicaNamesItsOperatorsAlike() {
        java.util.function.Consumer<CircuitBuilder> wiring = b -> {
            InputHandle<Long> in = b.input("x", Long.class);
            // (not the shard's result: with one worker it is the input's stream, which keeps the input's name)
            Stream<Long> checked = TestOps.map(b.shard(in.stream(), v -> (int) (long) v, "spread"),
                    v -> {
                        if (v == 13L) {
                            throw new IllegalArgumentException("unlucky");
                        }
                        return v;
                    }).named("check");
            b.output("o", Long.class, checked);
        };
        try (CircuitRuntime one = Runtimes.INCREMENTAL.build(wiring);
             WorkerCircuit<Void> many = Workers.build(3, Mode.INCREMENTAL, wiring)) {
            assertTrue(many.schedule().contains("check"), many.schedule().toString());
            assertEquals(one.schedule(), many.schedule().stream().filter(n -> !n.startsWith("exchange")).toList());
            for (CircuitRuntime c : List.of(one, many)) {
                for (long v = 0; v < 20; v++) {
                    c.input("x", Long.class).insert(v);
                }
                OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
                assertEquals("check", e.operator());
                assertMessage(e, "operator check failed at step 0");
            }
        }
    }
}
