package org.jdbsp.nexmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {
    @Test
    void aRoundIsQuietWhenTheJitCompiledForUnderTwoPercentOfIt() {
        long second = 1_000_000_000L;
        assertTrue(WarmUp.quiet(0, second));
        assertTrue(WarmUp.quiet(19, second));
        assertFalse(WarmUp.quiet(20, second));
        assertFalse(WarmUp.quiet(750, second));
        assertFalse(WarmUp.quiet(1, 10_000_000L)); // 1 ms of a 10 ms round
    }

    @Test
    void withoutAMeasurementOneRoundIsEnough() {
        assertTrue(WarmUp.quiet(-1, 1));
    }

    @Test
    void theJitClockIsReadableAndMonotonic() {
        long a = WarmUp.jitMillis();
        long b = WarmUp.jitMillis();
        // HotSpot measures compilation time; were it not measured, both reads would be -1
        assertTrue(a >= 0, "compilation time not measured: " + a);
        assertTrue(b >= a);
    }

    /** A fake JVM: each round takes one second and the JIT compiles for the next of {@code jitPerRound} ms. */
    private static WarmUp.Rounds run(int maxRounds, List<Integer> ran, long... jitPerRound) {
        long[] clock = new long[2]; // jit ms, nanos
        return WarmUp.run(maxRounds, () -> clock[0], () -> clock[1], round -> {
            ran.add(round);
            clock[0] += jitPerRound[round - 1];
            clock[1] += 1_000_000_000L;
        });
    }

    @Test
    void roundsRunUntilOneIsQuiet() {
        List<Integer> ran = new ArrayList<>();
        WarmUp.Rounds r = run(5, ran, 3000, 750, 10, 0, 0);
        assertEquals(List.of(1, 2, 3), ran);
        assertEquals(new WarmUp.Rounds(3, true, 10), r);
    }

    @Test
    void atMostMaxRoundsRunAndTheLastIsReportedNotQuiet() {
        List<Integer> ran = new ArrayList<>();
        WarmUp.Rounds r = run(2, ran, 3000, 750, 10);
        assertEquals(List.of(1, 2), ran);
        assertEquals(new WarmUp.Rounds(2, false, 750), r);
    }

    @Test
    void withoutAJitClockOneRoundRuns() {
        List<Integer> ran = new ArrayList<>();
        WarmUp.Rounds r = WarmUp.run(5, () -> -1, System::nanoTime, ran::add);
        assertEquals(List.of(1), ran);
        assertEquals(new WarmUp.Rounds(1, true, -1), r);
    }
}
