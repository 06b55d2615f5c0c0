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
 * <p>The union holds the input's rows tagged 0 and, for each list of arguments of distinct aggregates, the
 * distinct (group, arguments) of the input's rows, tagged with the list's number: each such combination once,
 * with weight 1, and a flag per distinct aggregate of those arguments, set when a row its filter keeps has them
 * (a count per filter kept by the grouping; one aggregate alone filters the rows and keeps no counts). The
 * aggregate over the union reads its plain aggregates from the rows tagged 0 and each distinct one, now without
 * {@code DISTINCT}, from the rows of its tag whose flag it has, so it sees each distinct value once. The result is
 * the same row type, and every group of the union is a group of the input (a distinct branch only holds groups of
 * input rows). Cost per input row: one lookup per list of distinct arguments (Nexmark q16's eight
 * {@code COUNT(DISTINCT ...) FILTER}s over two columns take two), and the folds of one aggregate; a combination's
 * row moves on only when a flag changes. State: the distinct combinations with their counts, one accumulator
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

        // the union's columns, of the input's types: the input's, the tag, then each distinct call's arguments,
        // then each distinct call's flag (BOOLEAN NOT NULL: the row counts for that call). A branch fills the
        // columns it has no value for with a placeholder (NULL, or 0 or the like where NULL is not allowed, FALSE
        // for a flag) that no aggregate reads: each reads only the rows of its tag whose flag is set.
        List<RelDataType> columns = new ArrayList<>(inputTypes);
        RelDataType tagType = types.createSqlType(SqlTypeName.INTEGER);
        RelDataType flagType = types.createSqlType(SqlTypeName.BOOLEAN);
        int tag = n;
        columns.add(tagType);
        int[] argsAt = new int[calls.size()];
        for (int c = 0; c < calls.size(); c++) {
            argsAt[c] = -1;
            if (!calls.get(c).isDistinct()) continue;
            argsAt[c] = columns.size();
            for (int a : calls.get(c).getArgList()) columns.add(inputTypes.get(a));
        }
        int[] flagAt = new int[calls.size()];
        for (int c = 0; c < calls.size(); c++) {
            flagAt[c] = -1;
            if (!calls.get(c).isDistinct()) continue;
            flagAt[c] = columns.size();
            columns.add(flagType);
        }
        List<RexNode> placeholders = new ArrayList<>();
        for (RelDataType type : columns) placeholders.add(placeholder(rex, type));

        // branch 0: the input's rows, with only the columns the group and the plain calls read (their arguments and
        // filters); the others hold placeholders, so that rows equal in what is read merge into one with their
        // count as its weight (q16: a step's bids of a hot channel in one minute and price rank)
        boolean[] read = new boolean[n];
        for (int g : group) read[g] = true;
        for (AggregateCall call : calls) {
            if (call.isDistinct()) continue;
            for (int a : call.getArgList()) read[a] = true;
            if (call.filterArg >= 0) read[call.filterArg] = true;
        }
        List<RexNode> plain = new ArrayList<>();
        for (int i = 0; i < n; i++) plain.add(read[i] ? rex.makeInputRef(input, i) : placeholders.get(i));
        plain.add(rex.makeExactLiteral(java.math.BigDecimal.ZERO, tagType));
        for (int i = n + 1; i < columns.size(); i++) plain.add(placeholders.get(i));
        builder.push(input).project(plain);
        int branches = 1;

        // one branch per distinct argument list: the distinct (group, arguments) of the rows, each with a flag per
        // distinct call of those arguments saying whether a row its filter keeps has them. Calls of the same
        // arguments under several filters (q16's four COUNT(DISTINCT bidder)s) share one grouping: one lookup per
        // row instead of one per call; a row's flags change rarely, and its count changes cancel out.
        int[] tagOf = new int[calls.size()];
        for (int c = 0; c < calls.size(); c++) {
            AggregateCall call = calls.get(c);
            if (!call.isDistinct() || tagOf[c] != 0) continue;
            List<Integer> sameArgs = new ArrayList<>();
            for (int d = c; d < calls.size(); d++) {
                if (calls.get(d).isDistinct() && tagOf[d] == 0 && calls.get(d).getArgList().equals(call.getArgList())) {
                    sameArgs.add(d);
                    tagOf[d] = branches;
                }
            }
            ImmutableBitSet keys = group.union(ImmutableBitSet.of(call.getArgList()));
            builder.push(input);
            List<RexNode> flags = new ArrayList<>();
            if (sameArgs.size() == 1) {
                if (call.filterArg >= 0) {
                    builder.filter(builder.call(SqlStdOperatorTable.IS_TRUE, builder.field(call.filterArg)));
                }
                builder.aggregate(builder.groupKey(keys));
                flags.add(rex.makeLiteral(true));
            } else {
                List<RexNode> withFilters = new ArrayList<>(builder.fields());
                for (int d : sameArgs) {
                    if (calls.get(d).filterArg >= 0) {
                        withFilters.add(builder.call(SqlStdOperatorTable.IS_TRUE,
                                builder.field(calls.get(d).filterArg)));
                    }
                }
                builder.project(withFilters);
                List<RelBuilder.AggCall> counts = new ArrayList<>();
                int filterAt = n;
                for (int d : sameArgs) {
                    RelBuilder.AggCall count = builder.countStar("f" + d);
                    counts.add(calls.get(d).filterArg >= 0 ? count.filter(builder.field(filterAt++)) : count);
                }
                builder.aggregate(builder.groupKey(keys), counts);
                for (int k = 0; k < sameArgs.size(); k++) {
                    flags.add(builder.call(SqlStdOperatorTable.GREATER_THAN, builder.field(keys.cardinality() + k),
                            builder.literal(0)));
                }
            }
            List<RexNode> row = new ArrayList<>();
            for (int i = 0; i < n; i++) row.add(group.get(i) ? builder.field(keys.indexOf(i)) : placeholders.get(i));
            row.add(rex.makeExactLiteral(java.math.BigDecimal.valueOf(branches), tagType));
            for (int d = 0; d < calls.size(); d++) {
                if (argsAt[d] < 0) continue;
                List<Integer> args = calls.get(d).getArgList();
                for (int k = 0; k < args.size(); k++) {
                    row.add(sameArgs.contains(d) ? builder.field(keys.indexOf(args.get(k)))
                            : placeholders.get(argsAt[d] + k));
                }
            }
            for (int d = 0; d < calls.size(); d++) {
                if (flagAt[d] < 0) continue;
                int k = sameArgs.indexOf(d);
                row.add(k >= 0 ? flags.get(k) : placeholders.get(flagAt[d]));
            }
            builder.project(row);
            branches++;
        }
        builder.union(true, branches);

        // the filters: a plain call reads the rows tagged 0 (and its own filter), a distinct one its own tag
        int width = columns.size();
        List<RexNode> withFilters = new ArrayList<>(builder.fields());
        List<Call> rewritten = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            AggregateCall call = calls.get(c);
            RexNode isTag = builder.equals(builder.field(tag),
                    rex.makeExactLiteral(java.math.BigDecimal.valueOf(call.isDistinct() ? tagOf[c] : 0), tagType));
            RexNode filter = call.isDistinct() ? builder.and(isTag, builder.field(flagAt[c]))
                    : call.filterArg >= 0
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
