package org.jdbsp.sql.compiler;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalIntersect;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalMinus;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;
import org.jdbsp.sql.ColumnType;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.UnsupportedSqlException;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.zset.ZSet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lowers an optimised Calcite plan into jdbsp operators ({@link Op}), compiling every per-row expression once.
 * A plan node shared by several parents becomes one operator. A node with no incremental form fails with an
 * {@link UnsupportedSqlException} naming the construct. Internal.
 */
final class Lowering {
    private final Catalog catalog;
    private final Statement.QueryText where;
    private final JavaTypeFactory typeFactory;
    private final Map<RelNode, Op> lowered = new IdentityHashMap<>();
    /** How many parents each node of the plan has: the planner shares equal subtrees, so a plan is a DAG. */
    private Map<RelNode, Integer> parents;
    private final Set<String> sources = new LinkedHashSet<>();
    /** The names of the recursive relations (WITH RECURSIVE) being lowered. */
    private final Set<String> transients = new java.util.HashSet<>();

    /** The tables of the query's {@code BROADCAST} hints (lower case), each mapped to where its hint is. */
    private final Map<String, String> broadcast;
    /** The hinted tables some join has broadcast. */
    private final Set<String> broadcastUsed = new java.util.HashSet<>();

    Lowering(Catalog catalog, Statement.QueryText where, JavaTypeFactory typeFactory) {
        this(catalog, where, typeFactory, Map.of());
    }

    /** @param broadcast the query's {@code BROADCAST} hints ({@link BroadcastHints#take}) */
    Lowering(Catalog catalog, Statement.QueryText where, JavaTypeFactory typeFactory, Map<String, String> broadcast) {
        this.catalog = catalog;
        this.where = where;
        this.typeFactory = typeFactory;
        this.broadcast = broadcast;
    }

    /**
     * Checks that every {@code BROADCAST} hint was taken by a join.
     *
     * @throws SqlException naming a hint no inner join of the plan has its table as an input
     */
    void checkBroadcastHintsUsed() {
        for (Map.Entry<String, String> e : broadcast.entrySet()) {
            if (!broadcastUsed.contains(e.getKey())) {
                throw new SqlException(e.getValue() + ": no join of the query has " + e.getKey() + " as an input"
                        + " (its rows, filtered or projected at most, on one side of the join only)");
            }
        }
    }

    /**
     * Which input of a join of {@code type} over {@code left} and {@code right} a {@code BROADCAST} hint names: 0
     * the left, 1 the right, -1 none. An input is named when it is the hinted table, filtered or projected at most,
     * and the other input is not.
     *
     * @throws SqlException when hints name both inputs, or name one of a join other than an inner join
     */
    private int broadcastSide(RelNode left, RelNode right, JoinRelType type) {
        if (broadcast.isEmpty()) return -1;
        String l = directTable(left), r = directTable(right);
        String hl = l == null ? null : broadcast.get(l), hr = r == null ? null : broadcast.get(r);
        if (hl == null && hr == null || java.util.Objects.equals(l, r)) return -1;
        if (hl != null && hr != null) {
            throw new SqlException(hl + " and " + hr + " name both inputs of one join: broadcast one of them");
        }
        String hint = hl != null ? hl : hr;
        if (type != JoinRelType.INNER) {
            throw new UnsupportedSqlException(hint + ": the join it names is a " + type.name().toLowerCase(Locale.ROOT)
                    + " join; jdbsp broadcasts an input of an inner join only");
        }
        broadcastUsed.add(hl != null ? l : r);
        return hl != null ? 0 : 1;
    }

    /** The table (lower case) {@code rel} reads, when it is a scan under filters and projections only; else null. */
    private static String directTable(RelNode rel) {
        while (rel instanceof LogicalFilter || rel instanceof LogicalProject || rel instanceof LogicalCalc) {
            rel = rel.getInput(0);
        }
        return rel instanceof LogicalTableScan scan ? Catalog.key(tableName(scan)) : null;
    }

    /** The name of the relation {@code scan} reads: the last part of its qualified name. */
    private static String tableName(LogicalTableScan scan) {
        List<String> qn = scan.getTable().getQualifiedName();
        return qn.get(qn.size() - 1);
    }

    /** The lower-case names of the tables and views the lowered plans read. */
    Set<String> sources() {
        return sources;
    }

    private void countParents(RelNode rel) {
        for (RelNode in : rel.getInputs()) {
            if (parents.merge(in, 1, Integer::sum) == 1) countParents(in);
        }
    }

    Op lower(RelNode rel) {
        if (parents == null) { // the first call lowers the root
            parents = new IdentityHashMap<>();
            countParents(rel);
        }
        Op op = lowered.get(rel);
        if (op == null) {
            op = lowerNew(rel);
            lowered.put(rel, op);
        }
        return op;
    }

