package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Range conditions on a DECIMAL constant times an integer column, which the compiler turns into integer bounds on
 * the column, keep exactly the rows Java's {@code BigDecimal} arithmetic keeps: positive and negative constants,
 * open and closed bounds, products that equal a bound exactly, BIGINT and INT columns, the extremes of BIGINT and
 * NULL.
 */
class DecimalRangesTest {
    private record View(String name, String condition, Predicate<Long> keeps) {
    }

    private static boolean between(BigDecimal c, long x, String lo, boolean loOpen, String hi, boolean hiOpen) {
        BigDecimal p = c.multiply(BigDecimal.valueOf(x));
        int a = p.compareTo(new BigDecimal(lo)), b = p.compareTo(new BigDecimal(hi));
        return (loOpen ? a > 0 : a >= 0) && (hiOpen ? b < 0 : b <= 0);
    }

    private static final List<View> VIEWS = List.of(
            new View("q14", "0.908 * x > 1000000 AND 0.908 * x < 50000000",
                    x -> between(new BigDecimal("0.908"), x, "1000000", true, "50000000", true)),
            new View("negative", "-2.5 * x >= 10 AND -2.5 * x <= 1000",
                    x -> between(new BigDecimal("-2.5"), x, "10", false, "1000", false)),
            new View("open_exact", "0.5 * x > 3 AND 0.5 * x < 40",
                    x -> between(new BigDecimal("0.5"), x, "3", true, "40", true)),
            new View("int_between", "1.5 * y BETWEEN -7.5 AND 30",
                    x -> x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE
                            && between(new BigDecimal("1.5"), x, "-7.5", false, "30", false)),
            new View("two_ranges", "0.25 * x < -1 OR 0.25 * x > 2",
                    x -> between(new BigDecimal("0.25"), x, "-1e30", false, "-1", true)
                            || between(new BigDecimal("0.25"), x, "2", true, "1e30", false)));

    @Test
    void keepsWhatBigDecimalsKeep() {
        long seed = 9071L;
        Random r = new Random(seed);
        List<Long> xs = new ArrayList<>(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, 6L, 7L, 80L, 79L, -4L, -400L,
                -401L, -5L, 20L, 21L, 1101321L, 1101322L, 55066079L, 55066080L, -3L, -4L, 8L, 9L));
        for (int i = 0; i < 2000; i++) xs.add((long) r.nextInt(2000) - 1000);
        for (int i = 0; i < 500; i++) xs.add(1_000_000L + r.nextInt(60_000_000));
        StringBuilder script = new StringBuilder("CREATE TABLE t (id INT NOT NULL, x BIGINT, y INT);\n");
        for (View v : VIEWS) {
            script.append("CREATE VIEW ").append(v.name()).append(" AS SELECT id FROM t WHERE ").append(v.condition())
                    .append(";\n");
        }
        try (SqlProgram p = Sql.compile(script.toString())) {
            for (int i = 0; i < xs.size(); i++) {
                long x = xs.get(i);
                boolean fitsInt = x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE;
                p.table("t").insert(i, x, fitsInt ? (Integer) (int) x : null);
            }
            p.table("t").insert(-1, null, null);
            p.step();
            for (View v : VIEWS) {
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < xs.size(); i++) {
                    long x = xs.get(i);
                    boolean fitsInt = x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE;
                    if ((!v.name().equals("int_between") || fitsInt) && v.keeps().test(x)) expected.add(i);
                }
                Rows rows = p.view(v.name()).contents();
                List<Integer> actual = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) actual.add(((Number) rows.get(i).get(0)).intValue());
                actual.sort(null);
                assertTrue(expected.size() > 5, v.name() + ": " + expected.size() + " rows expected (seed " + seed + ")");
                assertEquals(expected, actual, v.name() + " (seed " + seed + ")");
            }
        }
    }
}
