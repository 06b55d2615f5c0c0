package org.jdbsp.sql.compiler;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.jdbsp.sql.Column;
import org.jdbsp.sql.Schema;
import org.jdbsp.sql.runtime.RowClasses;

import java.lang.reflect.Type;

/**
 * The row shape ({@link RowClasses}) of a relation: one letter per column, a primitive where the column is NOT
 * NULL and its internal value is a Java primitive (the class Calcite's generated code computes it in), else L.
 * A table's shape from its schema equals the shape Calcite gives a scan of it. Internal.
 */
public final class Shapes {
    private Shapes() {
    }

    /** The shape of rows of Calcite type {@code rowType}. */
    static String of(RelDataType rowType, JavaTypeFactory typeFactory) {
        StringBuilder s = new StringBuilder(rowType.getFieldCount());
        for (RelDataTypeField f : rowType.getFieldList()) s.append(letter(f.getType(), typeFactory));
        return s.toString();
    }

    /** The shape letter of a value of Calcite type {@code type}. */
    static char letter(RelDataType type, JavaTypeFactory typeFactory) {
        Type t = typeFactory.getJavaClass(type);
        return t instanceof Class<?> c ? RowClasses.letter(c) : 'L';
    }

    /**
     * Whether a column of shape letter {@code letter} holds an integer as a primitive (TINYINT to BIGINT, and the
     * times held as numbers), which {@code getLong} reads without boxing: a key of one such column is a {@code long}.
     */
    static boolean integral(char letter) {
        return letter == 'B' || letter == 'S' || letter == 'I' || letter == 'J';
    }

    /** The shape of a table's rows. */
    public static String of(Schema schema) {
        StringBuilder s = new StringBuilder(schema.size());
        for (Column c : schema.columns()) s.append(c.nullable() ? 'L' : letter(c.type().kind()));
        return s.toString();
    }

    private static char letter(org.jdbsp.sql.ColumnType.Kind kind) {
        switch (kind) {
            case BOOLEAN: return 'Z';
            case TINYINT: return 'B';
            case SMALLINT: return 'S';
            case INTEGER:
            case DATE:
            case TIME:
            case INTERVAL_YEAR_MONTH:
                return 'I';
            case BIGINT:
            case TIMESTAMP:
            case INTERVAL_DAY_TIME:
                return 'J';
            case REAL: return 'F';
            case DOUBLE: return 'D';
            default: return 'L';
        }
    }
}
