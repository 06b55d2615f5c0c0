package org.jdbsp.sql.slt;

import org.jdbsp.sql.slt.SltRecord.SortMode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The sqllogictest output rules: how a value is written for its column type letter, how results are sorted,
 * and how they are hashed.
 *
 * <ul>
 *   <li>NULL is {@code NULL} whatever the type.</li>
 *   <li>{@code I}: an integer in decimal; a fractional number is truncated toward zero, a boolean is 1 or 0, a
 *       string that is not a number is 0.</li>
 *   <li>{@code R}: a number with three decimals ({@code %.3f}).</li>
 *   <li>{@code T}: the text, with every character outside printable ASCII (below 0x20 or above 0x7e) written as
 *       {@code @}; the empty string is {@code (empty)}.</li>
 *   <li>{@code rowsort} sorts rows comparing their written values as strings, column by column;
 *       {@code valuesort} sorts all values as strings; {@code nosort} keeps the query's order.</li>
 *   <li>A hashed result is the lower-case hex MD5 of the values in that order, each followed by {@code \n}.</li>
 * </ul>
 */
final class SltFormat {
    private SltFormat() {
    }

    /**
     * The rows written as the column types say, one list of strings per row.
     *
     * @param rows each row's Java values (as {@link org.jdbsp.sql.Row#get(int)} gives them, null for NULL)
     * @throws IllegalArgumentException when a row's width is not the number of types
     */
    static List<List<String>> format(String types, List<Object[]> rows) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (row.length != types.length()) {
                throw new IllegalArgumentException("expected " + types.length() + " columns (" + types + "), got "
                        + row.length);
            }
            List<String> values = new ArrayList<>(row.length);
            for (int i = 0; i < row.length; i++) values.add(value(types.charAt(i), row[i]));
            out.add(values);
        }
        return out;
    }

    /** The values in the order the sort mode says, flattened. */
    static List<String> arrange(List<List<String>> rows, SortMode sort) {
        List<List<String>> sorted = rows;
        if (sort == SortMode.ROWSORT) {
            sorted = new ArrayList<>(rows);
            sorted.sort(ROW_ORDER);
        }
        List<String> values = new ArrayList<>();
        for (List<String> row : sorted) values.addAll(row);
        if (sort == SortMode.VALUESORT) values.sort(Comparator.naturalOrder());
        return values;
    }

    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    };

    /** The lower-case hex MD5 of the values, each followed by a newline, in UTF-8. */
    static String md5(List<String> values) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String v : values) {
            md.update(v.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        StringBuilder hex = new StringBuilder(32);
        for (byte b : md.digest()) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    /** One value written for the type letter {@code I}, {@code R} or {@code T}. */
    static String value(char type, Object v) {
        if (v == null) return "NULL";
        switch (type) {
            case 'I': return integer(v);
            case 'R': return real(v);
            case 'T': return text(v);
            default: throw new IllegalArgumentException("unknown column type '" + type + "'");
        }
    }

    private static String integer(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) return d.setScale(0, RoundingMode.DOWN).toBigInteger().toString();
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) return "0";
            return new BigDecimal(d).setScale(0, RoundingMode.DOWN).toBigInteger().toString();
        }
        if (v instanceof Boolean b) return b ? "1" : "0";
        if (v instanceof Number n) return Long.toString(n.longValue());
        BigDecimal d = parseNumber(v.toString());
        return d == null ? "0" : d.setScale(0, RoundingMode.DOWN).toBigInteger().toString();
    }

    private static String real(Object v) {
        if (v instanceof BigDecimal d) return d.setScale(3, RoundingMode.HALF_UP).toPlainString();
        if (v instanceof BigInteger i) return new BigDecimal(i).setScale(3).toPlainString();
        if (v instanceof Boolean b) return b ? "1.000" : "0.000";
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            BigDecimal parsed = parseNumber(v.toString());
            d = parsed == null ? 0 : parsed.doubleValue();
        }
        if (d == 0) d = 0; // no "-0.000" for a negative zero
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static String text(Object v) {
        String s;
        if (v instanceof String str) {
            s = str;
        } else if (v instanceof Boolean b) {
            s = b ? "1" : "0";
        } else if (v instanceof BigDecimal d) {
            s = d.toPlainString();
        } else if (v instanceof Double || v instanceof Float) {
            s = realText(((Number) v).doubleValue());
        } else {
            s = v.toString();
        }
        if (s.isEmpty()) return "(empty)";
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                if (out == null) out = new StringBuilder(s);
                out.setCharAt(i, '@');
            }
        }
        return out == null ? s : out.toString();
    }

    /** A double as SQLite writes one as text: up to 15 significant digits, {@code .0} when integral. */
    private static String realText(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d + ".0";
        BigDecimal b = new BigDecimal(d).round(new java.math.MathContext(15, RoundingMode.HALF_EVEN));
        return b.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal parseNumber(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
