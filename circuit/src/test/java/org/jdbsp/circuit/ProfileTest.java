package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link CircuitRuntime#profile}: every operator of the schedule is measured, a deliberately slow operator is
 * named as the slowest step's, and its allocation is counted; in every runtime.
 */
class ProfileTest {
    /** A second operator, so that the profile has one to tell the sleeper from. */
    private static Long slow(Long x) {
        return x;
    }

    @Test
    void namesTheOperatorOfTheSlowestStep() {
        for (Runtimes rt : Runtimes.all()) {
            // once only: a naive circuit maps every row again at every step
            java.util.concurrent.atomic.AtomicBoolean slept = new java.util.concurrent.atomic.AtomicBoolean();
            try (CircuitRuntime c = rt.build(b -> {
                InputHandle<Long> t = b.input("t", Long.class);
                // sleeps at step 3 and allocates a megabyte per row: the operator the profile must point at
                Stream<Long> s = TestOps.map(t.stream(), x -> {
                    if (x == 3_000L && slept.compareAndSet(false, true)) sleep(60);
                    sink = new byte[1 << 20];
                    return x;
                }).named("sleeper");
                b.output("out", Long.class, TestOps.map(s, ProfileTest::slow));
            })) {
                assertThrows(IllegalStateException.class, c::profile, rt.name());
                c.profile(true);
                Input<Long> t = c.input("t", Long.class);
                for (long i = 0; i < 6; i++) {
                    t.insert(i * 1000);
                    c.step();
                }
                OperatorProfile p = c.profile();
                assertEquals(6, p.steps(), rt.name());
                assertEquals(c.schedule().size(), p.operators().size(), rt.name() + ": " + c.schedule());
                OperatorProfile.Step slowest = p.slowest().get(0);
                assertEquals(3, slowest.step(), rt.name() + "\n" + p.toTable(10));
                assertTrue(slowest.operator().contains("sleeper"), rt.name() + "\n" + p.toTable(10));
                assertTrue(slowest.operatorNanos() >= 50_000_000L, rt.name() + "\n" + p.toTable(10));
                OperatorProfile.Operator sleeper = p.operators().stream()
                        .filter(o -> o.name().contains("sleeper")).findFirst().orElseThrow();
                assertTrue(sleeper.allocatedBytes() >= 6L << 20, rt.name() + "\n" + p.toTable(10));
                assertEquals(3, sleeper.maxStep(), rt.name());
                assertTrue(p.toTable(3).contains("sleeper"), p.toTable(3));
                c.profile(false);
                assertThrows(IllegalStateException.class, c::profile, rt.name());
            }
        }
    }

    static volatile Object sink;

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
