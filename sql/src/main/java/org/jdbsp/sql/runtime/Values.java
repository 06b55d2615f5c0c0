package org.jdbsp.sql.runtime;

import org.jdbsp.sql.ColumnType;
import org.jdbsp.sql.SqlException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The engine's internal representation of SQL values (Calcite's, so that generated code can use Calcite's
 * runtime functions) and the conversions from and to the Java values users see.
 *
 * <table>
 *   <caption>representations</caption>
 *   <tr><th>SQL</th><th>internal</th><th>user</th></tr>
 *   <tr><td>BOOLEAN</td><td>Boolean</td><td>Boolean</td></tr>
 *   <tr><td>TINYINT, SMALLINT, INTEGER, BIGINT</td><td>Byte, Short, Integer, Long</td><td>same</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>BigDecimal at scale s</td><td>BigDecimal</td></tr>
 *   <tr><td>REAL, DOUBLE</td><td>Float, Double</td><td>same</td></tr>
 *   <tr><td>CHAR, VARCHAR</td><td>String</td><td>String</td></tr>
 *   <tr><td>DATE</td><td>Integer days since 1970-01-01</td><td>LocalDate</td></tr>
 *   <tr><td>TIME</td><td>Integer milliseconds of the day</td><td>LocalTime</td></tr>
 *   <tr><td>TIMESTAMP</td><td>Long milliseconds since the epoch</td><td>LocalDateTime</td></tr>
 *   <tr><td>INTERVAL day-time</td><td>Long milliseconds</td><td>Duration</td></tr>
 *   <tr><td>INTERVAL year-month</td><td>Integer months</td><td>Period</td></tr>
 * </table>
 *
 * NULL is {@code null} everywhere. Equality is SQL's for grouping and DISTINCT: NULL equals NULL, decimals equal
 * by value, {@code -0.0} equals {@code 0.0}. Internal.
 */
public final class Values {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Values() {
    }

    /** Value equality of two rows of internal values. */
    public static boolean equalRows(Object[] a, Object[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) {
            if (!equal(a[i], b[i])) return false;
        }
        return true;
    }

    /** A hash consistent with {@link #equalRows}: the values' {@link #hash}es, each mixed in by {@link #mix}. */
    public static int hashRow(Object[] a) {
        int h = 1;
        for (Object v : a) h = mix(h, hash(v));
        return h;
    }

    /**
     * The hash of a row so far, {@code h}, with the next value's hash {@code x} mixed in. Not {@code 31 * h + x}:
     * with that, rows whose columns hash to nearby numbers (texts that differ in their last letter, consecutive
     * ids, as in a key of a channel, a day and a bidder) collide wholesale, and every lookup compares rows;
     * here a difference in an earlier column is rotated and multiplied across all bits.
     */
    public static int mix(int h, int x) {
        return (Integer.rotateLeft(h, 7) ^ x) * 0x9E3779B9;
    }

