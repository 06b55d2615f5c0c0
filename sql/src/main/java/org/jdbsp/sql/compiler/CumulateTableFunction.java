package org.jdbsp.sql.compiler;

import java.util.Collections;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Flink's {@code CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset])} window table function, which Calcite
 * lacks, for the validator: each row once per window that starts at its tumbling window of {@code size} and ends a
 * multiple of {@code step} later, past the row's time; {@code window_start} and {@code window_end} appended as for
 * TUMBLE and HOP. Lowered by {@link WindowTableFunctions}.
 */
final class CumulateTableFunction extends SqlWindowTableFunction {
    static final CumulateTableFunction INSTANCE = new CumulateTableFunction();

    private CumulateTableFunction() {
        super("CUMULATE", new Operands());
    }

    /** A table, a DESCRIPTOR of its time column, then two or three day-time intervals. */
    private static final class Operands implements SqlOperandMetadata {
        private static final List<String> NAMES = List.of(PARAM_DATA, PARAM_TIMECOL, "STEP", PARAM_SIZE, PARAM_OFFSET);

        @Override
        public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
            return Collections.nCopies(NAMES.size(), typeFactory.createSqlType(SqlTypeName.ANY));
        }

        @Override
        public List<String> paramNames() {
            return NAMES;
        }

        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            for (int i = 2; i < binding.getOperandCount(); i++) {
                if (binding.getOperandType(i).getSqlTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME) {
                    if (throwOnFailure) throw binding.newValidationSignatureError();
                    return false;
                }
            }
            return true;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.between(4, 5);
        }

        @Override
        public boolean isOptional(int i) {
            return i == 4;
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return opName + "(TABLE table_name, DESCRIPTOR(timecol), datetime interval, datetime interval"
                    + "[, datetime interval])";
        }
    }
}
