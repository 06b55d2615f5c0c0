package org.jdbsp.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * The per-step local top-k passes exactly the rows with fewer than k copies strictly before them in their
 * group's change, ties included, with weights above 1 and groups larger than k.
 */
class StepTopKByLongNodeTest {
    record R(long g, long v, long id) {
    }

    /** By value only: rows with equal values tie (not total, as a local phase may see). */
    private static final Comparator<R> BY_V = Comparator.comparingLong(R::v);

    private static ZSet<R> expected(ZSet<R> change, int k) {
        ZSet<R> out = new ZSet<>();
        for (int s = change.nextSlot(0); s >= 0; s = change.nextSlot(s + 1)) {
            R r = change.elementAt(s);
            long before = 0;
            for (int t = change.nextSlot(0); t >= 0; t = change.nextSlot(t + 1)) {
                R o = change.elementAt(t);
                if (o.g() == r.g() && BY_V.compare(o, r) < 0) {
                    before += change.weightAt(t);
                }
            }
            if (before < k) {
                out.add(r, change.weightAt(s));
            }
        }
        return out;
    }

    @Test
    void passesTheRowsWithFewerThanKCopiesBeforeThemPerStep() {
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            // k from the seed: the first nextInt of new Random(seed) is nearly the same for seeds 1 to 200
            int k = 1 + (int) (seed % 4);
            CircuitBuilder b = CircuitBuilder.incremental();
            InputHandle<R> in = b.appendOnlyInput("in");
            Stream<R> out = b.newStream("local top-k");
            b.addNode(new StepTopKByLongNode<>(in.stream(), out, R::g, BY_V, k));
            OutputHandle<R> o = b.output("out", out);
            Circuit c = b.build();
            for (int step = 0; step < 5; step++) {
                ZSet<R> change = new ZSet<>();
                int rows = rnd.nextInt(40);
                List<R> pushed = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    // few groups and values: big groups, ties, repeated rows (weights above 1)
                    R r = new R(rnd.nextInt(3), rnd.nextInt(6), rnd.nextInt(4));
                    pushed.add(r);
                    change.add(r, 1);
                }
                for (R r : pushed) {
                    in.insert(r);
                }
                c.step();
                assertEquals(expected(change, k), o.delta(), "seed " + seed + ", k " + k + ", step " + step
                        + ", change " + change);
            }
        }
    }
}