    private Op lowerNew(RelNode rel) {
        if (rel instanceof LogicalTableScan scan) {
            List<String> qn = scan.getTable().getQualifiedName();
            String last = qn.get(qn.size() - 1);
            if (transients.contains(Catalog.key(last))) return new ScanOp(last);
            String name = catalog.relationName(last);
            if (name == null) throw new SqlException(where.where(1, 1) + ": unknown table " + qn);
            sources.add(Catalog.key(name));
            return new ScanOp(name);
        }
        if (rel instanceof LogicalCalc calc) {
            RexProgram p = calc.getProgram();
            int[] picked = pickedColumns(p);
            if (picked != null && calc.getInput() instanceof LogicalJoin join) {
                Op fused = join(join, picked);
                if (fused != null) return fused;
            }
            if (calc.getInput() instanceof LogicalJoin join && join.getJoinType() == JoinRelType.INNER
                    && parents.getOrDefault(join, 0) == 1 && !lowered.containsKey(join)) {
                Op fused = pairsProjected(join, p);
                if (fused != null) return fused;
            }
            if (picked != null && calc.getInput() instanceof LogicalTableFunctionScan tvf) {
                // the window function makes only the columns the projection picks (q5's auction and window)
                return WindowTableFunctions.lower(tvf, this::lower, where, typeFactory, picked,
                        Shapes.of(calc.getRowType(), typeFactory));
            }
            if (calc.getInput() instanceof LogicalWindow window && onlyBoundsTheRank(window, p)) {
                return window(window, p, true);
            }
            if (calc.getInput() instanceof LogicalAggregate agg && fusesAbove(agg, p)) return aboveAggregate(agg, p);
            Op in = calc.getInput() instanceof LogicalWindow window ? window(window, p, false) : lower(calc.getInput());
            if (calc.getInput() instanceof LogicalWindow window && onlyRankBounds(window, p)) {
                // the rank operator keeps exactly the rows the condition keeps: what remains is the projection
                List<RexNode> projects = new java.util.ArrayList<>();
                for (var ref : p.getProjectList()) projects.add(p.expandLocalRef(ref));
                p = RexProgram.create(p.getInputRowType(), projects, null, p.getOutputRowType(), rexBuilder(rel));
            }
            if (p.isTrivial()) return in;
            return new CalcOp(in, ExpressionCompiler.compile(p, typeFactory, where, notNullColumns(calc.getInput())),
                    p);
        }
        if (rel instanceof LogicalProject project) {
            RexProgram p = RexProgram.create(project.getInput().getRowType(), project.getProjects(), null,
                    project.getRowType(), rexBuilder(rel));
            // a projection of the distinct aggregates' rewrite (q16's flags of a value's counts)
            if (project.getInput() instanceof LogicalAggregate agg && fusesAbove(agg, p)) return aboveAggregate(agg, p);
            return new CalcOp(lower(project.getInput()), ExpressionCompiler.compile(p, typeFactory, where,
                    notNullColumns(project.getInput())), p);
        }
        if (rel instanceof LogicalFilter filter) {
            RexProgramBuilder b = new RexProgramBuilder(filter.getInput().getRowType(), rexBuilder(rel));
            b.addIdentity();
            b.addCondition(filter.getCondition());
            RexProgram p = b.getProgram();
            return new CalcOp(lower(filter.getInput()), ExpressionCompiler.compile(p, typeFactory, where,
                    notNullColumns(filter.getInput())), p);
        }
        if (rel instanceof LogicalJoin join) return join(join);
        if (rel instanceof LogicalAggregate agg) return aggregate(agg);
        if (rel instanceof LogicalUnion union) {
            List<Op> ins = new ArrayList<>();
            for (RelNode i : union.getInputs()) ins.add(lower(i));
            return new UnionOp(ins, union.all);
        }
        if (rel instanceof LogicalValues values) return values(values);
        if (rel instanceof LogicalSort sort) return sort(sort);
        if (rel instanceof LogicalIntersect || rel instanceof LogicalMinus) {
            org.apache.calcite.rel.core.SetOp op = (org.apache.calcite.rel.core.SetOp) rel;
            if (!op.all) throw unsupported(rel instanceof LogicalIntersect ? "INTERSECT" : "EXCEPT");
            List<Op> ins = new ArrayList<>();
            for (RelNode i : op.getInputs()) ins.add(lower(i));
            return new BagSetOp(ins, rel instanceof LogicalIntersect, rel.getRowType().getFieldCount());
        }
        if (rel instanceof LogicalWindow) {
            throw unsupported("window functions (OVER) other than ROW_NUMBER/RANK filtered on the rank");
        }
        if (rel instanceof LogicalCorrelate c) {
            Op temporal = temporalJoin(c);
            if (temporal != null) return temporal;
            throw unsupported("a correlated subquery that Calcite could not decorrelate");
        }
        if (rel instanceof org.apache.calcite.rel.core.RepeatUnion ru) {
            List<String> qn = ru.getTransientTable().getQualifiedName();
            String name = qn.get(qn.size() - 1);
            transients.add(Catalog.key(name));
            return new RecursiveOp(name, lower(unspool(ru.getSeedRel())), lower(unspool(ru.getIterativeRel())), ru.all);
        }
        if (rel instanceof LogicalTableFunctionScan tvf) {
            return WindowTableFunctions.lower(tvf, this::lower, where, typeFactory);
        }
        throw unsupported("the plan operator " + rel.getRelTypeName());
    }

    /**
     * A window whose only function is ROW_NUMBER, RANK or DENSE_RANK, under a filter that bounds it by a
     * constant ({@code rn <= k}, {@code rn < k}, {@code rn = 1}): an incremental top-k per partition. The filter
     * itself stays in the calc above.
     */
    /**
     * True when {@code above} keeps the window's input columns as they are and only filters on bounds of the
     * rank: the ranked rows themselves are then the result, with no rank column to add and drop.
     */
    private static boolean onlyBoundsTheRank(LogicalWindow window, RexProgram above) {
        int inWidth = window.getInput().getRowType().getFieldCount();
        int[] picked = projectedColumns(above);
        if (!onlyRankBounds(window, above) || picked == null || picked.length != inWidth) return false;
        for (int i = 0; i < inWidth; i++) {
            if (picked[i] != i) return false;
        }
        return window.groups.size() == 1 && window.groups.get(0).aggCalls.size() == 1
                && window.groups.get(0).aggCalls.get(0).getOperator().getKind() == SqlKind.ROW_NUMBER;
    }

    /** Whether {@code above} has a condition and every conjunct of it bounds the rank by a constant. */
    private static boolean onlyRankBounds(LogicalWindow window, RexProgram above) {
        if (above.getCondition() == null) return false;
        int inWidth = window.getInput().getRowType().getFieldCount();
        for (RexNode c : org.apache.calcite.plan.RelOptUtil.conjunctions(above.expandLocalRef(above.getCondition()))) {
            if (rankBound(c, inWidth) < 0) return false;
        }
        return true;
    }

    private Op window(LogicalWindow window, RexProgram above, boolean rowsOnly) {
        if (window.groups.size() != 1 || window.groups.get(0).aggCalls.size() != 1) {
            throw unsupported("a window with several functions or frames");
        }
        LogicalWindow.Group g = window.groups.get(0);
        var call = g.aggCalls.get(0);
        RankOp.Kind kind;
        switch (call.getOperator().getKind()) {
            case ROW_NUMBER: kind = RankOp.Kind.ROW_NUMBER; break;
            case RANK: kind = RankOp.Kind.RANK; break;
            case DENSE_RANK: kind = RankOp.Kind.DENSE_RANK; break;
            default:
                throw unsupported("window function " + call.getOperator().getName()
                        + " (only ROW_NUMBER, RANK and DENSE_RANK filtered on the rank)");
        }
        int inWidth = window.getInput().getRowType().getFieldCount();
        if (!window.constants.isEmpty()) throw unsupported("a window with constants");
        long k = -1;
        boolean rankRead = false;
        if (above.getCondition() != null) {
            RexNode cond = above.expandLocalRef(above.getCondition());
            for (RexNode c : org.apache.calcite.plan.RelOptUtil.conjunctions(cond)) {
                long bound = rankBound(c, inWidth);
                if (bound >= 0 && (k < 0 || bound < k)) k = bound;
                if (bound < 0) rankRead |= org.apache.calcite.plan.RelOptUtil.InputFinder.bits(c).get(inWidth);
            }
        }
        for (var ref : above.getProjectList()) {
            rankRead |= org.apache.calcite.plan.RelOptUtil.InputFinder.bits(above.expandLocalRef(ref)).get(inWidth);
        }
        if (k < 0) {
            throw unsupported(call.getOperator().getName() + "() without a filter bounding it by a constant"
                    + " (such as WHERE rn <= 10)");
        }
        int[] partition = g.keys.toArray();
        int[] orderColumns = new int[g.orderKeys.getFieldCollations().size()];
        for (int i = 0; i < orderColumns.length; i++) {
            orderColumns[i] = g.orderKeys.getFieldCollations().get(i).getFieldIndex();
        }
        OrderComparator order = OrderComparator.of(g.orderKeys.getFieldCollations());
        if (k == 0) return new ValuesOp(new ZSet<>());
        // a partition column the watermark bounds (a window top-N) lets ROW_NUMBER drop the partitions it passed
        int expiring = -1;
        TimeBound expiry = null;
        for (int i = 0; i < partition.length && expiry == null; i++) {
            int c = partition[i];
            if (notNullColumn(window.getInput(), c)
                    && isLong(window.getInput().getRowType().getFieldList().get(c).getType())) {
                expiry = bound(window.getInput(), c);
                expiring = c;
            }
        }
        // NOT NULL is trusted only where a table's own column is read (the table checks it), as for a join's key
        boolean longPartition = partition.length == 1 && notNullColumn(window.getInput(), partition[0])
                && Shapes.integral(Shapes.letter(window.getInput().getRowType().getFieldList().get(partition[0])
                        .getType(), typeFactory));
        return new RankOp(lower(window.getInput()), kind, partition, order, orderColumns,
                (int) Math.min(k, Integer.MAX_VALUE), Shapes.of(window.getInput().getRowType(), typeFactory),
                rankRead || kind != RankOp.Kind.ROW_NUMBER, rowsOnly, expiry == null ? -1 : expiring, expiry,
                longPartition);
    }

