package org.jdbsp.sql.compiler;

import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * Rewrites an aggregate that groups by constants only and computes nothing ({@code SELECT DISTINCT true FROM t})
 * as "the constants, if the input has a row": a count over the whole input, kept when positive. Subquery removal
 * writes such an aggregate for every {@code EXISTS} and {@code IN}, and {@code RelDecorrelator} drops constant
 * grouping keys, leaving an aggregate that groups by nothing and yields one row over an empty input (over an
 * empty table, {@code EXISTS} came out true). Applied before decorrelation. O(size of the plan).
 */
final class ConstantGroupKeys extends RelHomogeneousShuttle {
    private final RelBuilder builder;

    private ConstantGroupKeys(RelBuilder builder) {
        this.builder = builder;
    }

    static RelNode apply(RelNode rel, RelBuilder builder) {
        return rel.accept(new ConstantGroupKeys(builder));
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode rel = super.visit(other);
        if (!(rel instanceof LogicalAggregate agg) || agg.getGroupCount() == 0 || !agg.getAggCallList().isEmpty()
                || agg.getGroupType() != LogicalAggregate.Group.SIMPLE
                || !(agg.getInput() instanceof LogicalProject project)) {
            return rel;
        }
        List<RexNode> constants = new ArrayList<>();
        for (int key : agg.getGroupSet()) {
            RexNode e = project.getProjects().get(key);
            if (!(e instanceof RexLiteral)) return rel; // a key that is not constant keeps the groups
            constants.add(e);
        }
        builder.push(project.getInput())
                .aggregate(builder.groupKey(), builder.countStar("rows"))
                .filter(builder.call(SqlStdOperatorTable.GREATER_THAN, builder.field(0), builder.literal(0)))
                .project(constants, agg.getRowType().getFieldNames(), true);
        return builder.build();
    }
}
