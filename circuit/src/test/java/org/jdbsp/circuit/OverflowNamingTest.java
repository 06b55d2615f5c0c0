package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** A weight overflow in the circuit's own nodes fails the step, naming the operator (or input) and the row. */
class OverflowNamingTest {

    private static final long MAX = Long.MAX_VALUE;

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    /**
     * Input "x", the stream {@code op} makes of it as output "o"; pushes row "r" with weight MAX at step 0 and 1
     * at step 1, expects step 1 to fail naming {@code operator} and "r", and checks the output kept step 0.
     */
    private static void overflowsAtStepOne(Mode mode, Function<Stream<String>, Stream<String>> op,
                                           String operator) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<String> in = b.input("x", String.class);
        OutputHandle<String> out = b.output("o", op.apply(in.stream()));
        Circuit c = b.build();
        in.push("r", MAX);
        c.step();
        ZSet<String> view = out.view();
        in.push("r", 1);
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step, mode + " " + operator);
        assertMessage(e, "operator " + operator, "failed at step 1", "weight overflow", "element r");
        assertEquals(view, out.view(), "the failed step changed nothing");
        assertEquals(ZSet.builder(1).add("r", 1).build(), in.pending());
        in.clearPending();
        c.step();
        assertEquals(view, out.view());
    }

    @Test
    void integrate() {
        overflowsAtStepOne(Mode.INCREMENTAL, x -> x.integrate().differentiate(), "integrate#");
    }

    @Test
    void plusAndNegate() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<String> in = b.input("x", String.class);
        b.output("sum", in.stream().plus(in.stream()));
        b.output("neg", in.stream().negate());
        Circuit c = b.build();
        in.push("r", MAX);
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertMessage(e, "operator plus#", "element r");
        in.clearPending();
        in.push("r", Long.MIN_VALUE);
        e = assertThrows(OperatorFailedException.class, c::step);
        assertMessage(e, "element r");
        assertTrue(e.operator().startsWith("plus#") || e.operator().startsWith("negate#"), e.operator());
    }

    @Test
    void anOutputViewNamesTheOutput() {
        overflowsAtStepOne(Mode.INCREMENTAL, s -> s, "output:o#");
        // naive: the change of a doubled snapshot from MIN to 2^62 does not fit, although both snapshots do
        CircuitBuilder b = CircuitBuilder.naive();
        InputHandle<String> in = b.input("x", String.class);
        OutputHandle<String> out = b.output("o", in.stream().plus(in.stream()));
        Circuit c = b.build();
        in.push("r", -(1L << 62));
        c.step();
        in.push("r", (1L << 62) + (1L << 61));
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertMessage(e, "operator output:o#", "output 'o'", "element r");
        assertEquals(ZSet.builder(1).add("r", Long.MIN_VALUE).build(), out.view());
    }

    @Test
    void aNaiveInputSnapshotNamesTheInput() {
        CircuitBuilder b = CircuitBuilder.naive();
        InputHandle<String> in = b.input("x", String.class);
        b.output("o", in.stream());
        Circuit c = b.build();
        in.push("r", MAX);
        c.step();
        in.push("r", 1);
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertMessage(e, "operator input:x#0", "input 'x'", "element r");
    }

    @Test
    void anOutputThatFailsLaterInTheStepTakesItsViewBack() {
        for (Mode mode : Mode.values()) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<Long> in = b.input("x", Long.class);
            OutputHandle<Long> first = b.output("first", in.stream()); // evaluated before the map
            b.output("second", TestOps.map(in.stream(), v -> 10 / v));
            Circuit c = b.build();
            in.insert(1L);
            c.step();
            in.push(1L, MAX - 1);
            in.insert(0L);
            assertThrows(OperatorFailedException.class, c::step);
            assertEquals(ZSet.of(1L), first.view(), mode + ": the view taken back");
            assertEquals(ZSet.of(1L), first.delta());
            in.delete(0L);
            c.step();
            assertEquals(ZSet.builder(1).add(1L, MAX).build(), first.view(), mode.name());
        }
    }

    @Test
    void pushesNameTheInputAndTheRow() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<String> in = b.input("x", String.class);
        b.output("o", in.stream());
        b.build();
        in.push("r", MAX);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> in.update("q", "r"));
        assertMessage(e, "input 'x'", "element r");
        assertEquals(ZSet.builder(1).add("r", MAX).build(), in.pending(), "the update changed nothing");
    }

    @Test
    void aFusedChainThatOverflowsIsNamedByItsOperators() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Long> in = b.input("x", Long.class);
        b.output("o", TestOps.map(TestOps.map(in.stream(), v -> v).named("same"), v -> 0L).named("zero"));
        Circuit c = b.build();
        in.push(1L, MAX);
        in.push(2L, MAX);
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertEquals("fused[same -> zero]", e.operator());
        assertMessage(e, "element 0");
    }

    @Test
    void aSumOverWorkersNamesTheOutput() {
        long one = 1;
        long other = 2;
        while (ExchangeNode.owner((int) other, 2) == ExchangeNode.owner((int) one, 2)) {
            other++;
        }
        try (WorkerCircuit<Void> c = Workers.build(2, Mode.INCREMENTAL, b -> {
            InputHandle<Long> in = b.input("x", Long.class);
            b.output("o", Long.class, TestOps.map(b.shard(in.stream(), v -> (int) (long) v, "by v"), v -> 0L));
        })) {
            c.input("x", Long.class).push(one, MAX);
            c.input("x", Long.class).push(other, MAX);
            c.step(); // each worker holds 0 => MAX: only their sum overflows
            Output<Long> o = c.output("o", Long.class);
            ArithmeticException e = assertThrows(ArithmeticException.class, o::view);
            assertMessage(e, "output 'o'", "element 0");
            assertMessage(assertThrows(ArithmeticException.class, o::delta), "output 'o'");
            assertMessage(assertThrows(ArithmeticException.class, o::deltaSize), "output 'o'");
        }
    }
}
