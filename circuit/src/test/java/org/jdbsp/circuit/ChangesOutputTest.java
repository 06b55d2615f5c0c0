package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * {@link CircuitBuilder#outputChanges}: the same changes as an output that keeps its view, step after step, in
 * every runtime; no state in incremental mode; reading its view fails naming the output.
 */
class ChangesOutputTest {

    private static void wire(CircuitBuilder b) {
        InputHandle<Long> t = b.input("t", Long.class);
        Stream<Long> even = TestOps.filter(t.stream(), x -> x % 2 == 0);
        b.output("kept", Long.class, even);
        b.outputChanges("changes", Long.class, even);
    }

    @Test
    void publishesTheSameChangesAsAnOutputWithAView() {
        long seed = 20261206L;
        for (Runtimes rt : Runtimes.all()) {
            Random rnd = new Random(seed);
            try (CircuitRuntime c = rt.build(ChangesOutputTest::wire)) {
                Input<Long> t = c.input("t", Long.class);
                ZSet<Long> contents = new ZSet<>();
                for (int step = 0; step < 30; step++) {
                    for (int i = 0; i < 200; i++) {
                        long x = rnd.nextInt(500);
                        if (contents.weight(x) > 0 && rnd.nextBoolean()) {
                            t.delete(x);
                            contents.add(x, -1);
                        } else {
                            t.insert(x);
                            contents.add(x, 1);
                        }
                    }
                    c.step();
                    String at = rt.name() + ", seed " + seed + ", step " + step;
                    Output<Long> changes = c.output("changes", Long.class);
                    assertEquals(c.output("kept", Long.class).delta(), changes.delta(), at);
                    assertEquals(c.output("kept", Long.class).deltaSize(), changes.deltaSize(), at);
                }
            }
        }
    }

    @Test
    void keepsNoStateAndItsViewCannotBeRead() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(b -> b.outputChanges("changes", b.<Long>input("t").stream()))) {
                Input<Long> t = c.input("t", Long.class);
                for (long x = 0; x < 1000; x++) t.insert(x);
                c.step();
                Output<?> out = c.output("changes");
                assertFalse(out.keepsView(), rt.name());
                assertEquals(1000, out.deltaSize(), rt.name());
                if (rt != Runtimes.NAIVE) assertEquals(0, c.stateRows(), rt.name() + ": no view kept");
                IllegalStateException e = assertThrows(IllegalStateException.class, out::view, rt.name());
                assertTrue(e.getMessage().contains("output 'changes' keeps no view"), e.getMessage());
                assertThrows(IllegalStateException.class, out::viewSize, rt.name());
            }
        }
    }
}
