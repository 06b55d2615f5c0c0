package org.jdbsp.sql;

import java.util.Objects;

/**
 * The SQL type of a column: a kind with its precision and scale where the kind has them ({@code DECIMAL(10,2)},
 * {@code VARCHAR(20)}). Nullability is a property of the {@link Column}, not of the type. Immutable.
 */
public final class ColumnType {
    /** The kinds of SQL type jdbsp stores. */
    public enum Kind {
        BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, CHAR, VARCHAR, DATE, TIME, TIMESTAMP,
        /** An interval of days, hours, minutes, seconds: held as milliseconds. */
        INTERVAL_DAY_TIME,
        /** An interval of years and months: held as months. */
        INTERVAL_YEAR_MONTH,
        /** The type of an untyped {@code NULL} literal. */
        NULL
    }

    /** Precision or scale that a kind does not have. */
    public static final int UNSPECIFIED = -1;

    private final Kind kind;
    private final int precision;
    private final int scale;

    private ColumnType(Kind kind, int precision, int scale) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.precision = precision;
        this.scale = scale;
    }

    /** A type without precision or scale. */
    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, UNSPECIFIED, UNSPECIFIED);
    }

    /** A type with a precision (the length of {@code CHAR}/{@code VARCHAR}, the digits of {@code DECIMAL}). */
    public static ColumnType of(Kind kind, int precision) {
        return new ColumnType(kind, precision, UNSPECIFIED);
    }

    /** {@code DECIMAL(precision, scale)}. */
    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    public Kind kind() {
        return kind;
    }

    /** The precision, or {@link #UNSPECIFIED}. */
    public int precision() {
        return precision;
    }

    /** The scale, or {@link #UNSPECIFIED}. */
    public int scale() {
        return scale;
    }

    /** True for TINYINT, SMALLINT, INTEGER and BIGINT. */
    public boolean isInteger() {
        return kind == Kind.TINYINT || kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT;
    }

    /** True for the integer kinds, DECIMAL, REAL and DOUBLE. */
    public boolean isNumeric() {
        return isInteger() || kind == Kind.DECIMAL || kind == Kind.REAL || kind == Kind.DOUBLE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnType t && t.kind == kind && t.precision == precision && t.scale == scale;
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + precision) * 31 + scale;
    }

    /** The SQL spelling, such as {@code DECIMAL(10,2)} or {@code INTERVAL DAY TO SECOND}. */
    @Override
    public String toString() {
        switch (kind) {
            case INTERVAL_DAY_TIME: return "INTERVAL DAY TO SECOND";
            case INTERVAL_YEAR_MONTH: return "INTERVAL YEAR TO MONTH";
            case DECIMAL:
                if (precision == UNSPECIFIED) return "DECIMAL";
                return scale == UNSPECIFIED ? "DECIMAL(" + precision + ")" : "DECIMAL(" + precision + "," + scale + ")";
            case CHAR:
            case VARCHAR:
                return precision == UNSPECIFIED ? kind.name() : kind.name() + "(" + precision + ")";
            default:
                return kind.name();
        }
    }
}
