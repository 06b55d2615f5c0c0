package org.jdbsp.operators.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairTest {
    @Test
    void equalPairsHaveEqualHashes() {
        assertEquals(Pair.of(1L, "x"), Pair.of(1L, "x"));
        assertEquals(Pair.of(1L, "x").hashCode(), Pair.of(1L, "x").hashCode());
        assertEquals(Pair.of(null, 2).hashCode(), Pair.of(null, 2).hashCode());
        assertEquals("(1, x)", Pair.of(1L, "x").toString());
    }

    @Test
    void denseIdPairsDoNotCollideLikeRecordHashes() {
        assertNotEquals(Pair.of(1000L, 1031L).hashCode(), Pair.of(1001L, 1000L).hashCode());
        Set<Integer> hashes = new HashSet<>();
        for (long a = 0; a < 300; a++) {
            for (long b = 0; b < 300; b++) {
                hashes.add(Pair.of(a, b).hashCode());
            }
        }
        assertTrue(hashes.size() > 89_000, "distinct hashes of 90,000 dense pairs: " + hashes.size());
    }
}
