package org.jdbsp.sql.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows of generated classes against {@link ArrayTuple}s of the same values: equality, hash, order and the typed
 * getters agree, for random shapes and values (edge values included), so rows of two classes meet in one Z-set.
 */
class RowClassesTest {
    private static final String LETTERS = "ZBSIJFDL";

    @Test
    void generatedRowsAgreeWithArrayRows() {
        long seed = Long.getLong("jdbsp.seed", 20261206L);
        Random rnd = new Random(seed);
        for (int round = 0; round < 400; round++) {
            String shape = shape(rnd);
            TupleFactory f = RowClasses.factory(shape);
            Object[] a = values(shape, rnd), b = rnd.nextBoolean() ? a.clone() : values(shape, rnd);
            Tuple ta = f.make(a), tb = f.make(b);
            String where = "seed " + seed + ", round " + round + ", shape " + shape + ": ";
            assertEquals(RowClasses.className(shape), ta.getClass().getName(), where);
            Tuple ga = Tuple.of(a.clone()), gb = Tuple.of(b.clone());
            boolean equal = Values.equalRows(a, b);
            assertEquals(equal, ta.equals(tb), where + "typed equals");
            assertEquals(equal, ta.equals(gb), where + "typed equals array");
            assertEquals(equal, gb.equals(ta), where + "array equals typed");
            assertEquals(ga.hashCode(), ta.hashCode(), where + "hash");
            assertEquals(Integer.signum(TupleOrder.INSTANCE.compare(ga, gb)),
                    Integer.signum(TupleOrder.INSTANCE.compare(ta, tb)), where + "order");
            for (int i = 0; i < shape.length(); i++) {
                assertTrue(Values.equal(a[i], ta.get(i)), where + "get " + i);
                assertEquals(a[i] == null, ta.isNull(i), where + "isNull " + i);
                if (a[i] instanceof Long x) assertEquals((long) x, ta.getLong(i), where);
                if (a[i] instanceof Integer x) assertEquals((int) x, ta.getInt(i), where);
                if (a[i] instanceof Double x) assertEquals(x, ta.getDouble(i), where);
                if (a[i] instanceof Boolean x) assertEquals(x, ta.getBoolean(i), where);
                for (boolean nullsFirst : new boolean[] {true, false}) {
                    assertEquals(Integer.signum(ga.compareColumn(i, gb, nullsFirst)),
                            Integer.signum(ta.compareColumn(i, tb, nullsFirst)), where + "compareColumn " + i);
                }
            }
            Object[] slotsL = new Object[shape.length()];
            long[] longs = new long[shape.length()];
            double[] doubles = new double[shape.length()];
            for (int i = 0; i < shape.length(); i++) {
                switch (shape.charAt(i)) {
                    case 'Z' -> longs[i] = (Boolean) a[i] ? 1 : 0;
                    case 'F', 'D' -> doubles[i] = ((Number) a[i]).doubleValue();
                    case 'L' -> slotsL[i] = a[i];
                    default -> longs[i] = ((Number) a[i]).longValue();
                }
            }
            assertEquals(ta, f.make(longs, doubles, slotsL), where + "made from slots");
        }
    }

    @Test
    void aNullInAPrimitiveColumnMakesAnArrayRowThatStillMeetsTypedRows() {
        TupleFactory f = RowClasses.factory("JL");
        Object[] v = {null, "x"};
        Tuple t = f.make(v);
        assertInstanceOf(ArrayTuple.class, t);
        v[1] = "changed";
        assertEquals("x", t.get(1), "the factory does not keep the array");
        Tuple typed = f.make(new Object[] {1L, "x"});
        assertFalse(typed.equals(t));
        assertNotEquals(typed, Tuple.of(new Object[] {1L, "y"}));
        assertEquals(typed, Tuple.of(new Object[] {1L, "x"}));
    }

    @Test
    void edgeValuesEqualAsSqlSaysAndHashAlike() {
        TupleFactory f = RowClasses.factory("DL");
        Tuple zero = f.make(new Object[] {0.0, new BigDecimal("1.0")});
        Tuple negZero = f.make(new Object[] {-0.0, new BigDecimal("1.00")});
        assertEquals(zero, negZero);
        assertEquals(zero.hashCode(), negZero.hashCode());
        Tuple nan = f.make(new Object[] {Double.NaN, null});
        assertEquals(nan, f.make(new Object[] {Double.NaN, null}));
        assertEquals(nan, Tuple.of(new Object[] {Double.NaN, null}));
    }

    private static String shape(Random rnd) {
        int n = rnd.nextInt(7);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(LETTERS.charAt(rnd.nextInt(LETTERS.length())));
        return s.toString();
    }

    private static Object[] values(String shape, Random rnd) {
        Object[] v = new Object[shape.length()];
        for (int i = 0; i < v.length; i++) {
            int pick = rnd.nextInt(4);
            v[i] = switch (shape.charAt(i)) {
                case 'Z' -> rnd.nextBoolean();
                case 'B' -> (byte) (pick == 0 ? Byte.MIN_VALUE : rnd.nextInt(3));
                case 'S' -> (short) (pick == 0 ? Short.MAX_VALUE : rnd.nextInt(3));
                case 'I' -> pick == 0 ? Integer.MIN_VALUE : rnd.nextInt(3) - 1;
                case 'J' -> pick == 0 ? Long.MAX_VALUE : (long) rnd.nextInt(3) - 1;
                case 'F' -> pick == 0 ? Float.NaN : pick == 1 ? -0.0f : (float) rnd.nextInt(2);
                case 'D' -> pick == 0 ? Double.NaN : pick == 1 ? -0.0 : (double) rnd.nextInt(2);
                default -> switch (pick) {
                    case 0 -> null;
                    case 1 -> "s" + rnd.nextInt(2);
                    case 2 -> new BigDecimal(rnd.nextInt(2) + (rnd.nextBoolean() ? ".0" : ".00"));
                    default -> (long) rnd.nextInt(2);
                };
            };
        }
        return v;
    }
}
