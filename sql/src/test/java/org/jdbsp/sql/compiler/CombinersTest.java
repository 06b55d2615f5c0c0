package org.jdbsp.sql.compiler;

import org.jdbsp.sql.runtime.RowClasses;
import org.jdbsp.sql.runtime.Tuple;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A generated combiner builds the output row of its shape from typed columns, and keeps a NULL that arrives in a
 * column Calcite typed NOT NULL (an outer join's padding below can put one there): PostgreSQL differential
 * seed 71 failed with a NullPointerException in a join before the guard.
 */
class CombinersTest {
    @Test
    void picksTypedColumnsIntoTheOutputShape() {
        RowCombiner c = Combiners.of("IJ", "LD", new int[] {3, 0, 2}, "DIL");
        Tuple left = RowClasses.factory("IJ").make(new Object[] {7, 8L});
        Tuple right = RowClasses.factory("LD").make(new Object[] {"x", 2.5});
        Tuple out = c.combine(left, right);
        assertEquals(RowClasses.className("DIL"), out.getClass().getName());
        assertEquals(Tuple.of(new Object[] {2.5, 7, "x"}), out);
    }

    @Test
    void aNullInAColumnTypedNotNullIsKept() {
        RowCombiner c = Combiners.of("IJ", "I", null, "IJI");
        Tuple left = Tuple.of(new Object[] {null, 8L});
        Tuple right = RowClasses.factory("I").make(new Object[] {3});
        Tuple out = c.combine(left, right);
        assertNull(out.get(0));
        assertEquals(Tuple.of(new Object[] {null, 8L, 3}), out);
    }
}
