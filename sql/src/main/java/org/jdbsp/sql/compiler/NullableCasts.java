package org.jdbsp.sql.compiler;

import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.jdbsp.sql.runtime.TextCounts;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes every input column nullable (but those known to hold no NULL), and every {@code CAST} of a nullable value to a NOT NULL type nullable, re-deriving the types of the calls
 * above it. Calcite's simplifier writes such casts (it turns {@code COALESCE(x, 7) <= 3} into
 * {@code CAST(x AS INTEGER NOT NULL) <= 3}, relying on the filter to reject a NULL), and its code generator then
 * reads a NULL as 0: a row whose condition is NULL would pass. Trusting no NOT NULL that Calcite derived for a
 * nullable input keeps SQL's NULL rules. O(size of the program).
 */
final class NullableCasts extends RexShuttle {
    private final RexBuilder rexBuilder;
    private final org.apache.calcite.rel.type.RelDataType inputRowType;

    private NullableCasts(RexBuilder rexBuilder, org.apache.calcite.rel.type.RelDataType inputRowType) {
        this.rexBuilder = rexBuilder;
        this.inputRowType = inputRowType;
    }

    /**
     * @param notNull per input column, whether it is known to hold no NULL (a table's NOT NULL column read
     *                through operators that pass values on unchanged and pad nothing); null: none is
     */
    static RexProgram apply(RexProgram program, JavaTypeFactory typeFactory, boolean[] notNull) {
        RexBuilder rexBuilder = new RexBuilder(typeFactory);
        // every other input column is read as nullable: Calcite derives NOT NULL for columns that an operator
        // below (an outer join's padding after its rewrites) fills with NULL, and its generated code would read
        // them as primitives
        org.apache.calcite.rel.type.RelDataType inputRowType = nullableFields(typeFactory, program.getInputRowType(),
                notNull);
        NullableCasts shuttle = new NullableCasts(rexBuilder, inputRowType);
        List<RexNode> projects = new ArrayList<>();
        boolean changed = false;
        for (RexLocalRef ref : program.getProjectList()) {
            RexNode e = program.expandLocalRef(ref);
            RexNode f = e.accept(shuttle);
            changed |= f != e;
            projects.add(f);
        }
        RexNode condition = null;
        if (program.getCondition() != null) {
            RexNode e = program.expandLocalRef(program.getCondition());
            condition = e.accept(shuttle);
            changed |= condition != e;
        }
        if (!changed && inputRowType.equals(program.getInputRowType())) return program;
        return RexProgram.create(inputRowType, projects, condition,
                program.getOutputRowType().getFieldNames(), rexBuilder);
    }

    /**
     * {@code MOD} of two integers of different widths with both operands cast to the wider type, and the result
     * cast back to the call's type (it fits: the remainder is smaller than the divisor): Calcite's code generator
     * computes a mixed-width {@code MOD} in {@code BigDecimal}, allocating several per row. Null otherwise.
     */
    private RexNode integerMod(RexCall call, List<RexNode> operands) {
        if (call.getKind() != SqlKind.MOD || operands.size() != 2) return null;
        org.apache.calcite.sql.type.SqlTypeName a = operands.get(0).getType().getSqlTypeName();
        org.apache.calcite.sql.type.SqlTypeName b = operands.get(1).getType().getSqlTypeName();
        if (a == b || !INTEGERS.contains(a) || !INTEGERS.contains(b)) return null;
        org.apache.calcite.sql.type.SqlTypeName wide = INTEGERS.indexOf(a) > INTEGERS.indexOf(b) ? a : b;
        var types = rexBuilder.getTypeFactory();
        List<RexNode> cast = new ArrayList<>();
        for (RexNode o : operands) {
            cast.add(rexBuilder.makeCast(types.createTypeWithNullability(types.createSqlType(wide),
                    o.getType().isNullable()), o, true, false));
        }
        RexNode wideMod = rexBuilder.makeCall(call.getParserPosition(), call.getOperator(), cast);
        return rexBuilder.makeCast(types.createTypeWithNullability(call.getType(), wideMod.getType().isNullable()),
                wideMod, true, false);
    }

    /**
     * In an arithmetic operation or comparison of two integers of different widths where the narrower operand is
     * a literal, makes the literal of the wider type (in {@code operands}, in place): Calcite's code generator
     * would otherwise convert it at every row through {@code Primitive.numberValueRoundDown}, boxing it. The
     * value is the same, so the call's type and result are too. Returns whether it changed an operand.
     */
    private boolean widenLiteral(RexCall call, List<RexNode> operands) {
        if (operands.size() != 2 || !(call.getKind().belongsTo(SqlKind.BINARY_ARITHMETIC)
                || call.getKind().belongsTo(SqlKind.BINARY_COMPARISON) || call.getKind() == SqlKind.MOD)) {
            return false;
        }
        org.apache.calcite.sql.type.SqlTypeName a = operands.get(0).getType().getSqlTypeName();
        org.apache.calcite.sql.type.SqlTypeName b = operands.get(1).getType().getSqlTypeName();
        if (a == b || !INTEGERS.contains(a) || !INTEGERS.contains(b)) return false;
        int narrow = INTEGERS.indexOf(a) < INTEGERS.indexOf(b) ? 0 : 1;
        if (!(operands.get(narrow) instanceof org.apache.calcite.rex.RexLiteral lit) || lit.isNull()) return false;
        java.math.BigDecimal value = lit.getValueAs(java.math.BigDecimal.class);
        if (value == null) return false;
        var wide = rexBuilder.getTypeFactory().createTypeWithNullability(operands.get(1 - narrow).getType(), false);
        operands.set(narrow, rexBuilder.makeExactLiteral(value, wide));
        return true;
    }

