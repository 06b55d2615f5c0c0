package org.jdbsp.sql.compiler;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.PruneEmptyRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;
import org.jdbsp.sql.Column;
import org.jdbsp.sql.Schema;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.UnsupportedSqlException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Turns SQL text into jdbsp plans with Apache Calcite: parse, validate, {@link SqlToRelConverter}, subquery
 * removal, {@link RelDecorrelator}, then a fixed sequence of {@link HepPlanner} rule programs (no cost-based
 * search), then {@link Lowering} into operators with generated expression code. One planner per statement;
 * the work is proportional to the query's size. Internal.
 */
public final class Planner {
    /** The largest DECIMAL precision. */
    public static final int MAX_PRECISION = 38;

    /** The least scale of an exact AVG, PostgreSQL's. */
    static final int AVG_SCALE = 16;

    /**
     * SQL:2003 with checked arithmetic (overflow is an error) and PostgreSQL's habits: GROUP BY alias and
     * ordinal, {@code %}, {@code !=}, SELECT without FROM, {@code LIMIT m, n} and {@code OFFSET ... LIMIT}.
     */
    static final SqlConformance CONFORMANCE = new SqlDelegatingConformance(SqlConformanceEnum.DEFAULT) {
        @Override
        public boolean checkedArithmetic() {
            return true;
        }

        @Override
        public boolean isGroupByAlias() {
            return true;
        }

        @Override
        public boolean isGroupByOrdinal() {
            return true;
        }

        @Override
        public boolean isHavingAlias() {
            return true;
        }

        @Override
        public boolean isPercentRemainderAllowed() {
            return true;
        }

        @Override
        public boolean isBangEqualAllowed() {
            return true;
        }

        @Override
        public boolean isFromRequired() {
            return false;
        }

        @Override
        public boolean isLimitStartCountAllowed() {
            return true;
        }

        @Override
        public boolean isOffsetLimitAllowed() {
            return true;
        }
    };