    /** The k of {@code $rank <= k} (also {@code < k+1}, {@code = 1}, either side), or -1. */
    private static long rankBound(RexNode c, int rankColumn) {
        if (!(c instanceof org.apache.calcite.rex.RexCall call) || call.getOperands().size() != 2) return -1;
        RexNode a = call.getOperands().get(0), b = call.getOperands().get(1);
        SqlKind kind = call.getKind();
        if (isRef(b, rankColumn) && b != a) {
            RexNode t = a;
            a = b;
            b = t;
            kind = kind.reverse();
        }
        if (!isRef(a, rankColumn) || !(b instanceof RexLiteral lit)) return -1;
        Long v = lit.getValueAs(Long.class);
        if (v == null) return -1;
        switch (kind) {
            case LESS_THAN_OR_EQUAL: return Math.max(0, v);
            case LESS_THAN: return Math.max(0, v - 1);
            case EQUALS: return v == 1 ? 1 : -1;
            default: return -1;
        }
    }

    private static boolean isRef(RexNode n, int column) {
        while (n instanceof org.apache.calcite.rex.RexCall c && c.getKind() == SqlKind.CAST) n = c.getOperands().get(0);
        return n instanceof org.apache.calcite.rex.RexInputRef r && r.getIndex() == column;
    }

    private static RelNode unspool(RelNode rel) {
        return rel instanceof org.apache.calcite.rel.core.TableSpool spool ? spool.getInput() : rel;
    }

    /** The input columns a program without a condition only picks (every output a column), or null. */
    private static int[] pickedColumns(RexProgram p) {
        return p.getCondition() != null ? null : projectedColumns(p);
    }

    /** The input columns a program's outputs are, when every output is a column (a condition aside), or null. */
    private static int[] projectedColumns(RexProgram p) {
        List<RexLocalRef> projects = p.getProjectList();
        int[] picked = new int[projects.size()];
        for (int i = 0; i < picked.length; i++) {
            if (!(p.expandLocalRef(projects.get(i)) instanceof org.apache.calcite.rex.RexInputRef ref)) return null;
            picked[i] = ref.getIndex();
        }
        return picked;
    }

    /** Whether the projection {@code p} over {@code agg}, which nothing else reads, is made by the aggregate. */
    private boolean fusesAbove(LogicalAggregate agg, RexProgram p) {
        return p.getCondition() == null && !p.isTrivial() && parents.getOrDefault(agg, 0) == 1
                && !lowered.containsKey(agg);
    }

    /**
     * The aggregate {@code agg} making the rows of the projection {@code p} above it ({@link #fusesAbove}): its own
     * rows (q17's AVG as a DECIMAL before the cast) are neither hashed nor kept, and a group whose projected row
     * did not change emits nothing (q16's counts of a value, of which the projection keeps whether they are 0).
     */
    private Op aboveAggregate(LogicalAggregate agg, RexProgram p) {
        Op a = aggregate(agg);
        RowFunction f = ExpressionCompiler.compile(p, typeFactory, where, notNullColumns(agg));
        if (a instanceof AggregateOp ao) return ao.fuse(f, p);
        lowered.put(agg, a);
        return new CalcOp(a, f, p);
    }

    private Op join(LogicalJoin join) {
        if (join.getJoinType() == JoinRelType.INNER) {
            // a residual condition read from the pair: no joined row is made for a pair it rejects (Nexmark q9's
            // bids outside their auction's lifetime)
            Op fused = pairsProjected(join, RexProgram.createIdentity(join.getRowType()));
            if (fused != null) return fused;
        }
        return join(join, null);
    }

    /**
     * The inner join {@code join}, which only the Calc of program {@code p} reads, making that Calc's rows from each
     * pair's two rows ({@link JoinOp#projectPairs}): one program of the join's residual condition, the Calc's
     * condition and its projection, so that no joined row is made for a pair the conditions reject or the
     * projection narrows or computes (q20's output, with its constant category, is made from the bid and the
     * auction: no 17-column joined row is made, hashed and reordered). Null when there is nothing to fuse: no
     * residual condition and {@code p} the identity.
     */
    private Op pairsProjected(LogicalJoin join, RexProgram p) {
        JoinInfo info = JoinInfo.of(join.getLeft(), join.getRight(), join.getCondition());
        if (info.nonEquiConditions.isEmpty() && p.isTrivial()) return null;
        RexBuilder rb = rexBuilder(join);
        List<RexNode> conditions = new ArrayList<>(info.nonEquiConditions);
        if (p.getCondition() != null) conditions.add(p.expandLocalRef(p.getCondition()));
        List<RexNode> projects = new ArrayList<>();
        for (RexLocalRef ref : p.getProjectList()) projects.add(p.expandLocalRef(ref));
        RexProgram both = RexProgram.create(p.getInputRowType(), projects,
                RexUtil.composeConjunction(rb, conditions, true), p.getOutputRowType(), rb);
        Op op = join(join, null);
        if (!(op instanceof JoinOp j)) return null;
        PairFunction f = ExpressionCompiler.compilePair(both, join.getLeft().getRowType().getFieldCount(), typeFactory,
                where, joinedNotNull(join.getLeft(), join.getRight()));
        return j.projectPairs(f, CalcOp.sources(both), both.getCondition() != null, both.toString());
    }

    /** Per column of the joined row of {@code left} and {@code right}, whether it is known never to hold NULL. */
    private boolean[] joinedNotNull(RelNode left, RelNode right) {
        boolean[] l = notNullColumns(left), r = notNullColumns(right);
        boolean[] notNull = java.util.Arrays.copyOf(l, l.length + r.length);
        System.arraycopy(r, 0, notNull, l.length, r.length);
        return notNull;
    }

