package org.jdbsp.sql.compiler;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Makes a {@code CAST} of a DECIMAL with decimals to an integer type round, half away from zero, as PostgreSQL
 * does ({@code CAST(7.99 AS INTEGER)} is 8); Calcite truncates. Applied to the whole plan before constant
 * folding, so that constants and columns agree. O(size of the plan).
 */
final class RoundingCasts extends RelHomogeneousShuttle {
    private final RexShuttle rex;

    private RoundingCasts(RexBuilder rexBuilder) {
        this.rex = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                RexCall c = (RexCall) super.visitCall(call);
                if (c.getKind() == SqlKind.CAST && SqlTypeName.INT_TYPES.contains(c.getType().getSqlTypeName())) {
                    RexNode arg = c.getOperands().get(0);
                    if (arg.getType().getSqlTypeName() == SqlTypeName.DECIMAL && arg.getType().getScale() > 0) {
                        return rexBuilder.makeCast(c.getType(), rexBuilder.makeCall(SqlStdOperatorTable.ROUND, arg),
                                true, false);
                    }
                }
                return c;
            }
        };
    }

    static RelNode apply(RelNode rel) {
        return rel.accept(new RoundingCasts(rel.getCluster().getRexBuilder()));
    }

    @Override
    public RelNode visit(RelNode other) {
        return super.visit(other).accept(rex);
    }
}