    /**
     * DECIMAL up to 38 digits; SUM of an integer type is a BIGINT and of a DECIMAL(p, s) a DECIMAL(p + 10, s);
     * strings of different lengths in one VALUES or UNION become VARCHAR, not padded CHAR.
     */
    static final RelDataTypeSystem TYPE_SYSTEM = new RelDataTypeSystemImpl() {
        @Override
        public int getMaxPrecision(SqlTypeName typeName) {
            return typeName == SqlTypeName.DECIMAL ? MAX_PRECISION : super.getMaxPrecision(typeName);
        }

        @Override
        public int getMaxScale(SqlTypeName typeName) {
            return typeName == SqlTypeName.DECIMAL ? MAX_PRECISION : super.getMaxScale(typeName);
        }

        @Override
        public boolean shouldConvertRaggedUnionTypesToVarying() {
            return true;
        }

        /**
         * AVG of an integer or DECIMAL is an exact DECIMAL with at least 16 decimals, as in PostgreSQL, and as
         * many integer digits as its argument: a precision of 38 would leave later arithmetic no room for its scale.
         */
        @Override
        public RelDataType deriveAvgAggType(RelDataTypeFactory f, RelDataType arg) {
            SqlTypeName n = arg.getSqlTypeName();
            if (!SqlTypeName.INT_TYPES.contains(n) && n != SqlTypeName.DECIMAL) return super.deriveAvgAggType(f, arg);
            int scale = Math.max(AVG_SCALE, n == SqlTypeName.DECIMAL ? arg.getScale() : 0);
            int digits = n == SqlTypeName.DECIMAL ? arg.getPrecision() - arg.getScale() : integerDigits(n);
            return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL,
                    Math.min(MAX_PRECISION, digits + scale), scale), arg.isNullable());
        }

        @Override
        public RelDataType deriveSumType(RelDataTypeFactory f, RelDataType arg) {
            switch (arg.getSqlTypeName()) {
                case TINYINT:
                case SMALLINT:
                case INTEGER:
                case BIGINT:
                    return f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), arg.isNullable());
                case DECIMAL:
                    // ten more digits than the argument (sums of up to 10^10 rows), not 38: see deriveAvgAggType
                    return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL,
                            Math.min(MAX_PRECISION, arg.getPrecision() + 10), arg.getScale()), arg.isNullable());
                default:
                    return super.deriveSumType(f, arg);
            }
        }
    };

    private static final SqlParser.Config PARSER = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(CONFORMANCE);

    private static int integerDigits(SqlTypeName n) {
        switch (n) {
            case TINYINT: return 3;
            case SMALLINT: return 5;
            case INTEGER: return 10;
            default: return 19;
        }
    }

    private final Catalog catalog;
    private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl(TYPE_SYSTEM);

    public Planner(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Compiles {@code CREATE VIEW name [(columns)] AS query}. */
    public ViewDef view(String name, List<String> columns, Statement.QueryText q, boolean materialized) {
        CompiledQuery query = compile(q, columns, false);
        return new ViewDef(name, query, materialized);
    }

    /** Compiles a one-off query, keeping its ORDER BY for the rows' order. */
    public CompiledQuery query(Statement.QueryText q) {
        return compile(q, null, true);
    }

    /** Compiles a one-off query given as text. */
    public CompiledQuery query(String text) {
        return query(Statement.QueryText.of(text));
    }

    /** Compiles an INSERT, UPDATE or DELETE into the query that computes its changes. */
    public Dml dml(Statement st) {
        Statement.QueryText q = st.asQuery();
        SqlNode node = parse(q, true);
        return Dml.of(this, node, q);
    }

    // ---- the pipeline ----------------------------------------------------------------------------------

    SqlNode parse(Statement.QueryText q, boolean statement) {
        try {
            SqlParser p = SqlParser.create(q.text(), PARSER);
            return statement ? p.parseStmt() : p.parseQuery();
        } catch (SqlParseException e) {
            SqlParserPos pos = e.getPos();
            String msg = e.getMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            String first = nl < 0 ? String.valueOf(msg) : msg.substring(0, nl);
            first = first.replaceFirst("^Encountered (.*) at line \\d+, column \\d+\\.?$", "syntax error at $1");
            throw new SqlException((pos == null ? "" : q.where(pos.getLineNum(), pos.getColumnNum()) + ": ") + first);
        }
    }

    CompiledQuery compile(Statement.QueryText q, List<String> columnNames, boolean keepOrder) {
        return compile(() -> parse(q, false), q, columnNames, keepOrder);
    }

    /**
     * Compiles the query {@code node} gives (a fresh tree each call: Calcite's validator rewrites the tree it
     * validates). Subqueries become {@code RexSubQuery}s that {@code SubQueryRemoveRule} and
     * {@link RelDecorrelator} rewrite; a query that path cannot plan is retried with {@link SqlToRelConverter}'s
     * own expansion. (Calcite 1.42 gets each path wrong somewhere: its expansion turns {@code x NOT IN (SELECT
     * notNullColumn ...)} with a NULL {@code x} into TRUE; the RexSubQuery path resolves the select list of a
     * join whose ON condition needs a cast against shifted columns when the list holds a correlated subquery.)
     */
    CompiledQuery compile(java.util.function.Supplier<SqlNode> node, Statement.QueryText q, List<String> columnNames,
            boolean keepOrder) {
        try {
            return compile(node.get(), q, columnNames, keepOrder, false);
        } catch (UnsupportedSqlException | IllegalStateException | AssertionError e) {
            if (!isPlannerGap(e)) throw e;
            try {
                return compile(node.get(), q, columnNames, keepOrder, true);
            } catch (RuntimeException | AssertionError second) {
                throw e;
            }
        }
    }

    /**
     * Checks every expression of the converted plan against the row type of its input, as Calcite does only with
     * assertions enabled: its converter can resolve columns against a shifted row (see {@link #compile}), and a
     * plan that reads the wrong columns must not run.
     *
     * @throws UnsupportedSqlException naming the mismatch
     */
    private static void checkValid(RelNode rel, Statement.QueryText q) {
        new org.apache.calcite.rel.RelVisitor() {
            @Override
            public void visit(RelNode node, int ordinal, RelNode parent) {
                super.visit(node, ordinal, parent);
                String problem = null;
                try {
                    if (!node.isValid(org.apache.calcite.util.Litmus.THROW, null)) problem = "invalid " + node;
                } catch (AssertionError | RuntimeException e) {
                    problem = firstLine(e.getMessage()) + " in " + node.getRelTypeName();
                }
                if (problem != null) throw couldNotPlan(q, "its plan reads a column of the wrong type: " + problem);
            }
        }.go(rel);
    }

    /** Calcite failed on the query; {@link #isPlannerGap} recognises the message and tries the other path. */
    private static UnsupportedSqlException couldNotPlan(Statement.QueryText q, String why) {
        return new UnsupportedSqlException(q.where(1, 1) + ": Calcite could not plan this query (" + why + ")");
    }

    private static UnsupportedSqlException couldNotPlan(Statement.QueryText q, Throwable e) {
        return couldNotPlan(q, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }

    /** A failure of Calcite's subquery expansion or decorrelation, which the RexSubQuery path may not have. */
    private static boolean isPlannerGap(Throwable e) {
        String m = String.valueOf(rootMessage(e));
        return m.contains("contains $cor") || m.contains("could not decorrelate") || m.contains("could not plan")
                || m.contains("correlate variables resolver");
    }

    private static String rootMessage(Throwable e) {
        String m = e.getMessage();
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c.getMessage() != null) m = c.getMessage();
        }
        return m;
    }

    private CompiledQuery compile(SqlNode node, Statement.QueryText q, List<String> columnNames, boolean keepOrder,
            boolean expand) {
        Map<String, String> broadcast = BroadcastHints.take(node, q, catalog);
        Frontend fe = new Frontend(expand);
        SqlNode validated;
        try {
            validated = fe.validator.validate(node);
        } catch (CalciteContextException e) {
            throw new SqlException(q.where(e.getPosLine(), e.getPosColumn()) + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        } catch (RuntimeException e) {
            throw translate(e, q);
        }
        RelRoot root;
        try {
            root = fe.converter.convertQuery(validated, false, true);
        } catch (RuntimeException | AssertionError e) {
            throw couldNotPlan(q, e);
        }
        checkValid(root.rel, q);
        RelNode full = root.rel;
        List<Integer> fieldIndexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (var f : root.fields) {
            fieldIndexes.add(f.getKey());
            names.add(f.getValue());
        }
        RelNode rel = keepOrder ? full : root.project();
        try {
            rel = optimize(rel, fe);
        } catch (AssertionError | RuntimeException e) {
            if (Boolean.getBoolean("jdbsp.sql.debug")) e.printStackTrace(System.out);
            throw couldNotPlan(q, e);
        }
        if (columnNames != null && columnNames.size() != names.size()) {
            throw new SqlException(q.where(1, 1) + ": the view names " + columnNames.size()
                    + " columns but its query has " + names.size());
        }
        List<String> outNames = columnNames != null ? columnNames : names;
        Schema schema;
        int[] project;
        if (keepOrder) {
            project = fieldIndexes.stream().mapToInt(Integer::intValue).toArray();
            schema = schemaOf(rel.getRowType(), project, outNames);
        } else {
            project = null;
            int[] all = new int[rel.getRowType().getFieldCount()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            schema = schemaOf(rel.getRowType(), all, outNames);
        }
        Lowering lowering = new Lowering(catalog, q, typeFactory, broadcast);
        Op op = lowering.lower(rel);
        lowering.checkBroadcastHintsUsed();
        return new CompiledQuery(op, schema, lowering.sources(), RelOptUtil.toString(rel),
                keepOrder ? OrderComparator.of(root.collation, rel.getRowType()) : null, project,
                lowering.bounds(rel), lowering.notNullColumns(rel));
    }

    private static void debug(String stage, RelNode rel) {
        if (Boolean.getBoolean("jdbsp.sql.debug")) System.out.println(stage + ":\n" + RelOptUtil.toString(rel));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private RuntimeException translate(RuntimeException e, Statement.QueryText q) {
        if (e instanceof SqlException) return e;
        Throwable c = e;
        while (c != null) {
            if (c instanceof CalciteContextException cc) {
                return new SqlException(q.where(cc.getPosLine(), cc.getPosColumn()) + ": "
                        + (cc.getCause() != null ? cc.getCause().getMessage() : cc.getMessage()));
            }
            c = c.getCause();
        }
        if (e instanceof UnsupportedOperationException) {
            return new UnsupportedSqlException(q.where(1, 1) + ": not supported by the planner: " + e.getMessage());
        }
        return new SqlException(q.where(1, 1) + ": " + e, e);
    }

    /**
     * {@code rel} with every operator's unused columns trimmed (Calcite's {@code RelFieldTrimmer}), if that keeps
     * joins from storing text or other variable-width columns that nothing above them reads (Nexmark q6's join
     * kept whole bids, {@code extra} included, because its condition reads the rows); otherwise {@code rel} as it
     * is, since the projection under a join copies every changed row, which costs more than narrow rows save. Not
     * for plans with a correlate or a snapshot, where the trimmer loses track of columns.
     */
    private static RelNode trimWideColumns(RelNode rel, RelBuilder relBuilder) {
        if (contains(rel, org.apache.calcite.rel.core.Correlate.class)
                || contains(rel, org.apache.calcite.rel.core.Snapshot.class)) {
            return rel;
        }
        RelNode trimmed = new org.apache.calcite.sql2rel.RelFieldTrimmer(null, relBuilder).trim(rel);
        return wideJoinColumns(trimmed) < wideJoinColumns(rel) ? trimmed : rel;
    }

    /** The number of variable-width columns (text, decimals, binaries) the joins of {@code rel} take as input. */
    private static int wideJoinColumns(RelNode rel) {
        int n = 0;
        if (rel instanceof org.apache.calcite.rel.core.Join) {
            for (RelNode in : rel.getInputs()) {
                for (var f : in.getRowType().getFieldList()) {
                    if (!fixedWidth(f.getType().getSqlTypeName())) n++;
                }
            }
        }
        for (RelNode in : rel.getInputs()) n += wideJoinColumns(in);
        return n;
    }

    /** Whether values of {@code type} have a fixed width (numbers, booleans, dates and times), unlike text or decimals. */
    static boolean fixedWidth(org.apache.calcite.sql.type.SqlTypeName type) {
        return FIXED_WIDTH.contains(type);
    }

    private static final java.util.Set<org.apache.calcite.sql.type.SqlTypeName> FIXED_WIDTH = java.util.EnumSet.of(
            org.apache.calcite.sql.type.SqlTypeName.BOOLEAN, org.apache.calcite.sql.type.SqlTypeName.TINYINT,
            org.apache.calcite.sql.type.SqlTypeName.SMALLINT, org.apache.calcite.sql.type.SqlTypeName.INTEGER,
            org.apache.calcite.sql.type.SqlTypeName.BIGINT, org.apache.calcite.sql.type.SqlTypeName.REAL,
            org.apache.calcite.sql.type.SqlTypeName.FLOAT, org.apache.calcite.sql.type.SqlTypeName.DOUBLE,
            org.apache.calcite.sql.type.SqlTypeName.DATE, org.apache.calcite.sql.type.SqlTypeName.TIME,
            org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP);

    /** Whether {@code rel} or an operator below it is a {@code type}. */
    private static boolean contains(RelNode rel, Class<? extends RelNode> type) {
        if (type.isInstance(rel)) return true;
        for (RelNode in : rel.getInputs()) {
            if (contains(in, type)) return true;
        }
        return false;
    }

    RelNode optimize(RelNode rel, Frontend fe) {
        debug("converted", rel);
        rel = RoundingCasts.apply(rel);
        rel = hep(rel, CoreRules.FILTER_SUB_QUERY_TO_CORRELATE, CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);
        RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(fe.cluster, fe.catalogReader);
        debug("subqueries removed", rel);
        rel = ConstantGroupKeys.apply(rel, relBuilder);
        debug("constant grouping rewritten", rel);
        rel = RelDecorrelator.decorrelateQuery(rel, relBuilder);
        debug("decorrelated", rel);
        rel = hep(rel, CoreRules.FILTER_REDUCE_EXPRESSIONS, CoreRules.PROJECT_REDUCE_EXPRESSIONS,
                CoreRules.FILTER_MERGE, CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE,
                CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH, CoreRules.UNION_MERGE,
                PruneEmptyRules.FILTER_INSTANCE, PruneEmptyRules.PROJECT_INSTANCE,
                PruneEmptyRules.JOIN_LEFT_INSTANCE, PruneEmptyRules.JOIN_RIGHT_INSTANCE,
                PruneEmptyRules.AGGREGATE_INSTANCE, PruneEmptyRules.UNION_INSTANCE, PruneEmptyRules.SORT_INSTANCE);
        rel = reorderJoins(rel);
        rel = trimWideColumns(rel, relBuilder);
        rel = hep(rel, EXPAND_OTHER_DISTINCT_AGGREGATES, CoreRules.INTERSECT_TO_DISTINCT,
                CoreRules.MINUS_TO_DISTINCT, CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW);
        // checked arithmetic last, so that no rule above rewrites it with types it was not derived for
        rel = rel.accept(new ConvertToChecked(fe.cluster.getRexBuilder(), true));
        rel = hep(rel, CoreRules.FILTER_TO_CALC, CoreRules.PROJECT_TO_CALC, CoreRules.CALC_MERGE,
                CoreRules.CALC_REMOVE);
        // last, so that its branches filter and pick from the one Calc below the aggregate, computed once per
        // row, instead of each merging a copy of it
        rel = DistinctAggregates.apply(rel, relBuilder);
        debug("distinct aggregates unioned", rel);
        return rel;
    }

    /**
     * Calcite's expansion of distinct aggregates into joins, for the aggregates {@link DistinctAggregates} leaves
     * alone (a lone distinct aggregate, or other functions beside one).
     */
    private static final org.apache.calcite.plan.RelOptRule EXPAND_OTHER_DISTINCT_AGGREGATES =
            org.apache.calcite.rel.rules.AggregateExpandDistinctAggregatesRule.Config.JOIN
                    .withOperandSupplier(b -> b.operand(org.apache.calcite.rel.logical.LogicalAggregate.class)
                            .predicate(a -> !DistinctAggregates.handles(a)).anyInputs())
                    .as(org.apache.calcite.rel.rules.AggregateExpandDistinctAggregatesRule.Config.class)
                    .toRule();

    /**
     * Reorders each tree of inner joins so that joined relations share a condition where the conditions allow
     * (Calcite's greedy bushy heuristic over a MultiJoin, fast for dozens of tables): a FROM list whose neighbours share
     * no condition would otherwise build cross products.
     */
    private static RelNode reorderJoins(RelNode rel) {
        HepProgramBuilder b = new HepProgramBuilder();
        b.addMatchOrder(org.apache.calcite.plan.hep.HepMatchOrder.BOTTOM_UP);
        b.addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN);
        b.addRuleInstance(BUSHY_INNER);
        // a MultiJoin with outer joins goes to the exhaustive rule, which keeps them (the bushy one would not)
        b.addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE);
        HepPlanner hep = new HepPlanner(b.build());
        hep.setRoot(rel);
        RelNode out = hep.findBestExp();
        return hep(out, CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE, CoreRules.FILTER_MERGE);
    }

    /** The bushy heuristic, for MultiJoins of inner joins only. */
    private static final org.apache.calcite.plan.RelOptRule BUSHY_INNER =
            org.apache.calcite.rel.rules.MultiJoinOptimizeBushyRule.Config.DEFAULT
                    .withOperandSupplier(o -> o.operand(org.apache.calcite.rel.rules.MultiJoin.class)
                            .predicate(Planner::innerOnly).anyInputs())
                    .as(org.apache.calcite.rel.rules.MultiJoinOptimizeBushyRule.Config.class)
                    .toRule();

    private static boolean innerOnly(org.apache.calcite.rel.rules.MultiJoin mj) {
        if (mj.isFullOuterJoin()) return false;
        for (var t : mj.getJoinTypes()) {
            if (t != org.apache.calcite.rel.core.JoinRelType.INNER) return false;
        }
        return true;
    }

    private static RelNode hep(RelNode rel, org.apache.calcite.plan.RelOptRule... rules) {
        HepProgramBuilder b = new HepProgramBuilder();
        for (var r : rules) b.addRuleInstance(r);
        HepPlanner hep = new HepPlanner(b.build());
        hep.setRoot(rel);
        return hep.findBestExp();
    }

    // ---- the Calcite objects of one statement ------------------------------------------------------------

    /**
     * A table as Calcite sees it: its row type, and temporal, so that a join may read it {@code FOR SYSTEM_TIME AS
     * OF} a row's time (a lookup of the table's current version; see {@code Lowering}). It has no period columns:
     * jdbsp keeps no history of a table.
     */
    private static final class VersionedTable extends AbstractTable implements org.apache.calcite.schema.TemporalTable {
        private final Schema schema;

        VersionedTable(Schema schema) {
            this.schema = schema;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return Types.rowType(f, schema);
        }

        @Override
        public String getSysStartFieldName() {
            return "";
        }

        @Override
        public String getSysEndFieldName() {
            return "";
        }
    }

    /** Calcite's catalog reader, validator, cluster and converter over the current catalog. */
    final class Frontend {
        final CalciteCatalogReader catalogReader;
        final SqlValidator validator;
        final RelOptCluster cluster;
        final SqlToRelConverter converter;

        Frontend(boolean expand) {
            CalciteSchema root = CalciteSchema.createRootSchema(false, false);
            for (String name : catalog.relationNames()) {
                Schema s = catalog.relationSchema(name);
                root.add(name, catalog.exists(name, true) ? new VersionedTable(s) : new AbstractTable() {
                    @Override
                    public RelDataType getRowType(RelDataTypeFactory f) {
                        return Types.rowType(f, s);
                    }
                });
            }
            // Flink SQL's string functions of the streaming texts (org.jdbsp.sql.runtime.FlinkFunctions)
            root.plus().add("split_index", org.apache.calcite.schema.impl.ScalarFunctionImpl.create(
                    org.jdbsp.sql.runtime.FlinkFunctions.class, "splitIndex"));
            root.plus().add("regexp_extract", org.apache.calcite.schema.impl.ScalarFunctionImpl.create(
                    org.jdbsp.sql.runtime.FlinkFunctions.class, "regexpExtract"));
            root.plus().add("date_format", org.apache.calcite.schema.impl.ScalarFunctionImpl.create(
                    org.jdbsp.sql.runtime.FlinkFunctions.class, "dateFormat"));
            Properties props = new Properties();
            props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
            props.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), Casing.TO_LOWER.name());
            props.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), Casing.UNCHANGED.name());
            catalogReader = new CalciteCatalogReader(root, List.of(), typeFactory,
                    new CalciteConnectionConfigImpl(props));
            SqlOperatorTable ops = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
                    SqlOperatorTables.of(CumulateTableFunction.INSTANCE),
                    SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.POSTGRESQL), catalogReader);
            validator = SqlValidatorUtil.newValidator(ops, catalogReader, typeFactory,
                    SqlValidator.Config.DEFAULT.withConformance(CONFORMANCE).withIdentifierExpansion(true)
                            .withDefaultNullCollation(NullCollation.HIGH));
            VolcanoPlanner volcano = new VolcanoPlanner();
            volcano.addRelTraitDef(ConventionTraitDef.INSTANCE);
            volcano.setExecutor(RexUtil.EXECUTOR);
            cluster = RelOptCluster.create(volcano, new RexBuilder(typeFactory));
            converter = new SqlToRelConverter((rowType, queryString, schemaPath, viewPath) -> {
                throw new UnsupportedSqlException("view expansion");
            }, validator, catalogReader, cluster, StandardConvertletTable.INSTANCE,
                    SqlToRelConverter.config().withExpand(expand).withTrimUnusedFields(false));
        }
    }


    Catalog catalog() {
        return catalog;
    }

    /** The schema of a plan's output: the given fields of {@code rowType}, named {@code names}. */
    static Schema schemaOf(RelDataType rowType, int[] fields, List<String> names) {
        List<Column> cols = new ArrayList<>();
        List<RelDataTypeField> list = rowType.getFieldList();
        for (int i = 0; i < fields.length; i++) {
            RelDataType t = list.get(fields[i]).getType();
            cols.add(new Column(names.get(i), Types.columnType(t), t.isNullable()));
        }
        return new Schema(cols);
    }
}
