package org.jdbsp.propertytests.circuits;

import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

/** The circuit's own operators (delay, integrate, differentiate, plus, minus, negate, feedback): incremental = naive. */
class CoreOperatorProperties {
    private static final int EXAMPLES = 1000;

    @Test
    void plusMinusNegate() {
        qt().withExamples(EXAMPLES).forAll(Runs.runs(2, 3, 8, 6)).checkAssert(run ->
                IncrementalVsNaive.check("a + b - (-a)", 2,
                        (b, in) -> in.get(0).plus(in.get(1)).minus(in.get(0).negate()), run));
    }

    @Test
    void delayIntegrateDifferentiate() {
        qt().withExamples(EXAMPLES).forAll(Runs.runs(1, 3, 8, 6)).checkAssert(run ->
                IncrementalVsNaive.check("D(z^-1(I(a))) + a", 1,
                        (b, in) -> in.get(0).integrate().delay().differentiate().plus(in.get(0)), run));
    }

    @Test
    void feedbackRunningSum() {
        qt().withExamples(EXAMPLES).forAll(Runs.runs(1, 3, 8, 6)).checkAssert(run ->
                IncrementalVsNaive.check("t = a + z^-1(t)", 1, (b, in) -> {
                    var fb = b.<Row>feedback("t");
                    var t = in.get(0).plus(fb.stream());
                    fb.connect(t);
                    return t;
                }, run));
    }
}