    private static final List<org.apache.calcite.sql.type.SqlTypeName> INTEGERS = List.of(
            org.apache.calcite.sql.type.SqlTypeName.TINYINT, org.apache.calcite.sql.type.SqlTypeName.SMALLINT,
            org.apache.calcite.sql.type.SqlTypeName.INTEGER, org.apache.calcite.sql.type.SqlTypeName.BIGINT);

    private static org.apache.calcite.rel.type.RelDataType nullableFields(JavaTypeFactory f,
            org.apache.calcite.rel.type.RelDataType row, boolean[] notNull) {
        List<org.apache.calcite.rel.type.RelDataType> types = new ArrayList<>();
        for (var field : row.getFieldList()) {
            boolean keep = notNull != null && notNull[field.getIndex()];
            types.add(keep ? field.getType() : f.createTypeWithNullability(field.getType(), true));
        }
        return f.createStructType(types, row.getFieldNames());
    }

    /** A reference typed NOT NULL to an input column that may hold NULL reads it as nullable. */
    @Override
    public RexNode visitInputRef(org.apache.calcite.rex.RexInputRef ref) {
        org.apache.calcite.rel.type.RelDataType field = inputRowType.getFieldList().get(ref.getIndex()).getType();
        if (field.isNullable() && !ref.getType().isNullable()) {
            return new org.apache.calcite.rex.RexInputRef(ref.getIndex(), field);
        }
        return ref;
    }

    /** {@code CHAR_LENGTH(REPLACE(s, t, ''))} computed from {@code s} without the copy ({@link TextCounts}). */
    private static final SqlUserDefinedFunction LENGTH_WITHOUT = new SqlUserDefinedFunction(
            new SqlIdentifier("LENGTH_WITHOUT", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            ReturnTypes.INTEGER_NULLABLE, null, null, ScalarFunctionImpl.create(TextCounts.class, "lengthWithout"));

    /**
     * {@code CHAR_LENGTH(REPLACE(s, t, ''))} with {@code t} a literal that is not empty, as a call of
     * {@link TextCounts#lengthWithout}: the same number (the length less the occurrences of {@code t} that
     * {@code REPLACE} removes), without making the string {@code REPLACE} returns. Null for any other call.
     */
    private RexNode lengthWithout(RexCall call, List<RexNode> operands) {
        if (call.getOperator() != SqlStdOperatorTable.CHAR_LENGTH
                && call.getOperator() != SqlStdOperatorTable.CHARACTER_LENGTH) {
            return null;
        }
        if (!(operands.get(0) instanceof RexCall replace) || replace.getOperator() != SqlStdOperatorTable.REPLACE
                || !(replace.operands.get(1) instanceof RexLiteral t)
                || !(replace.operands.get(2) instanceof RexLiteral r)) {
            return null;
        }
        String text = t.getValueAs(String.class);
        String with = r.getValueAs(String.class);
        if (text == null || text.isEmpty() || with == null || !with.isEmpty()) return null;
        return rexBuilder.makeCall(call.getType(), LENGTH_WITHOUT, List.of(replace.operands.get(0), t));
    }

    @Override
    public RexNode visitCall(RexCall call) {
        boolean[] update = {false};
        List<RexNode> operands = new ArrayList<>(visitList(call.operands, update));
        RexNode counted = lengthWithout(call, operands);
        if (counted != null) return counted;
        RexNode onColumn = DecimalRanges.onColumn(call, operands, rexBuilder);
        if (onColumn != null) return onColumn;
        if (widenLiteral(call, operands)) update[0] = true;
        RexNode mod = integerMod(call, operands);
        if (mod != null) return mod;
        if (call.getKind() == SqlKind.CAST && !call.getType().isNullable() && operands.get(0).getType().isNullable()) {
            return rexBuilder.makeCast(rexBuilder.getTypeFactory().createTypeWithNullability(call.getType(), true),
                    operands.get(0), true, false);
        }
        if (!update[0]) return call;
        boolean nullabilityChanged = false;
        for (int i = 0; i < operands.size(); i++) {
            nullabilityChanged |= operands.get(i).getType().isNullable() != call.operands.get(i).getType().isNullable();
        }
        if (!nullabilityChanged) return call.clone(call.getType(), operands);
        try {
            return rexBuilder.makeCall(call.getParserPosition(), call.getOperator(), operands);
        } catch (RuntimeException e) {
            return call.clone(rexBuilder.getTypeFactory().createTypeWithNullability(call.getType(), true), operands);
        }
    }
}
