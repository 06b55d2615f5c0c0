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
 * <p>The union holds the input's rows and, for each list of arguments of distinct aggregates, the distinct
 * (group, arguments) of the input's rows: each such combination once, with weight 1, and a flag per distinct
 * aggregate of those arguments, set when a row its filter keeps has them (a count per filter kept by the grouping;
 * one aggregate alone filters the rows and keeps no counts). Its columns are the group's, the values the
 * aggregates read, and one flag per aggregate: an input row's flag of a plain aggregate is its filter (TRUE
 * without one), and every other flag of a row is FALSE. The aggregate over the union reads each call, now without
 * {@code DISTINCT}, from the rows its flag keeps, so a distinct one sees each distinct value once. The result is
 * the same row type, and every group of the union is a group of the input (a distinct branch only holds groups of
 * input rows). Cost per input row: one lookup per list of distinct arguments (Nexmark q16's eight
 * {@code COUNT(DISTINCT ...) FILTER}s over two columns take two), and the folds of one aggregate; a combination's
 * row moves on only when a flag changes, and no row is projected between the union and the aggregate. State: the
 * distinct combinations with their counts, one accumulator per group. Plain aggregates other than COUNT, SUM, AVG,
 * MIN and MAX, or calls with an ordering, are left to Calcite's expansion.
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

        // the branches: 0 for the plain calls, then one per list of distinct arguments; calls of the same
        // arguments under several filters (q16's four COUNT(DISTINCT bidder)s) share one grouping: one lookup per
        // row instead of one per call
        int[] branchOf = new int[calls.size()];
        List<List<Integer>> branchCalls = new ArrayList<>();
        branchCalls.add(new ArrayList<>());
        for (int c = 0; c < calls.size(); c++) {
            AggregateCall call = calls.get(c);
            if (!call.isDistinct()) {
                branchCalls.get(0).add(c);
                continue;
            }
            if (branchOf[c] != 0) continue;
            List<Integer> sameArgs = new ArrayList<>();
            for (int d = c; d < calls.size(); d++) {
                if (calls.get(d).isDistinct() && branchOf[d] == 0 && calls.get(d).getArgList().equals(call.getArgList())) {
                    sameArgs.add(d);
                    branchOf[d] = branchCalls.size();
                }
            }
            branchCalls.add(sameArgs);
        }
        int branches = branchCalls.size();

        // the union's columns, of the input's types: the group's; the values the calls read, each input column a
        // plain call reads once and each distinct branch's arguments once; then a flag per call (BOOLEAN NOT NULL:
        // the row counts for that call). A branch fills the values it has not with a placeholder (NULL, or 0 or the
        // like where NULL is not allowed) that no call reads, and the flags of the calls of other branches with
        // FALSE: the aggregate over the union reads each call's rows by its flag alone, and needs no projection
        List<RelDataType> columns = new ArrayList<>();
        for (int g : group) columns.add(inputTypes.get(g));
        int[] plainAt = new int[n];
        java.util.Arrays.fill(plainAt, -1);
        for (int c : branchCalls.get(0)) {
            for (int a : calls.get(c).getArgList()) {
                if (plainAt[a] < 0) {
                    plainAt[a] = columns.size();
                    columns.add(inputTypes.get(a));
                }
            }
        }
        int[] argsAt = new int[branches];
        for (int t = 1; t < branches; t++) {
            argsAt[t] = columns.size();
            for (int a : calls.get(branchCalls.get(t).get(0)).getArgList()) columns.add(inputTypes.get(a));
        }
        int flagsAt = columns.size();
        RelDataType flagType = types.createSqlType(SqlTypeName.BOOLEAN);
        for (int c = 0; c < calls.size(); c++) columns.add(flagType);
        List<RexNode> placeholders = new ArrayList<>();
        for (RelDataType type : columns) placeholders.add(placeholder(rex, type));
        RexNode no = rex.makeLiteral(false);

        // branch 0: the input's rows, with only the group, the plain calls' arguments and their filters, so that
        // rows equal in what is read merge into one with their count as its weight (q16: a step's bids of a hot
        // channel in one minute and price rank)
        List<RexNode> plain = new ArrayList<>();
        for (int g : group) plain.add(rex.makeInputRef(input, g));
        for (int i = plain.size(); i < flagsAt; i++) plain.add(placeholders.get(i));
        for (int a = 0; a < n; a++) {
            if (plainAt[a] >= 0) plain.set(plainAt[a], rex.makeInputRef(input, a));
        }
        for (int c = 0; c < calls.size(); c++) {
            AggregateCall call = calls.get(c);
            plain.add(call.isDistinct() ? no : call.filterArg >= 0
                    ? rex.makeCall(SqlStdOperatorTable.IS_TRUE, rex.makeInputRef(input, call.filterArg))
                    : rex.makeLiteral(true));
        }
        builder.push(input).project(plain);

        // one branch per distinct argument list: the distinct (group, arguments) of the rows, each with a flag per
        // distinct call of those arguments saying whether a row its filter keeps has them; a row's flags change
        // rarely, and the aggregate below emits nothing when they do not
        for (int t = 1; t < branches; t++) {
            List<Integer> sameArgs = branchCalls.get(t);
            AggregateCall call = calls.get(sameArgs.get(0));
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
            for (int g : group) row.add(builder.field(keys.indexOf(g)));
            for (int i = row.size(); i < flagsAt; i++) row.add(placeholders.get(i));
            List<Integer> args = call.getArgList();
            for (int k = 0; k < args.size(); k++) row.set(argsAt[t] + k, builder.field(keys.indexOf(args.get(k))));
            for (int d = 0; d < calls.size(); d++) {
                int k = branchOf[d] == t ? sameArgs.indexOf(d) : -1;
                row.add(k >= 0 ? flags.get(k) : no);
            }
            builder.project(row);
        }
        builder.union(true, branches);

        List<RelBuilder.AggCall> aggCalls = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            AggregateCall call = calls.get(c);
            List<Integer> args = new ArrayList<>();
            for (int k = 0; k < call.getArgList().size(); k++) {
                args.add(call.isDistinct() ? argsAt[branchOf[c]] + k : plainAt[call.getArgList().get(k)]);
            }
            aggCalls.add(builder.aggregateCall(call.getAggregation(), builder.fields(args))
                    .filter(builder.field(flagsAt + c)).ignoreNulls(call.ignoreNulls()).as(call.getName()));
        }
        builder.aggregate(builder.groupKey(ImmutableBitSet.range(group.cardinality())), aggCalls);
        // a call may now be typed nullable where it was not (its filter could reject every row of a group,
        // though no group lacks rows of branch 0): cast back to the aggregate's own row type
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
