package org.jdbsp.benches.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every benchmark adapter has the Z-set semantics: removal at 0, and overflow throws leaving the map unchanged. */
class AdapterSemanticsTest {

    @ParameterizedTest
    @EnumSource(LongCandidate.class)
    void longAdaptersRemoveAtZeroAndRejectOverflow(LongCandidate candidate) {
        LongWeights m = candidate.create();
        for (int i = 0; i < 1000; i++) {
            m.add(Keys.key(i), 1);
        }
        assertEquals(1000, m.size());
        assertEquals(0, m.add(Keys.key(7), -1));
        assertEquals(0, m.get(Keys.key(7)));
        assertEquals(999, m.size());
        assertEquals(1, m.add(Keys.key(8), 0));

        m.add(0L, Long.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> m.add(0L, 1));
        assertEquals(Long.MAX_VALUE, m.get(0L));
        m.add(1L, Long.MIN_VALUE);
        assertThrows(ArithmeticException.class, () -> m.add(1L, Long.MIN_VALUE)); // wraps exactly to 0
        assertEquals(Long.MIN_VALUE, m.get(1L));
        assertEquals(1001, m.size());

        Summer s = new Summer();
        m.forEach(s);
        assertEquals(999 + Long.MAX_VALUE + Long.MIN_VALUE, s.sum);
    }

    @ParameterizedTest
    @EnumSource(ObjCandidate.class)
    void objectAdaptersRemoveAtZeroAndRejectOverflow(ObjCandidate candidate) {
        for (KeyKind kind : KeyKind.values()) {
            ObjWeights<Object> m = candidate.create();
            for (int i = 0; i < 1000; i++) {
                m.add(kind.key(i), 1);
            }
            assertEquals(0, m.add(kind.key(7), -1));
            assertEquals(0, m.get(kind.key(7)));
            assertEquals(999, m.size());
            assertEquals(1, m.get(kind.key(8)));

            m.add(kind.key(5000), Long.MIN_VALUE);
            assertThrows(ArithmeticException.class, () -> m.add(kind.key(5000), Long.MIN_VALUE));
            assertEquals(Long.MIN_VALUE, m.get(kind.key(5000)));
            assertEquals(1000, m.size());

            Summer s = new Summer();
            m.forEach(s);
            assertEquals(999 + Long.MIN_VALUE, s.sum);
        }
    }
}
