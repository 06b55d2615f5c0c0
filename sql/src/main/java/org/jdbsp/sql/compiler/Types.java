package org.jdbsp.sql.compiler;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.jdbsp.sql.Column;
import org.jdbsp.sql.ColumnType;
import org.jdbsp.sql.ColumnType.Kind;
import org.jdbsp.sql.Schema;
import org.jdbsp.sql.UnsupportedSqlException;

import java.util.ArrayList;
import java.util.List;

/** Conversions between jdbsp's {@link ColumnType} and Calcite's {@link RelDataType}. Internal. */
final class Types {
    private Types() {
    }

    static RelDataType rowType(RelDataTypeFactory f, Schema s) {
        List<RelDataType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Column c : s.columns()) {
            types.add(f.createTypeWithNullability(relType(f, c.type()), c.nullable()));
            names.add(c.name());
        }
        return f.createStructType(types, names);
    }

    static RelDataType relType(RelDataTypeFactory f, ColumnType t) {
        switch (t.kind()) {
            case BOOLEAN: return f.createSqlType(SqlTypeName.BOOLEAN);
            case TINYINT: return f.createSqlType(SqlTypeName.TINYINT);
            case SMALLINT: return f.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER: return f.createSqlType(SqlTypeName.INTEGER);
            case BIGINT: return f.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL: return f.createSqlType(SqlTypeName.DECIMAL, t.precision(), Math.max(0, t.scale()));
            case REAL: return f.createSqlType(SqlTypeName.REAL);
            case DOUBLE: return f.createSqlType(SqlTypeName.DOUBLE);
            case CHAR: return f.createSqlType(SqlTypeName.CHAR, t.precision());
            case VARCHAR:
                return t.precision() == ColumnType.UNSPECIFIED ? f.createSqlType(SqlTypeName.VARCHAR)
                        : f.createSqlType(SqlTypeName.VARCHAR, t.precision());
            case DATE: return f.createSqlType(SqlTypeName.DATE);
            case TIME: return f.createSqlType(SqlTypeName.TIME);
            case TIMESTAMP: return f.createSqlType(SqlTypeName.TIMESTAMP);
            case INTERVAL_DAY_TIME:
                return f.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND,
                        SqlParserPos.ZERO));
            case INTERVAL_YEAR_MONTH:
                return f.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.YEAR, TimeUnit.MONTH,
                        SqlParserPos.ZERO));
            case NULL: return f.createSqlType(SqlTypeName.NULL);
            default: throw new IllegalArgumentException(t.toString());
        }
    }

    static ColumnType columnType(RelDataType t) {
        SqlTypeName n = t.getSqlTypeName();
        switch (n) {
            case BOOLEAN: return ColumnType.of(Kind.BOOLEAN);
            case TINYINT: return ColumnType.of(Kind.TINYINT);
            case SMALLINT: return ColumnType.of(Kind.SMALLINT);
            case INTEGER: return ColumnType.of(Kind.INTEGER);
            case BIGINT: return ColumnType.of(Kind.BIGINT);
            case DECIMAL: return ColumnType.decimal(t.getPrecision(), t.getScale());
            case REAL:
            case FLOAT: return ColumnType.of(n == SqlTypeName.REAL ? Kind.REAL : Kind.DOUBLE);
            case DOUBLE: return ColumnType.of(Kind.DOUBLE);
            case CHAR: return ColumnType.of(Kind.CHAR, t.getPrecision());
            case VARCHAR:
                return t.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED || t.getPrecision() >= 65536
                        ? ColumnType.of(Kind.VARCHAR) : ColumnType.of(Kind.VARCHAR, t.getPrecision());
            case DATE: return ColumnType.of(Kind.DATE);
            case TIME: return ColumnType.of(Kind.TIME);
            case TIMESTAMP: return ColumnType.of(Kind.TIMESTAMP);
            case NULL: return ColumnType.of(Kind.NULL);
            default:
                if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(n)) return ColumnType.of(Kind.INTERVAL_YEAR_MONTH);
                if (SqlTypeName.DAY_INTERVAL_TYPES.contains(n)) return ColumnType.of(Kind.INTERVAL_DAY_TIME);
                throw new UnsupportedSqlException("a result of type " + t.getFullTypeString() + " is not supported");
        }
    }
}
