package org.jdbsp.sql.compiler;

import java.util.Locale;
import org.jdbsp.sql.ColumnType;
import org.jdbsp.sql.ColumnType.Kind;
import org.jdbsp.sql.UnsupportedSqlException;

/**
 * The event-time clauses of {@code CREATE TABLE}: {@code WATERMARK FOR col AS col - INTERVAL ...} (Flink's form, as
 * in the standard Nexmark texts) and a column's {@code LATENESS INTERVAL ...} (Feldera's), each giving the table's
 * event-time column and its lateness. Internal to {@link DdlParser}.
 */
final class WatermarkDdl {
    private WatermarkDdl() {
    }

    /** A table's event-time column and how late its rows may come, as written. */
    record EventTime(String column, Lateness lateness, Tokens.Token at) {
    }

    /**
     * A lateness as written: an INTERVAL (for a TIMESTAMP column) or a plain number (for an integer column).
     *
     * @param millis the interval in milliseconds, or the number
     */
    record Lateness(long millis, Boolean interval, Tokens.Token at) {
        long millisFor(ColumnType type, String column, Tokens t) {
            Kind k = type.kind();
            boolean integer = k == Kind.TINYINT || k == Kind.SMALLINT || k == Kind.INTEGER || k == Kind.BIGINT;
            if (k != Kind.TIMESTAMP && !integer) {
                throw t.error(at, "the watermark's column " + column + " is " + type + ": event time is a TIMESTAMP"
                        + " or an integer column");
            }
            if (interval != null && interval != (k == Kind.TIMESTAMP)) {
                throw t.error(at, "the lateness of " + type + " column " + column + " must be "
                        + (interval ? "a number, not an INTERVAL" : "an INTERVAL, not a number"));
            }
            return millis;
        }
    }

    /**
     * {@code WATERMARK FOR col AS col [- lateness]}, the form of Flink's DDL and the standard Nexmark texts: the
     * expression must be the column itself less a constant.
     */
    static EventTime watermarkFor(Tokens t) {
        Tokens.Token at = t.next();
        t.expect("for");
        String col = t.identifier("a column name");
        t.expect("as");
        Tokens.Token exprAt = t.peek();
        String same = t.identifier("the watermark's expression");
        if (!same.equalsIgnoreCase(col)) {
            throw new UnsupportedSqlException(Positions.describe(t.source(), exprAt.offset())
                    + ": a watermark other than its column less a constant (" + same + ") is not supported");
        }
        if (t.accept("-")) return new EventTime(col, lateness(t), at);
        if (!t.peek().is(",") && !t.peek().is(")")) {
            Tokens.Token o = t.peek();
            throw new UnsupportedSqlException(Positions.describe(t.source(), o.offset())
                    + ": a watermark other than its column less a constant (at " + Tokens.describe(o)
                    + ") is not supported");
        }
        return new EventTime(col, new Lateness(0, null, at), at);
    }

    /**
     * A lateness: {@code INTERVAL 'n' unit} or {@code INTERVAL n unit} (unit one of DAY, HOUR, MINUTE, SECOND,
     * MILLISECOND, also plural; n may have a fraction down to a millisecond), or a plain non-negative integer.
     */
    static Lateness lateness(Tokens t) {
        Tokens.Token at = t.peek();
        if (at.type() == Tokens.Type.NUMBER) {
            t.next();
            try {
                long n = Long.parseLong(at.text());
                return new Lateness(n, false, at);
            } catch (NumberFormatException e) {
                throw t.error(at, "a lateness of an integer column is a whole number >= 0, got " + at.text());
            }
        }
        t.expect("interval");
        Tokens.Token value = t.next();
        if (value.type() != Tokens.Type.STRING && value.type() != Tokens.Type.NUMBER) {
            throw t.error(value, "expected the INTERVAL's value but found " + Tokens.describe(value));
        }
        Tokens.Token unitAt = t.next();
        long unit;
        switch (unitAt.type() == Tokens.Type.WORD ? unitAt.text() : "") {
            case "day": case "days": unit = 86_400_000L; break;
            case "hour": case "hours": unit = 3_600_000L; break;
            case "minute": case "minutes": unit = 60_000L; break;
            case "second": case "seconds": unit = 1_000L; break;
            case "millisecond": case "milliseconds": unit = 1L; break;
            default:
                throw new UnsupportedSqlException(Positions.describe(t.source(), unitAt.offset())
                        + ": an INTERVAL of unit " + Tokens.describe(unitAt) + " as a lateness is not supported"
                        + " (DAY, HOUR, MINUTE, SECOND or MILLISECOND)");
        }
        java.math.BigDecimal ms;
        try {
            ms = new java.math.BigDecimal(value.text().trim()).multiply(java.math.BigDecimal.valueOf(unit));
        } catch (NumberFormatException e) {
            throw t.error(value, "the INTERVAL's value '" + value.text() + "' is not a number");
        }
        if (ms.signum() < 0) throw t.error(value, "a lateness must not be negative, got " + value.text());
        try {
            return new Lateness(ms.longValueExact(), true, at);
        } catch (ArithmeticException e) {
            throw t.error(value, "a lateness is a whole number of milliseconds below 2^63, got " + value.text() + " "
                    + unitAt.text().toUpperCase(Locale.ROOT));
        }
    }
}
