package org.jdbsp.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.function.Function;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.operators.window.Windows;
import org.junit.jupiter.api.Test;

/**
 * An arithmetic overflow inside any operator family fails the step with an exception that names the operator (by
 * the name the user gave it) and the row, leaves the state as it was, and the next step works once the row is
 * taken back.
 */
class OverflowNamingTest {
    record Big(long key, long value, String tag) {
    }

    private static final long HUGE = 1L << 62;

    /**
     * Builds {@code query} named "suspect", pushes a row with weight {@code w1}, steps, then a second row (the same
     * one if {@code same}) with weight {@code w2} whose arithmetic overflows, and checks the failure.
     */
    private static void overflowNamesOperatorAndRow(Function<Stream<Big>, Stream<?>> query, long w1, long w2,
                                                    boolean same) {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Big> in = b.input("in", Big.class);
        OutputHandle<?> out = b.output("out", query.apply(in.stream()).named("suspect"));
        Circuit c = b.build();
        Big first = new Big(1, HUGE, "first");
        in.push(first, w1);
        c.step();
        Object before = out.view();
        Big second = same ? first : new Big(1, HUGE, "second");
        in.push(second, w2);
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertEquals("suspect", e.operator(), e.getMessage());
        assertInstanceOf(ArithmeticException.class, e.getCause(), e.getMessage());
        assertTrue(e.getMessage().contains("second") || e.getMessage().contains("first")
                || e.getMessage().contains("group"), "the message names the row or group: " + e.getMessage());
        assertEquals(before, out.view(), "a failed step changes nothing");
        in.push(second, -w2);
        c.step();
        assertEquals(before, out.view());
    }

    @Test
    void sum() {
        overflowNamesOperatorAndRow(s -> Aggregates.sumByLong(s, Big::key, Big::value, (k, v) -> v), 1, 1, false);
    }

    @Test
    void count() {
        overflowNamesOperatorAndRow(s -> Aggregates.aggregateByLong(s, Big::key, (k, v) -> v.getLong(0),
                Agg.count()), HUGE, HUGE, false);
    }

    @Test
    void joinProduct() {
        overflowNamesOperatorAndRow(s -> Joins.joinOnLong(s, s, Big::key, Big::key, (x, y) -> x.tag() + y.tag()),
                1, 1L << 32, false);
    }

    @Test
    void distinctWeight() {
        overflowNamesOperatorAndRow(Distinct::distinct, Long.MAX_VALUE - 1, 2, true);
    }

    @Test
    void topKWeight() {
        overflowNamesOperatorAndRow(s -> TopK.topK(s, Big::key, Comparator.comparing(Big::tag), 3),
                Long.MAX_VALUE, 1, true);
    }

    @Test
    void sessionCount() {
        overflowNamesOperatorAndRow(s -> Windows.session(s, Big::key, Big::key, 10), Long.MAX_VALUE, 1, false);
    }
}