    /**
     * True when {@code rel} reads a table of the catalog (not a view, not a recursive query's relation) and its
     * column {@code c} is declared NOT NULL, which the table enforces on every change.
     */
    /**
     * Whether column {@code c} of {@code rel}'s rows never holds NULL, as far as jdbsp knows it without Calcite's
     * nullability (which it does not trust): a table's NOT NULL column (the table checks it), passed on unchanged
     * by filters, projections, the grouping columns of a plain GROUP BY and the side of a join that is not padded.
     */
    private boolean notNullColumn(RelNode rel, int c) {
        if (rel instanceof LogicalTableScan scan) {
            String last = tableName(scan);
            if (transients.contains(Catalog.key(last))) return false;
            if (!catalog.exists(last, true)) return catalog.exists(last, false) && catalog.view(last).query().notNull(c);
            return !catalog.table(last).schema().column(c).nullable();
        }
        if (rel instanceof LogicalFilter f) return notNullColumn(f.getInput(), c);
        if (rel instanceof LogicalProject p) {
            RexNode e = p.getProjects().get(c);
            if (e instanceof RexLiteral literal) return !literal.isNull();
            return e instanceof RexInputRef ref && notNullColumn(p.getInput(), ref.getIndex());
        }
        if (rel instanceof LogicalCalc calc) {
            RexProgram prog = calc.getProgram();
            RexNode e = prog.expandLocalRef(prog.getProjectList().get(c));
            if (e instanceof RexInputRef ref) return notNullColumn(calc.getInput(), ref.getIndex());
            if (e instanceof RexLiteral literal) return !literal.isNull();
            int day = dayTextOf(e); // DATE_FORMAT of a time that is never NULL is never NULL
            return day >= 0 && notNullColumn(calc.getInput(), day);
        }
        if (rel instanceof LogicalJoin j) {
            int lw = j.getLeft().getRowType().getFieldCount();
            JoinRelType t = j.getJoinType();
            if (c < lw) return !t.generatesNullsOnLeft() && notNullColumn(j.getLeft(), c);
            return t.projectsRight() && !t.generatesNullsOnRight() && notNullColumn(j.getRight(), c - lw);
        }
        if (rel instanceof LogicalAggregate a) {
            if (c >= a.getGroupCount()) { // a count is never NULL, even of no rows
                SqlKind kind = a.getAggCallList().get(c - a.getGroupCount()).getAggregation().getKind();
                return kind == SqlKind.COUNT || kind == SqlKind.SUM0;
            }
            return a.getGroupType() == LogicalAggregate.Group.SIMPLE
                    && notNullColumn(a.getInput(), a.getGroupSet().nth(c));
        }
        if (rel instanceof LogicalTableFunctionScan tf && tf.getInputs().size() == 1) {
            // a window table function's own columns (window_start, window_end) are never NULL
            int width = tf.getInputs().get(0).getRowType().getFieldCount();
            return c >= width || notNullColumn(tf.getInputs().get(0), c);
        }
        if (rel instanceof LogicalCorrelate cor && cor.getJoinType() == JoinRelType.INNER) {
            // a temporal join (the only correlation left to lower): the probe row's columns, then the table's
            int lw = cor.getLeft().getRowType().getFieldCount();
            if (c < lw) return notNullColumn(cor.getLeft(), c);
            RelNode right = cor.getRight();
            if (right instanceof LogicalFilter f) right = f.getInput();
            else if (right instanceof LogicalCalc calc && calc.getProgram().projectsOnlyIdentity()) right = calc.getInput();
            return right instanceof org.apache.calcite.rel.logical.LogicalSnapshot snapshot
                    && notNullColumn(snapshot.getInput(), c - lw);
        }
        if (rel instanceof LogicalWindow w) { // a rank operator: its input's columns, then the rank, never NULL
            int width = w.getInput().getRowType().getFieldCount();
            if (c < width) return notNullColumn(w.getInput(), c);
            int i = c - width;
            for (LogicalWindow.Group g : w.groups) {
                if (i < g.aggCalls.size()) {
                    SqlKind kind = g.aggCalls.get(i).getOperator().getKind();
                    return kind == SqlKind.ROW_NUMBER || kind == SqlKind.RANK || kind == SqlKind.DENSE_RANK;
                }
                i -= g.aggCalls.size();
            }
            return false;
        }
        if (rel instanceof LogicalUnion u) {
            for (RelNode in : u.getInputs()) {
                if (!notNullColumn(in, c)) return false;
            }
            return true;
        }
        return false;
    }

    /**
     * {@code left JOIN t FOR SYSTEM_TIME AS OF left.col ON left.a = t.b AND ...}, which Calcite leaves as a
     * correlation over a snapshot of {@code t}: a processing-time temporal join, each left row meeting {@code t} as
     * it is when the row arrives (the period's value is not read: jdbsp keeps no history of a table). Null when
     * {@code c} is not such a join; an unsupported form of one fails naming what.
     */
    private Op temporalJoin(LogicalCorrelate c) {
        RelNode right = c.getRight();
        RexNode condition = null;
        if (right instanceof LogicalFilter f) {
            condition = f.getCondition();
            right = f.getInput();
        } else if (right instanceof LogicalCalc calc && calc.getProgram().getCondition() != null
                && calc.getProgram().projectsOnlyIdentity()) {
            condition = calc.getProgram().expandLocalRef(calc.getProgram().getCondition());
            right = calc.getInput();
        }
        if (!(right instanceof org.apache.calcite.rel.logical.LogicalSnapshot snapshot)) return null;
        if (c.getJoinType() != JoinRelType.INNER) {
            throw unsupported("a " + c.getJoinType() + " temporal join (FOR SYSTEM_TIME AS OF): only the inner one is");
        }
        org.apache.calcite.rel.core.CorrelationId id = c.getCorrelationId();
        if (!isCorrelatedField(snapshot.getPeriod(), id)) {
            throw unsupported("FOR SYSTEM_TIME AS OF other than a column of the joined row (" + snapshot.getPeriod()
                    + ")");
        }
        if (condition == null) throw unsupported("a temporal join without an equality condition");
        List<Integer> lk = new ArrayList<>();
        List<Integer> rk = new ArrayList<>();
        for (RexNode conjunct : org.apache.calcite.plan.RelOptUtil.conjunctions(condition)) {
            if (conjunct instanceof org.apache.calcite.rex.RexCall eq && eq.getKind() == SqlKind.EQUALS) {
                RexNode x = eq.getOperands().get(0), y = eq.getOperands().get(1);
                if (isCorrelatedField(x, id) && y instanceof RexInputRef ref) {
                    lk.add(((org.apache.calcite.rex.RexFieldAccess) x).getField().getIndex());
                    rk.add(ref.getIndex());
                    continue;
                }
                if (isCorrelatedField(y, id) && x instanceof RexInputRef ref) {
                    lk.add(((org.apache.calcite.rex.RexFieldAccess) y).getField().getIndex());
                    rk.add(ref.getIndex());
                    continue;
                }
            }
            throw unsupported("a temporal join condition other than equalities of columns (" + conjunct + ")");
        }
        RelNode table = snapshot.getInput();
        int[] lka = lk.stream().mapToInt(Integer::intValue).toArray();
        int[] rka = rk.stream().mapToInt(Integer::intValue).toArray();
        StringBuilder keys = new StringBuilder("on");
        int lw = c.getLeft().getRowType().getFieldCount();
        for (int i = 0; i < lka.length; i++) {
            keys.append(i == 0 ? " " : ", ").append("$").append(lka[i]).append(" = $").append(lw + rka[i]);
        }
        return JoinOp.lookup(lower(c.getLeft()), lower(table), lka, rka, lw, table.getRowType().getFieldCount(),
                new String[] {Shapes.of(c.getLeft().getRowType(), typeFactory), Shapes.of(table.getRowType(),
                        typeFactory), Shapes.of(c.getRowType(), typeFactory)}, keys.toString());
    }

