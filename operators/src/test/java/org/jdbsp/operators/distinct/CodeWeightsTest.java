package org.jdbsp.operators.distinct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeWeightsTest {

    record Code(long a, long b) {
    }

    /**
     * Seeded random adds (growing past the gradual-growth size, then deleting most entries) against a map: every
     * weight, the size and an iteration agree after each batch, including while the old table drains.
     */
    @ParameterizedTest(name = "pairs {0}, seed {1}")
    @CsvSource({"true,1", "false,2", "true,3", "false,4"})
    void agreesWithAMapThroughGradualGrowth(boolean pairs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        CodeWeights table = new CodeWeights(pairs);
        Map<Code, Long> truth = new HashMap<>();
        List<Code> seen = new ArrayList<>();
        boolean sawDraining = false;
        int batches = 60;
        for (int batch = 0; batch < batches; batch++) {
            boolean growing = batch < 40;
            for (int i = 0; i < 5_000; i++) {
                Code c;
                if (growing && (seen.isEmpty() || r.nextInt(4) > 0)) {
                    // dense, clustered codes: near neighbours in both halves
                    c = new Code(r.nextLong(1 << 12) << 32 | r.nextInt(16), pairs ? r.nextLong(50_000) : 0);
                    seen.add(c);
                } else {
                    c = seen.get(r.nextInt(seen.size()));
                }
                long before = truth.getOrDefault(c, 0L);
                long delta = growing ? (r.nextInt(5) == 0 ? -1 : 1 + r.nextInt(2)) : -before;
                if (delta == 0) {
                    continue;
                }
                assertEquals(before, table.add(c.a(), c.b(), delta, c), "seed " + seed);
                if (before + delta == 0) {
                    truth.remove(c);
                } else {
                    truth.put(c, before + delta);
                }
                sawDraining |= table.draining();
            }
            check(table, truth, "seed " + seed + " batch " + batch);
        }
        assertTrue(sawDraining, "the table should have grown gradually");
    }

    private static void check(CodeWeights table, Map<Code, Long> truth, String where) {
        assertEquals(truth.size(), table.size(), where);
        Map<Code, Long> listed = new HashMap<>();
        for (int i = table.next(0); i >= 0; i = table.next(i + 1)) {
            Long prev = listed.put(new Code(table.firstAt(i), table.secondAt(i)), table.weightAt(i));
            assertEquals(null, prev, where + ": a code listed twice");
        }
        assertEquals(truth, listed, where);
        for (Map.Entry<Code, Long> e : truth.entrySet()) {
            assertEquals(e.getValue(), table.get(e.getKey().a(), e.getKey().b()), where);
        }
    }

    @ParameterizedTest(name = "pairs {0}")
    @CsvSource({"true", "false"})
    void overflowAndTheTombstoneWeightAreRefusedWithNothingChanged(boolean pairs) {
        CodeWeights table = new CodeWeights(pairs);
        table.add(1, 2, Long.MAX_VALUE, "x");
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> table.add(1, 2, 1, "x"));
        assertTrue(e.getMessage().contains("x"), e.getMessage());
        assertEquals(Long.MAX_VALUE, table.get(1, 2));
        assertThrows(ArithmeticException.class, () -> table.add(3, 4, Long.MIN_VALUE, "y"));
        assertEquals(0, table.get(3, 4));
        assertEquals(1, table.size());
    }
}
