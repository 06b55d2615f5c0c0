package org.jdbsp.operators.topk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.operators.topk.TopKTest.Emp;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** Top-k over an append-only input keeps only the rows within the top k (the kept-rows form of {@code TopKNode}). */
class AppendOnlyTopKTest {
    private static Emp e(String d, String n, long s) {
        return new Emp(d, n, s);
    }

    private static long stateAfterThousandRows(boolean appendOnly) {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Emp> in = appendOnly ? b.appendOnlyInput("in") : b.input("in");
        OutputHandle<Emp> out = b.output("out", TopK.topKByLong(in.stream(), x -> x.dept().length(),
                TopKTest.BY_SALARY, 2));
        Circuit c = b.build();
        for (int step = 0; step < 10; step++) {
            for (int i = 0; i < 100; i++) {
                int id = step * 100 + i;
                in.insert(e("eng", "e" + id, id % 337));
            }
            c.step();
        }
        assertEquals(ZSet.of(e("eng", "e336", 336), e("eng", "e673", 336)), out.view());
        return c.stateRows();
    }

    @Test
    void keepsOnlyTheTopRowsOfEachGroup() {
        long all = stateAfterThousandRows(false);
        long kept = stateAfterThousandRows(true);
        assertTrue(all >= 1000, "an ordinary top-k keeps every row: " + all);
        assertEquals(4, kept, "the top 2 and the output view's 2 rows");
    }

    @Test
    void aTieWithAKeptRowFailsTheStepAndChangesNothing() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Emp> in = b.appendOnlyInput("in");
        OutputHandle<Emp> out = b.output("out", TopK.topK(in.stream(), Emp::dept,
                Comparator.comparingLong(Emp::salary), 2));
        Circuit c = b.build();
        in.insert(e("eng", "ann", 100));
        c.step();
        in.insert(e("eng", "bob", 100));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(ex.operator().startsWith("top-k#"), ex.getMessage());
        assertTrue(ex.getCause() instanceof IllegalArgumentException, ex.getMessage());
        in.clearPending();
        in.insert(e("eng", "cat", 50));
        in.insert(e("eng", "ann", 100));
        c.step();
        ZSet<Emp> view = new ZSet<>();
        view.add(e("eng", "cat", 50), 1);
        view.add(e("eng", "ann", 100), 1); // ann's second copy is beyond position 2
        assertEquals(view, out.view());
    }

    @Test
    void aFailingGroupFunctionNamesTheOperatorAndChangesNothing() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Emp> in = b.appendOnlyInput("in");
        OutputHandle<Emp> out = b.output("out", TopK.topK(in.stream(), x -> {
            if (x.name().equals("boom")) {
                throw new IllegalStateException("bad row");
            }
            return x.dept();
        }, TopKTest.BY_SALARY, 1));
        Circuit c = b.build();
        in.insert(e("eng", "ann", 100));
        c.step();
        in.insert(e("eng", "zed", 200));
        in.insert(e("eng", "boom", 300));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(ex.operator().startsWith("top-k#"), ex.getMessage());
        assertEquals(ZSet.of(e("eng", "ann", 100)), out.view());
        in.clearPending();
        in.insert(e("eng", "zed", 200));
        c.step();
        assertEquals(ZSet.of(e("eng", "zed", 200)), out.view());
    }
}