    /** Whether {@code n} is a field of the correlation variable {@code id} (a column of the probe row). */
    private static boolean isCorrelatedField(RexNode n, org.apache.calcite.rel.core.CorrelationId id) {
        return n instanceof org.apache.calcite.rex.RexFieldAccess fa
                && fa.getReferenceExpr() instanceof org.apache.calcite.rex.RexCorrelVariable v && v.id.equals(id);
    }

    /**
     * The interval a join's non-equi conditions put between a left and a right time column that the watermarks bound
     * ({@code r.t >= l.t - INTERVAL '10' SECOND AND r.t <= l.t}, as in Nexmark q7), or null: comparisons of one
     * column of each side, each plus or minus a constant, giving both a lower and an upper bound on their difference.
     */
    private JoinOp.IntervalTimes intervalTimes(RelNode left, RelNode right, List<RexNode> conditions) {
        int lw = left.getRowType().getFieldCount();
        int leftCol = -1;
        int rightCol = -1;
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        for (RexNode c : conditions) {
            for (RexNode conjunct : org.apache.calcite.plan.RelOptUtil.conjunctions(c)) {
                if (!(conjunct instanceof org.apache.calcite.rex.RexCall cmp) || cmp.getOperands().size() != 2) continue;
                SqlKind k = cmp.getKind();
                if (k != SqlKind.GREATER_THAN_OR_EQUAL && k != SqlKind.GREATER_THAN && k != SqlKind.LESS_THAN_OR_EQUAL
                        && k != SqlKind.LESS_THAN) {
                    continue;
                }
                long[] x = columnPlusConstant(cmp.getOperands().get(0));
                long[] y = columnPlusConstant(cmp.getOperands().get(1));
                if (x == null || y == null || (x[0] < lw) == (y[0] < lw)) continue;
                // as (right time - left time) compared with a constant
                boolean xLeft = x[0] < lw;
                long[] l = xLeft ? x : y;
                long[] r = xLeft ? y : x;
                boolean rightAtLeast = xLeft == (k == SqlKind.LESS_THAN_OR_EQUAL || k == SqlKind.LESS_THAN);
                if ((leftCol >= 0 && leftCol != l[0]) || (rightCol >= 0 && rightCol != r[0] - lw)) continue;
                leftCol = (int) l[0];
                rightCol = (int) (r[0] - lw);
                long bound;
                try {
                    bound = Math.subtractExact(l[1], r[1]); // r.t + rc (op) l.t + lc  =>  r.t - l.t (op) lc - rc
                } catch (ArithmeticException e) {
                    continue;
                }
                if (rightAtLeast) lower = Math.max(lower, bound);
                else upper = Math.min(upper, bound);
            }
        }
        if (leftCol < 0 || lower == Long.MIN_VALUE || upper == Long.MAX_VALUE || lower > upper) return null;
        if (!notNullColumn(left, leftCol) || !notNullColumn(right, rightCol)
                || !isLong(left.getRowType().getFieldList().get(leftCol).getType())
                || !isLong(right.getRowType().getFieldList().get(rightCol).getType())) {
            return null;
        }
        TimeBound bl = bound(left, leftCol);
        TimeBound br = bound(right, rightCol);
        return bl == null || br == null ? null : new JoinOp.IntervalTimes(leftCol, bl, rightCol, br, lower, upper);
    }

