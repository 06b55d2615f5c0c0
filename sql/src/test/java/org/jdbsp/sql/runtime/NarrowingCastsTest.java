package org.jdbsp.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.linq4j.tree.Primitive;
import org.jdbsp.sql.Row;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.SqlProgram;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The casts that generated code calls in place of Calcite's: the same values and errors as Calcite's own
 * ({@code Primitive.numberValueRoundDown}, {@code Primitive.decimalDecimalCast}), and reached from SQL.
 */
class NarrowingCastsTest {
    private static final long[] EDGES = {0, 1, -1, 127, 128, -128, -129, 32767, 32768, -32768, -32769,
            Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MAX_VALUE,
            Long.MIN_VALUE};

    @Test
    void integerNarrowingAgreesWithCalcite() {
        long seed = 20261207L;
        Random r = new Random(seed);
        List<Long> values = new ArrayList<>();
        for (long v : EDGES) values.add(v);
        for (int i = 0; i < 2000; i++) values.add(r.nextInt(4) == 0 ? r.nextLong() : (long) r.nextInt(70000) - 35000);
        for (long v : values) {
            assertSame(calcite(Primitive.INT, v), () -> NarrowingCasts.toInt(v), "int " + v + " (seed " + seed + ")");
            assertSame(calcite(Primitive.SHORT, v), () -> NarrowingCasts.toShort(v), "short " + v);
            assertSame(calcite(Primitive.BYTE, v), () -> NarrowingCasts.toByte(v), "byte " + v);
        }
    }

    @Test
    void decimalCastAgreesWithCalcite() {
        String[] values = {"0", "1.005", "-1.005", "999.994", "999.999", "1000", "-999.999", "12345.6789", "0.001"};
        for (String text : values) {
            BigDecimal v = new BigDecimal(text);
            for (int scale = 0; scale <= 3; scale++) {
                int s = scale;
                Object expected = calcite(() -> {
                    Object c = Primitive.decimalDecimalCast(v, 5, s, RoundingMode.DOWN);
                    return c == null ? null : org.apache.calcite.runtime.SqlFunctions.toBigDecimal(c);
                });
                assertSame(expected, () -> NarrowingCasts.toDecimal(v, 5, s, RoundingMode.DOWN), text + " to scale " + s);
            }
        }
        assertEquals(null, NarrowingCasts.toDecimal(null, 5, 2, RoundingMode.DOWN));
        // seeded random values, small and beyond a long, with trailing zeros, at every precision and scale
        long seed = 5150;
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < 20_000; i++) {
            java.math.BigInteger unscaled = new java.math.BigInteger(1 + r.nextInt(110), r);
            if (r.nextBoolean()) unscaled = unscaled.negate();
            if (r.nextInt(3) == 0) unscaled = unscaled.multiply(java.math.BigInteger.TEN.pow(r.nextInt(12)));
            BigDecimal v = new BigDecimal(unscaled, r.nextInt(24) - 3);
            int precision = 1 + r.nextInt(38);
            int s = r.nextInt(precision + 1);
            RoundingMode mode = r.nextBoolean() ? RoundingMode.DOWN : RoundingMode.HALF_UP;
            Object expected = calcite(() -> {
                Object c = Primitive.decimalDecimalCast(v, precision, s, mode);
                return c == null ? null : org.apache.calcite.runtime.SqlFunctions.toBigDecimal(c);
            });
            assertSame(expected, () -> NarrowingCasts.toDecimal(v, precision, s, mode),
                    v + " to DECIMAL(" + precision + ", " + s + ") " + mode + " (seed " + seed + ")");
        }
    }

    @Test
    void castsInSqlKeepTheirValuesAndErrors() {
        SqlProgram p = Sql.compile("""
                CREATE TABLE t (b BIGINT NOT NULL, n BIGINT, d DECIMAL(10, 4));
                CREATE VIEW v AS SELECT CAST(b AS INTEGER) AS i, CAST(b AS SMALLINT) AS s, CAST(b AS TINYINT) AS y,
                    MOD(b, 123) AS m, CAST(n AS INTEGER) AS ni, CAST(d AS DECIMAL(5, 2)) AS d2, d * 0.5 AS half
                    FROM t WHERE MOD(b, 2) = 0;
                """);
        p.execute("INSERT INTO t VALUES (-128, NULL, 123.4567), (126, 2147483647, -999.9999), (-3, 1, 1)");
        p.step();
        List<String> rows = new ArrayList<>();
        for (Row row : p.view("v").contents()) rows.add(row.toString());
        Collections.sort(rows);
        assertEquals("[(-128, -128, -128, -5, NULL, 123.45, 61.72835), (126, 126, 126, 3, 2147483647, -999.99,"
                + " -499.99995)]", rows.toString());
        p.execute("INSERT INTO t VALUES (128, 0, 0)");
        SqlException e = assertThrows(SqlException.class, p::step);
        assertTrue(e.getMessage().contains("view v") && e.getMessage().contains("128 out of range"), e.getMessage());
        p.execute("INSERT INTO t VALUES (2, 2147483648, 0)");
        e = assertThrows(SqlException.class, p::step);
        assertTrue(e.getMessage().contains("2147483648 out of range"), e.getMessage());
        p.execute("INSERT INTO t VALUES (4, 0, 1000.5)");
        assertThrows(SqlException.class, p::step, "1000.5 does not fit DECIMAL(5, 2)");
        assertEquals(2, p.view("v").contents().size(), "the failed steps changed nothing");
    }

    private static Object calcite(Primitive p, long v) {
        return calcite(() -> ((Number) p.numberValueRoundDown(v)).longValue());
    }

    private static Object calcite(java.util.concurrent.Callable<Object> f) {
        try {
            return f.call();
        } catch (ArithmeticException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** {@code f} gives {@code expected}'s value (as a number), or throws an exception of its class and message. */
    private static void assertSame(Object expected, java.util.concurrent.Callable<Object> f, String what) {
        Object actual = calcite(f);
        if (expected instanceof ArithmeticException e) {
            assertTrue(actual instanceof ArithmeticException a && a.getMessage().equals(e.getMessage()),
                    what + ": expected " + e + ", got " + actual);
        } else if (expected instanceof BigDecimal d) {
            assertEquals(d, actual, what);
        } else {
            assertEquals(expected, actual instanceof Number n ? n.longValue() : actual, what);
        }
    }
}
