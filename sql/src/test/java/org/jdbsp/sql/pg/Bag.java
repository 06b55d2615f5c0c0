package org.jdbsp.sql.pg;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A query result as a multiset of rows of normalised values, for comparing PostgreSQL's results with jdbsp's:
 * integers and decimals become {@link BigDecimal} (compared by value), REAL and DOUBLE {@link Double}, dates
 * {@link LocalDate}; strings and booleans stay; NULL is null. {@link #diff} compares two bags: a column where
 * either side holds a double is compared by value rounded to 10 significant digits (values under 1e-9 are 0),
 * every other column exactly.
 */
public final class Bag {
    private final List<List<Object>> rows = new ArrayList<>();
    private final List<Long> weights = new ArrayList<>();
    private int width = -1;

    /** Adds a row {@code weight} times. */
    public void add(List<Object> row, long weight) {
        List<Object> norm = new ArrayList<>(row.size());
        for (Object v : row) norm.add(normalise(v));
        if (width < 0) width = norm.size();
        rows.add(norm);
        weights.add(weight);
    }

    /** Sets the number of columns of a bag that may hold no row. */
    public void setWidth(int width) {
        this.width = width;
    }

    public int width() {
        return width;
    }

    /** The number of rows counting duplicates. */
    public long size() {
        long n = 0;
        for (long w : weights) n += w;
        return n;
    }

    /** A bag of a JDBC result. */
    public static Bag of(ResultSet rs) throws SQLException {
        Bag b = new Bag();
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        b.width = n;
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
            b.add(row, 1);
        }
        return b;
    }

    static Object normalise(Object v) {
        if (v == null) return null;
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) return new BigDecimal(i);
        if (v instanceof Double || v instanceof Float) return ((Number) v).doubleValue();
        if (v instanceof java.sql.Date d) return d.toLocalDate();
        if (v instanceof String || v instanceof Boolean || v instanceof LocalDate) return v;
        return v.getClass().getSimpleName() + ":" + v;
    }

    /** The rows as canonical strings with their counts, with {@code approx} columns rounded. */
    private Map<String, Long> canonical(boolean[] approx) {
        Map<String, Long> out = new TreeMap<>();
        for (int r = 0; r < rows.size(); r++) {
            out.merge(render(rows.get(r), approx), weights.get(r), Long::sum);
        }
        out.values().removeIf(w -> w == 0);
        return out;
    }

    static String render(List<Object> row, boolean[] approx) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) sb.append(", ");
            Object v = row.get(i);
            if (v == null) {
                sb.append("NULL");
            } else if (v instanceof Number num && i < approx.length && approx[i]) {
                double d = num.doubleValue();
                if (Math.abs(d) < 1e-9) d = 0;
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    sb.append(d);
                } else {
                    sb.append(new BigDecimal(d).round(new MathContext(10)).stripTrailingZeros().toPlainString());
                }
            } else if (v instanceof BigDecimal d) {
                sb.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
            } else if (v instanceof Double d) {
                sb.append(d);
            } else if (v instanceof String s) {
                sb.append('\'').append(s.replace("'", "''")).append('\'');
            } else if (v instanceof LocalDate d) {
                sb.append("DATE '").append(d).append('\'');
            } else {
                sb.append(v);
            }
        }
        return sb.append(')').toString();
    }

    /**
     * The differences between {@code actual} (jdbsp's) and {@code expected} (PostgreSQL's), one line per row
     * whose count differs; empty when they agree.
     */
    public static List<String> diff(Bag actual, Bag expected) {
        return diff(actual, expected, "jdbsp", "PostgreSQL", true);
    }

    /**
     * The differences between two bags named {@code a} and {@code b}; {@code contents} says that weights must
     * be positive (contents, not changes).
     */
    public static List<String> diff(Bag actual, Bag expected, String a, String b, boolean contents) {
        List<String> out = new ArrayList<>();
        if (actual.width >= 0 && expected.width >= 0 && actual.width != expected.width) {
            out.add("column counts differ: " + a + " " + actual.width + ", " + b + " " + expected.width);
            return out;
        }
        int w = Math.max(Math.max(actual.width, expected.width), 0);
        boolean[] approx = new boolean[w];
        for (Bag bag : new Bag[] {actual, expected}) {
            for (List<Object> row : bag.rows) {
                for (int i = 0; i < w && i < row.size(); i++) if (row.get(i) instanceof Double) approx[i] = true;
            }
        }
        for (int r = 0; contents && r < actual.rows.size(); r++) {
            if (actual.weights.get(r) <= 0) {
                out.add(a + " holds a row with weight " + actual.weights.get(r) + ": "
                        + render(actual.rows.get(r), approx));
            }
        }
        Map<String, Long> x = actual.canonical(approx);
        Map<String, Long> y = expected.canonical(approx);
        TreeMap<String, long[]> all = new TreeMap<>();
        x.forEach((k, v) -> all.computeIfAbsent(k, z -> new long[2])[0] = v);
        y.forEach((k, v) -> all.computeIfAbsent(k, z -> new long[2])[1] = v);
        all.forEach((k, v) -> {
            if (v[0] != v[1]) out.add(k + "  " + a + " x" + v[0] + ", " + b + " x" + v[1]);
        });
        return out;
    }

    @Override
    public String toString() {
        boolean[] approx = new boolean[Math.max(width, 0)];
        return canonical(approx).toString();
    }
}