    /** {column, constant} when {@code n} is a column, or a column plus or minus a constant (an interval or a number). */
    private static long[] columnPlusConstant(RexNode n) {
        if (n instanceof RexInputRef ref) return new long[] {ref.getIndex(), 0};
        if (!(n instanceof org.apache.calcite.rex.RexCall call) || call.getOperands().size() != 2) return null;
        boolean plus = call.getKind() == SqlKind.PLUS;
        if (!plus && call.getKind() != SqlKind.MINUS) return null;
        if (!(call.getOperands().get(0) instanceof RexInputRef ref)
                || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
            return null;
        }
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        if (v == null) return null;
        try {
            long c = v.longValueExact();
            return new long[] {ref.getIndex(), plus ? c : Math.negateExact(c)};
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Whether values of {@code t} are held as a {@code long} (a TIMESTAMP or a BIGINT) and read with getLong. */
    private static boolean isLong(RelDataType t) {
        SqlTypeName n = t.getSqlTypeName();
        return n == SqlTypeName.TIMESTAMP || n == SqlTypeName.BIGINT;
    }

    /**
     * The lower bound that a table's watermark puts on column {@code c} of {@code rel}'s changes, or null: the
     * table's event-time column, passed on unchanged by filters, projections, the grouping columns of a plain
     * GROUP BY and a UNION ALL whose inputs all bound the column alike, and the window columns a window table
     * function computes from it.
     */
    private TimeBound bound(RelNode rel, int c) {
        if (rel instanceof LogicalTableScan scan) {
            String last = tableName(scan);
            if (transients.contains(Catalog.key(last))) return null;
            if (!catalog.exists(last, true)) return catalog.exists(last, false) ? catalog.view(last).query().bound(c) : null;
            TableDef t = catalog.table(last);
            return t.hasWatermark() && t.watermarkColumn() == c ? new TimeBound(t.name(), 0) : null;
        }
        if (rel instanceof LogicalFilter f) return bound(f.getInput(), c);
        if (rel instanceof LogicalProject p) return expressionBound(p.getInput(), p.getProjects().get(c));
        if (rel instanceof LogicalCalc calc) {
            RexProgram prog = calc.getProgram();
            return calc.getInput() instanceof LogicalWindow ? null
                    : expressionBound(calc.getInput(), prog.expandLocalRef(prog.getProjectList().get(c)));
        }
        if (rel instanceof LogicalAggregate a) {
            return a.getGroupType() == LogicalAggregate.Group.SIMPLE && c < a.getGroupCount()
                    ? bound(a.getInput(), a.getGroupSet().nth(c)) : null;
        }
        if (rel instanceof LogicalTableFunctionScan tf && tf.getInputs().size() == 1) {
            return WindowTableFunctions.bound(tf, c, i -> bound(tf.getInputs().get(0), i), where);
        }
        if (rel instanceof LogicalUnion u && u.all) { // the changes of every input are bounded alike
            TimeBound first = bound(u.getInputs().get(0), c);
            for (RelNode in : u.getInputs()) {
                if (first == null || !first.equals(bound(in, c))) return null;
            }
            return first;
        }
        return null;
    }

    /**
     * The bound of an expression over {@code input}'s rows: a column's, or the day text {@code DATE_FORMAT(ts,
     * 'yyyy-MM-dd')} of a bounded time column (the Nexmark texts' days).
     */
    private TimeBound expressionBound(RelNode input, RexNode e) {
        if (e instanceof RexInputRef ref) return bound(input, ref.getIndex());
        int day = dayTextOf(e);
        if (day < 0) return null;
        TimeBound b = bound(input, day);
        return b == null || b.dayText() ? null : new TimeBound(b.table(), b.offset(), true);
    }

    /** The column {@code ts} when {@code e} is {@code DATE_FORMAT(ts, 'yyyy-MM-dd')} of a TIMESTAMP column, else -1. */
    private static int dayTextOf(RexNode e) {
        if (!(e instanceof org.apache.calcite.rex.RexCall call)
                || !call.getOperator().getName().equalsIgnoreCase("DATE_FORMAT") || call.getOperands().size() != 2
                || !(call.getOperands().get(0) instanceof RexInputRef ts)
                || ts.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP
                || !(call.getOperands().get(1) instanceof RexLiteral pattern)
                || !"yyyy-MM-dd".equals(pattern.getValueAs(String.class))) {
            return -1;
        }
        return ts.getIndex();
    }

    /** {@link #bound} of every column of {@code rel}. */
    TimeBound[] bounds(RelNode rel) {
        TimeBound[] out = new TimeBound[rel.getRowType().getFieldCount()];
        for (int i = 0; i < out.length; i++) out[i] = bound(rel, i);
        return out;
    }

    /** {@link #notNullColumn} of every column of {@code rel}. */
    boolean[] notNullColumns(RelNode rel) {
        boolean[] out = new boolean[rel.getRowType().getFieldCount()];
        for (int i = 0; i < out.length; i++) out[i] = notNullColumn(rel, i);
        return out;
    }

    /** Whether {@code rel} has a variable-width column (text, decimal...) that {@code picked} leaves out. */
    private static boolean dropsWideColumns(RelNode rel, int[] picked) {
        java.util.BitSet kept = new java.util.BitSet();
        for (int c : picked) kept.set(c);
        List<org.apache.calcite.rel.type.RelDataTypeField> fields = rel.getRowType().getFieldList();
        for (int c = 0; c < fields.size(); c++) {
            if (!kept.get(c) && !Planner.fixedWidth(fields.get(c).getType().getSqlTypeName())) return true;
        }
        return false;
    }

    private static boolean allDifferent(int[] columns) {
        java.util.BitSet seen = new java.util.BitSet();
        for (int c : columns) {
            if (seen.get(c)) return false;
            seen.set(c);
        }
        return true;
    }

    private static List<Integer> through(int[] picked, List<Integer> columns) {
        List<Integer> out = new ArrayList<>(columns.size());
        for (int c : columns) out.add(picked[c]);
        return out;
    }

    /**
     * A join whose output rows are made of the joined row's columns {@code picked} (all when null), so that a
     * projection above a join builds each row once. Null when {@code picked} is given and the join has a residual
     * condition (which reads the whole joined row), or is a semi- or anti-join.
     */
    private Op join(LogicalJoin join, int[] picked) {
        RelNode left = join.getLeft(), right = join.getRight();
        JoinInfo info = JoinInfo.of(left, right, join.getCondition());
        if (picked != null && (!info.nonEquiConditions.isEmpty() || !join.getJoinType().projectsRight())) return null;
        int n = info.leftKeys.size();
        int[] lk = new int[n], rk = new int[n];
        boolean[] nullSafe = new boolean[n];
        for (int i = 0; i < n; i++) {
            lk[i] = info.leftKeys.get(i);
            rk[i] = info.rightKeys.get(i);
            nullSafe[i] = !info.nullExclusionFlags.get(i);
        }
        RowFunction residual = null;
        String residualText = "";
        if (!info.nonEquiConditions.isEmpty()) {
            RexBuilder rb = rexBuilder(join);
            RexNode cond = RexUtil.composeConjunction(rb, info.nonEquiConditions);
            RelDataType joined = org.apache.calcite.sql.validate.SqlValidatorUtil.createJoinType(typeFactory,
                    left.getRowType(), right.getRowType(), null, java.util.List.of());
            RexProgramBuilder b = new RexProgramBuilder(joined, rb);
            b.addCondition(cond);
            residual = ExpressionCompiler.compile(b.getProgram(), typeFactory, where, joinedNotNull(left, right));
            residualText = " where " + cond;
        }
        JoinRelType type = join.getJoinType();
        if (type == JoinRelType.ASOF || type == JoinRelType.LEFT_ASOF || type == JoinRelType.LEFT_MARK) {
            throw unsupported(type + " join");
        }
        StringBuilder keys = new StringBuilder("on");
        for (int i = 0; i < n; i++) keys.append(i == 0 ? " " : ", ").append("$").append(lk[i]).append(" = $")
                .append(left.getRowType().getFieldCount() + rk[i]);
        boolean[] longKeyNullable = null;
        if (n == 1 && !nullSafe[0]) {
            RelDataType lt = left.getRowType().getFieldList().get(lk[0]).getType();
            RelDataType rt = right.getRowType().getFieldList().get(rk[0]).getType();
            if (SqlTypeName.INT_TYPES.contains(lt.getSqlTypeName())
                    && SqlTypeName.INT_TYPES.contains(rt.getSqlTypeName())) {
                // NOT NULL is trusted only where a table's own column is read (the table checks it)
                longKeyNullable = new boolean[] {!notNullColumn(left, lk[0]), !notNullColumn(right, rk[0])};
            }
        }
        // a key column that both sides' watermarks bound lets the join drop the keys they have passed
        JoinOp.KeyTime keyTime = null;
        for (int i = 0; i < n && keyTime == null && type == JoinRelType.INNER; i++) {
            if (!notNullColumn(left, lk[i]) || !notNullColumn(right, rk[i])
                    || !isLong(left.getRowType().getFieldList().get(lk[i]).getType())
                    || !isLong(right.getRowType().getFieldList().get(rk[i]).getType())) {
                continue;
            }
            TimeBound bl = bound(left, lk[i]);
            TimeBound br = bound(right, rk[i]);
            if (bl != null && br != null) keyTime = new JoinOp.KeyTime(i, bl, br);
        }
        JoinOp.IntervalTimes interval = keyTime == null && type == JoinRelType.INNER
                ? intervalTimes(left, right, info.nonEquiConditions) : null;
        JoinOp op = new JoinOp(lower(left), lower(right), type, lk, rk, nullSafe, residual, keyTime,
                left.getRowType().getFieldCount(), right.getRowType().getFieldCount(), picked, longKeyNullable,
                new String[] {Shapes.of(left.getRowType(), typeFactory), Shapes.of(right.getRowType(), typeFactory),
                        Shapes.of(join.getRowType(), typeFactory)},
                (n == 0 ? "(cross)" : keys.toString()) + residualText
                        + (picked == null ? "" : " picking " + java.util.Arrays.toString(picked)));
        op.intervalTimes = interval;
        int side = broadcastSide(left, right, type);
        return side < 0 ? op : op.broadcasting(side);
    }

    private Op aggregate(LogicalAggregate agg) {
        ImmutableBitSet groupSet = agg.getGroupSet();
        int[] groupColumns = groupSet.toArray();
        List<int[]> sets = new ArrayList<>();
        for (ImmutableBitSet s : agg.getGroupSets()) {
            int[] positions = new int[s.cardinality()];
            int k = 0;
            for (int c : s) positions[k++] = indexOf(groupColumns, c);
            sets.add(positions);
        }
        // a projection below that only picks columns (each once) is read through: the aggregate reads the
        // picked columns of the projection's input, and no row is built in between
        RelNode input = agg.getInput();
        // (a join picks the columns itself, building a narrower row)
        int[] picked = input instanceof LogicalCalc calc && !(calc.getInput() instanceof LogicalWindow)
                && !(calc.getInput() instanceof LogicalJoin) ? pickedColumns(calc.getProgram()) : null;
        if (picked != null && !allDifferent(picked)) picked = null;
        if (picked != null && !(((LogicalCalc) input).getInput() instanceof LogicalTableFunctionScan tf
                && WindowTableFunctions.session(tf, where) != null)
                && dropsWideColumns(((LogicalCalc) input).getInput(), picked)) {
            // the projection stays: rows leave it narrow, so text it drops is neither hashed nor moved between
            // workers on its way to the groups (Nexmark q5's bids, q8's persons and auctions); a session
            // window's rows are read through as before (it is lowered only directly under its GROUP BY)
            picked = null;
        }
        if (picked != null) input = ((LogicalCalc) input).getInput();
        List<AggSpec> specs = new ArrayList<>();
        RelDataType inType = input.getRowType();
        for (AggregateCall call : agg.getAggCallList()) {
            specs.add(aggSpec(picked == null ? call : call.copy(through(picked, call.getArgList()),
                    call.filterArg < 0 ? -1 : picked[call.filterArg], call.distinctKeys, call.collation), inType));
        }
        if (picked != null) {
            for (int i = 0; i < groupColumns.length; i++) groupColumns[i] = picked[groupColumns[i]];
        }
        if (input instanceof LogicalTableFunctionScan tf) {
            WindowTableFunctions.SessionSpec session = WindowTableFunctions.session(tf, where);
            if (session != null) return sessionAggregate(agg, tf, session, groupColumns, specs);
        }
        // a grouping by a column the watermark bounds drops the groups below the bound
        int expiring = -1;
        TimeBound expiry = null;
        boolean[] notNull = notNullColumns(input);
        if (agg.getGroupType() == LogicalAggregate.Group.SIMPLE) {
            for (int i = 0; i < groupColumns.length && expiry == null; i++) {
                char letter = Shapes.of(inType, typeFactory).charAt(groupColumns[i]);
                if (!notNull[groupColumns[i]] || (letter != 'J' && letter != 'L')) continue;
                expiry = bound(input, groupColumns[i]);
                expiring = i;
            }
        }
        Op lowered = lower(input);
        if (lowered instanceof WindowTvfOp tvf && agg.getGroupType() == LogicalAggregate.Group.SIMPLE) {
            tvf.routeBy(groupColumns, notNull);
        }
        // grouped by time columns alone (the windows of a TUMBLE): a step's rows fall in a few groups
        boolean timeOnly = expiry != null && groupColumns.length > 0;
        for (int i = 0; timeOnly && i < groupColumns.length; i++) {
            timeOnly = notNull[groupColumns[i]] && bound(input, groupColumns[i]) != null;
        }
        AggregateOp op = new AggregateOp(lowered, inType.getFieldCount(), groupColumns, sets, specs,
                Shapes.of(inType, typeFactory), Shapes.of(agg.getRowType(), typeFactory), notNull,
                expiry == null ? -1 : expiring, expiry,
                "group " + groupSet + (agg.getGroupType() == LogicalAggregate.Group.SIMPLE ? "" : " sets "
                        + agg.getGroupSets()) + " " + agg.getAggCallList()
                + (picked == null ? "" : " reading columns " + java.util.Arrays.toString(picked)));
        if (timeOnly) op.byTimeOnly();
        return input instanceof LogicalAggregate below && maximaOfCounts(agg, below, groupColumns, specs)
                ? op.overGrowingCounts() : op;
    }

    /**
     * Whether the plain GROUP BY {@code agg} takes only MAXs of COUNTs of the plain GROUP BY {@code below}, which it
     * reads directly ({@code groupColumns} and the arguments of {@code specs} are columns of {@code below}), grouped by
     * some of {@code below}'s grouping columns: then a retracted count and the larger count replacing it fall in the
     * same group of {@code agg}.
     */
    private static boolean maximaOfCounts(LogicalAggregate agg, LogicalAggregate below, int[] groupColumns,
                                          List<AggSpec> specs) {
        if (agg.getGroupType() != LogicalAggregate.Group.SIMPLE || below.getGroupType() != LogicalAggregate.Group.SIMPLE
                || specs.isEmpty()) {
            return false;
        }
        int keys = below.getGroupCount();
        for (int g : groupColumns) {
            if (g >= keys) return false;
        }
        for (AggSpec a : specs) {
            if (a.fn != AggSpec.Fn.MAX || a.filter >= 0 || a.args.length != 1 || a.args[0] < keys) return false;
            AggregateCall count = below.getAggCallList().get(a.args[0] - keys);
            if (count.getAggregation().getKind() != SqlKind.COUNT || count.isDistinct()) return false;
        }
        return true;
    }

    /**
     * A GROUP BY over {@code SESSION(...)}: it must group by exactly the session's key columns, window_start and
     * window_end, and compute only {@code COUNT(*)}s.
     */
    private Op sessionAggregate(LogicalAggregate agg, LogicalTableFunctionScan tf,
                                WindowTableFunctions.SessionSpec session, int[] groupColumns, List<AggSpec> specs) {
        int width = tf.getInputs().get(0).getRowType().getFieldCount();
        java.util.Set<Integer> wanted = new java.util.HashSet<>();
        for (int k : session.keys()) wanted.add(k);
        wanted.add(width);
        wanted.add(width + 1);
        java.util.Set<Integer> grouped = new java.util.HashSet<>();
        for (int g : groupColumns) grouped.add(g);
        if (agg.getGroupType() != LogicalAggregate.Group.SIMPLE || !grouped.equals(wanted)
                || groupColumns.length != wanted.size()) {
            throw unsupported("SESSION windows grouped other than by exactly the session's key columns,"
                    + " window_start and window_end");
        }
        int[] columns = new int[groupColumns.length + specs.size()];
        for (int i = 0; i < groupColumns.length; i++) {
            int g = groupColumns[i];
            columns[i] = g == width ? SessionAggregateOp.START : g == width + 1 ? SessionAggregateOp.END
                    : indexOf(session.keys(), g);
        }
        for (int i = 0; i < specs.size(); i++) {
            AggSpec a = specs.get(i);
            if (a.fn != AggSpec.Fn.COUNT_STAR || a.filter >= 0) {
                throw unsupported("the aggregate " + a + " over SESSION windows (only COUNT(*) is)");
            }
            columns[groupColumns.length + i] = SessionAggregateOp.COUNT;
        }
        RelNode in = tf.getInputs().get(0);
        char keyLetter = 0;
        if (session.keys().length == 1 && notNullColumn(in, session.keys()[0])) {
            char l = Shapes.of(in.getRowType(), typeFactory).charAt(session.keys()[0]);
            if (Shapes.integral(l)) keyLetter = l;
        }
        TimeBound bound = bound(in, session.time());
        return new SessionAggregateOp(lower(in), session.time(), session.keys(), session.gap(), columns, keyLetter,
                Shapes.of(agg.getRowType(), typeFactory), bound != null && bound.offset() == 0 ? bound.table() : null);
    }

    private AggSpec aggSpec(AggregateCall call, RelDataType inType) {
        SqlKind kind = call.getAggregation().getKind();
        int[] args = call.getArgList().stream().mapToInt(Integer::intValue).toArray();
        int filter = call.filterArg;
        ColumnType result = Types.columnType(call.getType());
        String text = call.toString();
        if (call.isDistinct() && kind != SqlKind.MIN && kind != SqlKind.MAX) {
            throw unsupported(call.getAggregation().getName() + "(DISTINCT ...) here");
        }
        if (!call.collation.getFieldCollations().isEmpty()) {
            throw unsupported("an ordered aggregate (WITHIN GROUP / ORDER BY in " + call.getAggregation().getName() + ")");
        }
        switch (kind) {
            case COUNT:
                return new AggSpec(args.length == 0 ? AggSpec.Fn.COUNT_STAR : AggSpec.Fn.COUNT, args, filter,
                        AggSpec.Num.OTHER, result, text);
            case SUM:
            case SUM0:
            case AVG:
                return new AggSpec(kind == SqlKind.SUM ? AggSpec.Fn.SUM : kind == SqlKind.SUM0 ? AggSpec.Fn.SUM0
                        : AggSpec.Fn.AVG, args, filter, numOf(inType.getFieldList().get(args[0]).getType()),
                        result, text);
            case MIN:
            case MAX:
            case ANY_VALUE: {
                // a NOT NULL integer column unfiltered keeps its values as longs (a treap), not objects
                RelDataType argType = inType.getFieldList().get(args[0]).getType();
                AggSpec.Num num = filter < 0 && !argType.isNullable()
                        && org.apache.calcite.sql.type.SqlTypeName.INT_TYPES.contains(argType.getSqlTypeName())
                        ? AggSpec.Num.LONG : AggSpec.Num.OTHER;
                return new AggSpec(kind == SqlKind.MIN ? AggSpec.Fn.MIN : AggSpec.Fn.MAX, args, filter, num,
                        result, text);
            }
            case SINGLE_VALUE:
                return new AggSpec(AggSpec.Fn.SINGLE_VALUE, args, filter, AggSpec.Num.OTHER, result, text);
            case LITERAL_AGG: {
                // Calcite's marker for "the group exists" (subquery removal): the literal itself
                RexNode lit = call.rexList.get(0);
                if (!(lit instanceof RexLiteral l)) throw unsupported("LITERAL_AGG of a non-literal");
                return AggSpec.constant(literal(l, call.getType()), result, text);
            }
            default:
                break;
        }
        String name = call.getAggregation().getName().toUpperCase(Locale.ROOT);
        switch (name) {
            case "BOOL_AND":
            case "EVERY":
                return new AggSpec(AggSpec.Fn.MIN, args, filter, AggSpec.Num.OTHER, result, text);
            case "BOOL_OR":
            case "SOME":
                return new AggSpec(AggSpec.Fn.MAX, args, filter, AggSpec.Num.OTHER, result, text);
            case "GROUPING":
            case "GROUPING_ID":
                return new AggSpec(AggSpec.Fn.GROUPING, args, filter, AggSpec.Num.OTHER, result, text);
            default:
                throw unsupported("aggregate function " + name);
        }
    }

    private static AggSpec.Num numOf(RelDataType t) {
        switch (t.getSqlTypeName()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return AggSpec.Num.LONG;
            case DECIMAL:
                return AggSpec.Num.DECIMAL;
            case REAL:
            case FLOAT:
            case DOUBLE:
                return AggSpec.Num.DOUBLE;
            default:
                throw new UnsupportedSqlException("SUM/AVG of a " + t.getFullTypeString() + " is not supported");
        }
    }

    private Op values(LogicalValues values) {
        ZSet<Tuple> rows = new ZSet<>();
        RelDataType rowType = values.getRowType();
        for (List<RexLiteral> tuple : values.getTuples()) {
            Object[] v = new Object[tuple.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = literal(tuple.get(i), rowType.getFieldList().get(i).getType());
            }
            rows.add(Tuple.of(v), 1);
        }
        return new ValuesOp(rows);
    }

    /** A literal's internal value, as the column's type holds it. */
    private Object literal(RexLiteral lit, RelDataType type) {
        if (lit.isNull()) return null;
        Class<?> c = boxed(typeFactory.getJavaClass(type));
        Object v = lit.getValueAs(c);
        if (v instanceof BigDecimal d && type.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.DECIMAL) {
            return org.jdbsp.sql.runtime.Values.decimal(Types.columnType(type), d);
        }
        return v;
    }

    private static Class<?> boxed(java.lang.reflect.Type t) {
        if (t == int.class) return Integer.class;
        if (t == long.class) return Long.class;
        if (t == short.class) return Short.class;
        if (t == byte.class) return Byte.class;
        if (t == double.class) return Double.class;
        if (t == float.class) return Float.class;
        if (t == boolean.class) return Boolean.class;
        if (t == char.class) return Character.class;
        return t instanceof Class<?> c ? c : Object.class;
    }

    private Op sort(LogicalSort sort) {
        Op in = lower(sort.getInput());
        if (sort.fetch == null && sort.offset == null) return in;
        long offset = sort.offset == null ? 0 : count(sort.offset, "OFFSET");
        long fetch = sort.fetch == null ? Integer.MAX_VALUE : count(sort.fetch, "LIMIT");
        OrderComparator order = OrderComparator.of(sort.getCollation(), sort.getRowType());
        if (fetch == 0) return new ValuesOp(new ZSet<>());
        if (sort.fetch == null) throw unsupported("OFFSET without LIMIT");
        return new TopKOp(in, order, offset, fetch);
    }

    private long count(RexNode n, String what) {
        if (n instanceof RexLiteral lit) {
            Long v = lit.getValueAs(Long.class);
            if (v != null && v >= 0) return v;
        }
        throw unsupported(what + " that is not a non-negative constant");
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) return i;
        }
        throw new IllegalStateException();
    }

    private static RexBuilder rexBuilder(RelNode rel) {
        return rel.getCluster().getRexBuilder();
    }

    private UnsupportedSqlException unsupported(String what) {
        return new UnsupportedSqlException(where.where(1, 1) + ": " + what + " is not supported");
    }
}
