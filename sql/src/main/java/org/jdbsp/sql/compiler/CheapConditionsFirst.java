package org.jdbsp.sql.compiler;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the cheap operands of each {@code AND} and {@code OR} in a program's condition before the costly ones, so
 * that the generated code's short-circuit skips a costly operand whenever a cheap one decides: Nexmark q21's
 * {@code REGEXP_EXTRACT(url, ...) IS NOT NULL OR LOWER(channel) IN (...)} then matches no expression on the rows
 * the channel admits. (Calcite's code computes an operand that may be NULL before the {@code AND}/{@code OR}, so
 * only NOT NULL operands are ever skipped.) Cheap: comparisons, {@code IS [NOT] NULL}, {@code SEARCH} ranges, {@code NOT}, {@code AND},
 * {@code OR}, {@code LOWER} and {@code UPPER} over columns and literals; none of them can fail. SQL leaves the order
 * of evaluation open and its {@code AND}/{@code OR} are commutative (NULLs included); moving an operand that cannot
 * fail ahead never makes a row fail, it may only spare a costly operand's work (and its error, which SQL allows).
 * Relative order within each kind is kept. O(size of the condition), once per program.
 */
final class CheapConditionsFirst extends RexShuttle {
    private static final Set<SqlKind> CHEAP = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
            SqlKind.GREATER_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_NULL,
            SqlKind.IS_NOT_NULL, SqlKind.IS_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_TRUE, SqlKind.IS_NOT_FALSE,
            SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.NOT, SqlKind.AND, SqlKind.OR,
            SqlKind.SEARCH);

    private final RexBuilder rexBuilder;

    private CheapConditionsFirst(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    /** {@code program} with its condition's operands reordered, or {@code program} itself when none moves. */
    static RexProgram apply(RexProgram program, JavaTypeFactory typeFactory) {
        if (program.getCondition() == null) return program;
        RexBuilder rexBuilder = new RexBuilder(typeFactory);
        RexNode condition = program.expandLocalRef(program.getCondition());
        RexNode reordered = condition.accept(new CheapConditionsFirst(rexBuilder));
        if (reordered == condition) return program;
        List<RexNode> projects = new ArrayList<>();
        for (RexLocalRef ref : program.getProjectList()) projects.add(program.expandLocalRef(ref));
        return RexProgram.create(program.getInputRowType(), projects, reordered,
                program.getOutputRowType().getFieldNames(), rexBuilder);
    }

    @Override
    public RexNode visitCall(RexCall call) {
        RexNode visited = super.visitCall(call);
        if (!(visited instanceof RexCall c) || (c.getKind() != SqlKind.AND && c.getKind() != SqlKind.OR)) {
            return visited;
        }
        List<RexNode> cheap = new ArrayList<>();
        List<RexNode> costly = new ArrayList<>();
        boolean moves = false;
        for (RexNode operand : c.getOperands()) {
            if (isCheap(operand)) {
                moves |= !costly.isEmpty();
                cheap.add(operand);
            } else {
                costly.add(operand);
            }
        }
        if (!moves) return visited;
        cheap.addAll(costly);
        return rexBuilder.makeCall(c.getType(), c.getOperator(), cheap);
    }

    /** Whether {@code e} is made only of columns, literals and calls that are cheap and cannot fail. */
    static boolean isCheap(RexNode e) {
        if (e instanceof RexInputRef || e instanceof RexLiteral) return true;
        if (!(e instanceof RexCall call)) return false;
        boolean cheapCall = CHEAP.contains(call.getKind()) || call.getOperator() == SqlStdOperatorTable.LOWER
                || call.getOperator() == SqlStdOperatorTable.UPPER;
        if (!cheapCall) return false;
        for (RexNode operand : call.getOperands()) {
            if (!isCheap(operand)) return false;
        }
        return true;
    }
}
