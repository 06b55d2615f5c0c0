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
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Takes the constants an aggregate groups by out of its grouping, before {@code RelDecorrelator} runs: the
 * decorrelator drops constant grouping keys itself, and gets two cases wrong. With every key constant and nothing
 * computed ({@code SELECT DISTINCT true FROM t}, which subquery removal writes for every {@code EXISTS} and
 * {@code IN}) it leaves an aggregate that groups by nothing and yields a row over an empty input (over an empty
 * table {@code EXISTS} came out true); this is rewritten as "the constants, if the input has a row": a count over
 * the input, kept when positive. With some keys constant, putting them back failed with an
 * {@code IndexOutOfBoundsException}; here the aggregate groups by the other keys and a projection adds the
 * constants. O(size of the plan).
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
        if (!(rel instanceof LogicalAggregate agg) || agg.getGroupCount() == 0
                || agg.getGroupType() != LogicalAggregate.Group.SIMPLE
                || !(agg.getInput() instanceof LogicalProject project)) {
            return rel;
        }
        ImmutableBitSet.Builder kept = ImmutableBitSet.builder();
        boolean anyConstant = false;
        for (int key : agg.getGroupSet()) {
            if (project.getProjects().get(key) instanceof RexLiteral) anyConstant = true;
            else kept.set(key);
        }
        ImmutableBitSet keptKeys = kept.build();
        if (!anyConstant || (keptKeys.isEmpty() && !agg.getAggCallList().isEmpty())) return rel;
        List<String> names = agg.getRowType().getFieldNames();
        if (keptKeys.isEmpty()) {
            List<RexNode> constants = new ArrayList<>();
            for (int key : agg.getGroupSet()) constants.add(project.getProjects().get(key));
            builder.push(project.getInput())
                    .aggregate(builder.groupKey(), builder.countStar("rows"))
                    .filter(builder.call(SqlStdOperatorTable.GREATER_THAN, builder.field(0), builder.literal(0)))
                    .project(constants, names, true);
            return builder.build();
        }
        builder.push(project).aggregate(builder.groupKey(keptKeys), agg.getAggCallList());
        List<RexNode> out = new ArrayList<>();
        int field = 0;
        for (int key : agg.getGroupSet()) {
            RexNode e = project.getProjects().get(key);
            out.add(e instanceof RexLiteral ? e : builder.field(field++));
        }
        for (int i = 0; i < agg.getAggCallList().size(); i++) out.add(builder.field(field++));
        builder.project(out, names, true);
        return builder.build();
    }
}
