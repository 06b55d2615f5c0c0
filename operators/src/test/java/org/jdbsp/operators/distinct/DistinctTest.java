package org.jdbsp.operators.distinct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class DistinctTest {

    @Test
    void literalBothModes() {
        for (Mode mode : Mode.values()) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<String> in = b.input("in");
            OutputHandle<String> out = b.output("d", Distinct.distinct(in.stream()));
            Circuit c = b.build();

            in.push("a", 3);
            in.insert("b");
            c.step();
            assertEquals(ZSet.of("a", "b"), out.delta(), mode.name());

            in.push("a", -2); // a still present with weight 1
            in.delete("b");   // b gone
            in.push("c", -1); // negative weight: not in the distinct set
            c.step();
            assertEquals(ZSet.builder(1).add("b", -1).build(), out.delta(), mode.name());
            assertEquals(ZSet.of("a"), out.view(), mode.name());

            in.push("c", 2); // c goes from -1 to 1
            in.delete("a");  // a goes to 0
            c.step();
            assertEquals(ZSet.builder(2).add("c", 1).add("a", -1).build(), out.delta(), mode.name());
            assertEquals(ZSet.of("c"), out.view(), mode.name());

            c.step(); // no change
            assertEquals(ZSet.of(), out.delta(), mode.name());
        }
    }

    @Test
    void stateIsIntegratedInput() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("in");
        b.output("d", Distinct.distinct(in.stream()));
        Circuit c = b.build();
        in.insert(1);
        in.insert(2);
        in.insert(2);
        c.step();
        in.delete(1);
        c.step();
        // the distinct operator keeps one row (2 => 2); the output handle keeps its view
        long distinctRows = c.stateRowsByOperator().entrySet().stream()
                .filter(e -> e.getKey().startsWith("distinct")).mapToLong(java.util.Map.Entry::getValue).sum();
        assertEquals(1, distinctRows);
    }

    @Test
    void weightOverflowFailsTheStepAndLeavesStateUnchanged() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<String> in = b.input("in");
        OutputHandle<String> out = b.output("d", Distinct.distinct(in.stream()));
        Circuit c = b.build();
        in.push("a", Long.MAX_VALUE);
        c.step();
        in.insert("a");
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.operator().startsWith("distinct#"), e.getMessage());
        in.clearPending();
        in.push("a", -Long.MAX_VALUE); // the failed step changed nothing: a goes back to 0
        c.step();
        assertEquals(ZSet.of(), out.view());
        assertEquals(ZSet.builder(1).add("a", -1).build(), out.delta());
    }

    @Test
    void randomIncrementalMatchesNaive() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            CircuitBuilder bi = CircuitBuilder.incremental();
            CircuitBuilder bn = CircuitBuilder.naive();
            InputHandle<Integer> ii = bi.input("in");
            InputHandle<Integer> in = bn.input("in");
            OutputHandle<Integer> oi = bi.output("o", Distinct.distinct(ii.stream()));
            OutputHandle<Integer> on = bn.output("o", Distinct.distinct(in.stream()));
            Circuit ci = bi.build();
            Circuit cn = bn.build();
            ZSet<Integer> truth = new ZSet<>();
            for (int step = 0; step < 60; step++) {
                int changes = r.nextInt(8);
                for (int k = 0; k < changes; k++) {
                    int e = r.nextInt(12);
                    long w = r.nextInt(5) - 2;
                    if (w == 0) {
                        continue;
                    }
                    ii.push(e, w);
                    in.push(e, w);
                    truth.add(e, w);
                }
                ci.step();
                cn.step();
                assertEquals(on.view(), oi.view(), "seed " + seed + " step " + step);
                assertEquals(truth.distinct(), oi.view(), "seed " + seed + " step " + step);
            }
        }
    }
}
