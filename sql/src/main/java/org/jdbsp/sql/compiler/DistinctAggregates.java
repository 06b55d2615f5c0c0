package org.jdbsp.sql.compiler;

import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Rewrites a GROUP BY that mixes several aggregates, some of them {@code DISTINCT}, into one aggregate over a
 * union, as the hand-wired Nexmark q15 and q16 are built, instead of Calcite's expansion into one aggregate per
 * distinct argument joined back on the group (eight joins for q16's eight {@code COUNT(DISTINCT ...) FILTER}s).
 *
 * <p>The union holds the input's rows tagged 0 and, for each distinct aggregate {@code i}, the distinct
 * (group, arguments) of the rows its filter keeps, tagged {@code i}: each such combination once, with weight 1.
 * The aggregate over it reads its plain aggregates from the rows tagged 0 and each distinct one, now without
 * {@code DISTINCT}, from the rows of its own tag (a filter on the tag), so it sees each distinct value once. The
 * result is the same row type, and every group of the union is a group of the input (a distinct branch only
 * holds groups of input rows). Cost per input row: one lookup per distinct aggregate whose filter keeps the row,
 * in the state of its distinct, and the folds of one aggregate; state: the distinct combinations, one accumulator
 * per group. Plain aggregates other than COUNT, SUM, AVG, MIN and MAX, or calls with an ordering, are left to
 * Calcite's expansion.
 */
final class DistinctAggregates extends RelHomogeneousShuttle {
    private final RelBuilder builder;

    private DistinctAggregates(RelBuilder builder) {
        this.builder = builder;
    }

    static RelNode apply(RelNode rel, RelBuilder builder) {
        return rel.accept(new DistinctAggregates(builder));
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode rel = super.visit(other);
        return rel instanceof LogicalAggregate agg && handles(agg) ? rewrite(agg) : rel;
    }

    /** Whether {@code agg} is rewritten here: a plain GROUP BY with a distinct aggregate beside others. */
    static boolean handles(org.apache.calcite.rel.core.Aggregate agg) {
        if (!(agg instanceof LogicalAggregate) || agg.getGroupType() != LogicalAggregate.Group.SIMPLE) return false;
        List<AggregateCall> calls = agg.getAggCallList();
        int distinct = 0;
        for (AggregateCall c : calls) {
            if (!supported(c)) return false;
            if (c.isDistinct()) distinct++;
        }
        if (distinct == 0 || calls.size() < 2) return false;
        for (org.apache.calcite.rel.type.RelDataTypeField f : agg.getInput().getRowType().getFieldList()) {
            if (!hasPlaceholder(f.getType())) return false; // no value to stand in: Calcite's expansion does it
        }
        return true;
    }

    private static boolean supported(AggregateCall c) {
        SqlKind kind = c.getAggregation().getKind();
        boolean known = kind == SqlKind.COUNT || kind == SqlKind.SUM || kind == SqlKind.SUM0 || kind == SqlKind.AVG
                || kind == SqlKind.MIN || kind == SqlKind.MAX;
        return known && !c.isApproximate() && c.getCollation().getFieldCollations().isEmpty()
                && c.distinctKeys == null && c.rexList.isEmpty() && (!c.isDistinct() || !c.getArgList().isEmpty());
    }

    private RelNode rewrite(LogicalAggregate agg) {
        RelNode input = agg.getInput();
        RexBuilder rex = agg.getCluster().getRexBuilder();
        RelDataTypeFactory types = rex.getTypeFactory();
        ImmutableBitSet group = agg.getGroupSet();
        List<AggregateCall> calls = agg.getAggCallList();
        List<RelDataType> inputTypes = new ArrayList<>();
        input.getRowType().getFieldList().forEach(f -> inputTypes.add(f.getType()));
        int n = inputTypes.size();

        // the union's columns, of the input's types: the input's, the tag, then each distinct call's arguments. A
        // branch fills the columns it has no value for with a placeholder (NULL, or 0 or the like where NULL is
        // not allowed) that no aggregate reads: each reads only the rows of its tag.
        List<RelDataType> columns = new ArrayList<>(inputTypes);
        RelDataType tagType = types.createSqlType(SqlTypeName.INTEGER);
        int tag = n;
        columns.add(tagType);
        int[] argsAt = new int[calls.size()];
        for (int c = 0; c < calls.size(); c++) {
            argsAt[c] = -1;
            if (!calls.get(c).isDistinct()) continue;
            argsAt[c] = columns.size();
            for (int a : calls.get(c).getArgList()) columns.add(inputTypes.get(a));
        }
        List<RexNode> placeholders = new ArrayList<>();
        for (RelDataType type : columns) placeholders.add(placeholder(rex, type));

        // branch 0: the input's rows
        List<RexNode> plain = new ArrayList<>();
        for (int i = 0; i < n; i++) plain.add(rex.makeInputRef(input, i));
        plain.add(rex.makeExactLiteral(java.math.BigDecimal.ZERO, tagType));
        for (int i = n + 1; i < columns.size(); i++) plain.add(placeholders.get(i));
        builder.push(input).project(plain);
        int branches = 1;

        // one branch per distinct call: the distinct (group, arguments) of the rows its filter keeps
        for (int c = 0; c < calls.size(); c++) {
            AggregateCall call = calls.get(c);
            if (!call.isDistinct()) continue;
            builder.push(input);
            if (call.filterArg >= 0) {
                builder.filter(builder.call(SqlStdOperatorTable.IS_TRUE, builder.field(call.filterArg)));
            }
            ImmutableBitSet keys = group.union(ImmutableBitSet.of(call.getArgList()));
            builder.aggregate(builder.groupKey(keys));
            List<RexNode> row = new ArrayList<>();
            for (int i = 0; i < n; i++) row.add(group.get(i) ? builder.field(keys.indexOf(i)) : placeholders.get(i));
            row.add(rex.makeExactLiteral(java.math.BigDecimal.valueOf(branches), tagType));
            for (int d = 0; d < calls.size(); d++) {
                if (argsAt[d] < 0) continue;
                List<Integer> args = calls.get(d).getArgList();
                for (int k = 0; k < args.size(); k++) {
                    row.add(d == c ? builder.field(keys.indexOf(args.get(k))) : placeholders.get(argsAt[d] + k));
                }
            }
            builder.project(row);
            branches++;
        }
        builder.union(true, branches);

        // the filters: a plain call reads the rows tagged 0 (and its own filter), a distinct one its own tag
        int width = columns.size();
        List<RexNode> withFilters = new ArrayList<>(builder.fields());
        List<Call> rewritten = new ArrayList<>();
        int nextTag = 1;
        for (int c = 0; c < calls.size(); c++) {
            AggregateCall call = calls.get(c);
            RexNode isTag = builder.equals(builder.field(tag),
                    rex.makeExactLiteral(java.math.BigDecimal.valueOf(call.isDistinct() ? nextTag++ : 0), tagType));
            RexNode filter = !call.isDistinct() && call.filterArg >= 0
                    ? builder.and(isTag, builder.call(SqlStdOperatorTable.IS_TRUE, builder.field(call.filterArg)))
                    : isTag;
            withFilters.add(filter);
            List<Integer> args = call.getArgList();
            if (call.isDistinct()) {
                List<Integer> moved = new ArrayList<>();
                for (int k = 0; k < args.size(); k++) moved.add(argsAt[c] + k);
                args = moved;
            }
            rewritten.add(new Call(call, args, width + c));
        }
        builder.project(withFilters);
        List<RelBuilder.AggCall> aggCalls = new ArrayList<>();
        for (Call r : rewritten) {
            aggCalls.add(builder.aggregateCall(r.call.getAggregation(), builder.fields(r.args))
                    .filter(builder.field(r.filter)).ignoreNulls(r.call.ignoreNulls()).as(r.call.getName()));
        }
        builder.aggregate(builder.groupKey(group), aggCalls);
        // a call may now be typed nullable where it was not (its filter could reject every row of a group,
        // though no group lacks rows of tag 0): cast back to the aggregate's own row type
        List<RexNode> out = new ArrayList<>();
        List<org.apache.calcite.rel.type.RelDataTypeField> want = agg.getRowType().getFieldList();
        for (int i = 0; i < want.size(); i++) {
            RexNode f = builder.field(i);
            out.add(f.getType().equals(want.get(i).getType()) ? f
                    : rex.makeCast(want.get(i).getType(), f, true, false));
        }
        builder.project(out, agg.getRowType().getFieldNames());
        return builder.build();
    }

    /** An aggregate call of the rewritten aggregate: the original, its arguments in the union, its filter column. */
    private record Call(AggregateCall call, List<Integer> args, int filter) {
    }

    /** A placeholder value of {@code type} ({@link #hasPlaceholder}): NULL where allowed, else a zero of the type. */
    private static RexNode placeholder(RexBuilder rex, RelDataType type) {
        return type.isNullable() ? rex.makeNullLiteral(type) : rex.makeZeroLiteral(type);
    }

    /** Whether {@link #placeholder} has a value of {@code type}: NULL, or a zero for numbers, text, times. */
    private static boolean hasPlaceholder(RelDataType type) {
        if (type.isNullable()) return true;
        org.apache.calcite.sql.type.SqlTypeFamily family = type.getSqlTypeName().getFamily();
        if (family == null) return false;
        switch (family) {
            case NUMERIC: case CHARACTER: case BOOLEAN: case DATE: case TIME: case TIMESTAMP: case BINARY:
                return true;
            default:
                return false;
        }
    }
}