    /** SQL grouping equality of two internal values: NULL equals NULL. */
    public static boolean equal(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y) == 0;
        if (a instanceof Double x && b instanceof Double y) {
            double p = x, q = y;
            return p == q || (p != p && q != q);
        }
        if (a instanceof Float x && b instanceof Float y) {
            float p = x, q = y;
            return p == q || (p != p && q != q);
        }
        return a.equals(b);
    }

    /** A hash consistent with {@link #equal}. */
    public static int hash(Object v) {
        if (v == null) return 0;
        if (v instanceof BigDecimal d) return hashDecimal(d);
        if (v instanceof Double d) return d == 0.0 ? 0 : d.hashCode();
        if (v instanceof Float f) return f == 0.0f ? 0 : f.hashCode();
        return v.hashCode();
    }

    /**
     * The hash of a DECIMAL value, the same for equal values whatever their scales (1.5, 1.50, 15E-1). A value of
     * at most 15 significant digits hashes its {@link BigDecimal#doubleValue}: correctly rounded, so the same for
     * every representation of the value, and different for different such values (a double holds 15 digits). A
     * representation of at most 15 digits at a scale from 0 to 22 (a DECIMAL's usual case) goes there directly
     * and allocates nothing; any other is stripped of trailing zeros first, and a value of more digits hashes its
     * stripped unscaled value and scale.
     */
    static int hashDecimal(BigDecimal d) {
        if (d.signum() == 0) return 0;
        int scale = d.scale();
        if (scale >= 0 && scale <= 22 && d.precision() <= 15) return spread(Double.doubleToLongBits(d.doubleValue()));
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.precision() <= 15) return spread(Double.doubleToLongBits(stripped.doubleValue()));
        return stripped.unscaledValue().hashCode() * 31 + stripped.scale();
    }

    /** {@code bits} folded to an int, every bit spread over the high half first. */
    private static int spread(long bits) {
        long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * Converts a user's Java value to the internal value of a column of type {@code type}, checking its range.
     *
     * @throws SqlException naming the value and the type when it does not fit
     */
    public static Object fromJava(ColumnType type, Object v) {
        if (v == null) return null;
        switch (type.kind()) {
            case BOOLEAN:
                if (v instanceof Boolean) return v;
                if (v instanceof String s) return parse(type, s);
                break;
            case TINYINT:
                if (v instanceof Byte) return v;
                if (v instanceof String s) return parse(type, s);
                return (byte) integer(v, Byte.MIN_VALUE, Byte.MAX_VALUE, type);
            case SMALLINT:
                if (v instanceof Short) return v;
                if (v instanceof String s) return parse(type, s);
                return (short) integer(v, Short.MIN_VALUE, Short.MAX_VALUE, type);
            case INTEGER:
                if (v instanceof Integer) return v;
                if (v instanceof String s) return parse(type, s);
                return (int) integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
            case BIGINT:
                if (v instanceof Long) return v;
                if (v instanceof String s) return parse(type, s);
                return integer(v, Long.MIN_VALUE, Long.MAX_VALUE, type);
            case DECIMAL:
                if (v instanceof String s) return parse(type, s);
                return decimal(type, toBigDecimal(v, type));
            case REAL:
                if (v instanceof String s) return parse(type, s);
                if (v instanceof Number n) return n.floatValue();
                break;
            case DOUBLE:
                if (v instanceof String s) return parse(type, s);
                if (v instanceof Number n) return n.doubleValue();
                break;
            case CHAR:
            case VARCHAR:
                if (v instanceof String s) return string(type, s);
                if (v instanceof Character c) return string(type, c.toString());
                break;
            case DATE:
                if (v instanceof LocalDate d) return (int) d.toEpochDay();
                if (v instanceof String s) return parse(type, s);
                if (v instanceof Integer) return v;
                break;
            case TIME:
                if (v instanceof LocalTime t) return (int) (t.toNanoOfDay() / 1_000_000L);
                if (v instanceof String s) return parse(type, s);
                if (v instanceof Integer) return v;
                break;
            case TIMESTAMP:
                if (v instanceof LocalDateTime t) return t.toInstant(ZoneOffset.UTC).toEpochMilli();
                if (v instanceof String s) return parse(type, s);
                if (v instanceof Long) return v;
                break;
            case INTERVAL_DAY_TIME:
                if (v instanceof Duration d) return d.toMillis();
                if (v instanceof Long) return v;
                break;
            case INTERVAL_YEAR_MONTH:
                if (v instanceof Period p) return (int) p.toTotalMonths();
                if (v instanceof Integer) return v;
                break;
            default:
                break;
        }
        throw new SqlException("a " + v.getClass().getSimpleName() + " (" + v + ") is not a " + type);
    }

    /**
     * Parses the text of a value (as in CSV, or a string given for a non-string column) into the internal value.
     *
     * @throws SqlException naming the text and the type when it does not parse or fit
     */
    public static Object parse(ColumnType type, String text) {
        String s = text.trim();
        try {
            switch (type.kind()) {
                case BOOLEAN:
                    if (s.equalsIgnoreCase("true") || s.equals("t") || s.equals("1")) return Boolean.TRUE;
                    if (s.equalsIgnoreCase("false") || s.equals("f") || s.equals("0")) return Boolean.FALSE;
                    break;
                case TINYINT:
                case SMALLINT:
                case INTEGER:
                case BIGINT:
                    return fromJava(type, new BigDecimal(s));
                case DECIMAL:
                    return decimal(type, new BigDecimal(s));
                case REAL:
                    return Float.parseFloat(s);
                case DOUBLE:
                    return Double.parseDouble(s);
                case CHAR:
                case VARCHAR:
                    return string(type, text);
                case DATE:
                    return (int) LocalDate.parse(s).toEpochDay();
                case TIME:
                    return (int) (LocalTime.parse(s).toNanoOfDay() / 1_000_000L);
                case TIMESTAMP:
                    return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new SqlException("'" + text + "' is not a valid " + type);
        }
        throw new SqlException("'" + text + "' is not a valid " + type);
    }

    /** The user's Java value of an internal value of a column of type {@code type}. */
    public static Object toJava(ColumnType type, Object v) {
        if (v == null) return null;
        switch (type.kind()) {
            case DATE: return LocalDate.ofEpochDay(((Number) v).longValue());
            case TIME: return LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L);
            case TIMESTAMP: return LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) v).longValue(), 1000L),
                    (int) Math.floorMod(((Number) v).longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
            case INTERVAL_DAY_TIME: return Duration.ofMillis(((Number) v).longValue());
            case INTERVAL_YEAR_MONTH: return Period.ofMonths(((Number) v).intValue()).normalized();
            default: return v;
        }
    }

    /** The text of an internal value as the CLI and {@code toString} show it; NULL is {@code NULL}. */
    public static String format(ColumnType type, Object v) {
        if (v == null) return "NULL";
        switch (type.kind()) {
            case DATE:
            case TIME:
                return toJava(type, v).toString();
            case TIMESTAMP: {
                LocalDateTime t = (LocalDateTime) toJava(type, v);
                String s = t.toLocalDate() + " " + t.toLocalTime();
                return t.getSecond() == 0 && t.getNano() == 0 ? s + ":00" : s;
            }
            case DECIMAL:
                return ((BigDecimal) v).toPlainString();
            case INTERVAL_DAY_TIME: {
                long ms = ((Number) v).longValue();
                return (ms / MILLIS_PER_DAY) + " days " + LocalTime.ofNanoOfDay(Math.abs(ms % MILLIS_PER_DAY) * 1_000_000L);
            }
            default:
                return v.toString();
        }
    }

    /** Rounds a decimal to the type's scale (half up) and checks that it fits the type's precision. */
    public static BigDecimal decimal(ColumnType type, BigDecimal d) {
        if (type.scale() != ColumnType.UNSPECIFIED && d.scale() != type.scale()) {
            d = d.setScale(type.scale(), RoundingMode.HALF_UP);
        }
        int scale = type.scale() == ColumnType.UNSPECIFIED ? 0 : type.scale();
        if (type.precision() != ColumnType.UNSPECIFIED && d.signum() != 0
                && d.precision() - d.scale() > type.precision() - scale) {
            throw new SqlException("numeric overflow: " + d.toPlainString() + " does not fit " + type);
        }
        return d;
    }

    private static String string(ColumnType type, String s) {
        if (type.precision() != ColumnType.UNSPECIFIED && s.length() > type.precision()) {
            throw new SqlException("value too long for " + type + ": '" + s + "' has " + s.length() + " characters");
        }
        return s;
    }

    private static long integer(Object v, long min, long max, ColumnType type) {
        BigInteger i;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long x = ((Number) v).longValue();
            if (x < min || x > max) throw new SqlException("integer out of range: " + x + " does not fit " + type);
            return x;
        }
        if (v instanceof BigDecimal d) {
            try {
                i = d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new SqlException("'" + d.toPlainString() + "' is not a valid " + type);
            }
        } else if (v instanceof BigInteger b) {
            i = b;
        } else {
            throw new SqlException("a " + v.getClass().getSimpleName() + " (" + v + ") is not a " + type);
        }
        if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new SqlException("integer out of range: " + i + " does not fit " + type);
        }
        return i.longValue();
    }

    private static BigDecimal toBigDecimal(Object v, ColumnType type) {
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) return new BigDecimal(b);
        if (v instanceof Double || v instanceof Float) return BigDecimal.valueOf(((Number) v).doubleValue());
        throw new SqlException("a " + v.getClass().getSimpleName() + " (" + v + ") is not a " + type);
    }
}
