package org.jdbsp.sql.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.util.Random;
import org.jdbsp.sql.runtime.RowClasses;
import org.jdbsp.sql.runtime.Tuple;
import org.junit.jupiter.api.Test;

/**
 * A generated key function of some columns ({@link Combiners#key}) makes the row of those columns' values, and
 * hashes a row exactly as that key row's {@code hashCode}, for every letter, NULLs in object columns, -0.0 and
 * NaN, and a NULL hidden in a primitive column (the null key, or a key row that keeps the NULL).
 */
class PickedKeyTest {
    private static final String SHAPE = "ZBSIJFDLLL";

    @Test
    void hashIsTheKeyRowsHashForRandomRows() {
        long seed = 20261207L;
        Random r = new Random(seed);
        int[][] columnSets = {{0, 1}, {2, 3, 4}, {4, 3}, {5, 6}, {7, 8, 9}, {4, 7}, {9, 6, 0}, {3, 4, 5, 6, 7}};
        int differing = 0;
        int rows = 0;
        for (int[] columns : columnSets) {
            PickedKey key = Combiners.key(SHAPE, columns);
            for (int i = 0; i < 5_000; i++) {
                Tuple row = RowClasses.factory(SHAPE).make(values(r));
                Object k = key.apply(row);
                String at = "columns " + java.util.Arrays.toString(columns) + ", row " + row + " (seed " + seed + ")";
                assertEquals(k.hashCode(), key.keyHash(row), at);
                for (int c = 0; c < columns.length; c++) {
                    assertEquals(row.get(columns[c]), ((Tuple) k).get(c), at);
                }
                // an equal row of another class (an array row) has the same key
                assertEquals(k, key.apply(Tuple.of(row.toArray())), at);
                assertEquals(k.hashCode(), key.keyHash(Tuple.of(row.toArray())), at);
                Tuple other = RowClasses.factory(SHAPE).make(values(r));
                if (!key.apply(other).equals(k)) {
                    rows++;
                    if (key.keyHash(other) != key.keyHash(row)) differing++;
                }
            }
        }
        assertEquals(rows, differing, 0.02 * rows, "distinct keys should mostly hash apart");
    }

    @Test
    void aNullInAPrimitiveColumnGetsTheNullKeyOrKeepsTheNull() {
        Object[] v = values(new Random(3));
        v[4] = null; // a J column holding NULL: only an array row can
        Tuple row = Tuple.of(v);
        PickedKey byValues = Combiners.key(SHAPE, new int[] {3, 4});
        Object k = byValues.apply(row);
        assertEquals(null, ((Tuple) k).get(1));
        assertEquals(k.hashCode(), byValues.keyHash(row));
        Object nullKey = new Object();
        PickedKey joining = Combiners.key(SHAPE, new int[] {3, 4}).withNullKey(nullKey);
        assertSame(nullKey, joining.apply(row));
        assertEquals(nullKey.hashCode(), joining.keyHash(row));
        assertNotEquals(nullKey, byValues.apply(row), "a second instance keeps its own null key");
    }

    /** Internal values of a row of {@link #SHAPE}: extremes, zeros of both signs, NaN, NULLs in the L columns. */
    private static Object[] values(Random r) {
        double[] doubles = {0.0, -0.0, Double.NaN, 1.5, -1e300, r.nextGaussian()};
        long[] longs = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, r.nextInt(5), r.nextLong()};
        return new Object[] {
            r.nextBoolean(),
            (byte) r.nextInt(256),
            (short) r.nextInt(5),
            r.nextInt(7) - 3,
            longs[r.nextInt(longs.length)],
            (float) doubles[r.nextInt(doubles.length)],
            doubles[r.nextInt(doubles.length)],
            r.nextInt(4) == 0 ? null : "s" + r.nextInt(9),
            r.nextInt(4) == 0 ? null : BigDecimal.valueOf(r.nextInt(2000) - 1000, r.nextInt(3)),
            r.nextInt(4) == 0 ? null : (long) r.nextInt(3),
        };
    }
}
