package org.jdbsp.sql.pg;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random generator of SQL in the manner of SQLancer: schemas, data, queries and DML that PostgreSQL and
 * jdbsp must agree on. Everything it writes is the same text for both systems.
 *
 * <p>It keeps the results deterministic and type-stable in both: integer expressions carry a bound on their
 * magnitude and are never allowed past it (no overflow, in PostgreSQL's int4 nor in Calcite's INTEGER sums);
 * divisors are {@code NULLIF(x, 0)}; DECIMAL is never divided; doubles hold multiples of 1/4 so that sums and
 * products are exact, and a double that may not be exact (a quotient, an average, a cast decimal) is only ever
 * projected, never compared, grouped on or joined on; strings compare in the C collation (the cluster's);
 * averages are of DOUBLE PRECISION; scalar subqueries are aggregates without GROUP BY, so exactly one row.
 *
 * <p>Tables hold at most {@link #MAX_ROWS} rows; the DML generator keeps to that and to the primary keys (an
 * INSERT only brings keys that are not in the table, as the {@link Oracle} says).
 */
public final class SqlGen {
    /** The most rows a table holds. */
    public static final int MAX_ROWS = 40;

    /** Column types, with their DDL spelling (the same in PostgreSQL and jdbsp). */
    public enum Ty {
        INT("INTEGER"), BIGINT("BIGINT"), DEC("DECIMAL(10,2)"), DBL("DOUBLE PRECISION"), STR("VARCHAR(10)"),
        BOOL("BOOLEAN"), DATE("DATE");

        final String ddl;

        Ty(String ddl) {
            this.ddl = ddl;
        }

        /** INT and BIGINT are one family: either may stand where the other is asked for. */
        Ty family() {
            return this == BIGINT ? INT : this;
        }

        boolean numeric() {
            return this == INT || this == BIGINT || this == DEC || this == DBL;
        }
    }

    public record Col(String name, Ty type, boolean notNull) {
    }

    /** A table: its columns and the positions of its primary key's columns (empty when it has none). */
    public record Table(String name, List<Col> cols, List<Integer> pk) {
        public String ddl() {
            StringBuilder sb = new StringBuilder("CREATE TABLE ").append(name).append(" (");
            for (int i = 0; i < cols.size(); i++) {
                Col c = cols.get(i);
                if (i > 0) sb.append(", ");
                sb.append(c.name()).append(' ').append(c.type().ddl);
                if (c.notNull()) sb.append(" NOT NULL");
            }
            if (!pk.isEmpty()) {
                sb.append(", PRIMARY KEY (");
                for (int i = 0; i < pk.size(); i++) sb.append(i > 0 ? ", " : "").append(cols.get(pk.get(i)).name());
                sb.append(')');
            }
            return sb.append(')').toString();
        }

        boolean isKey(int col) {
            return pk.contains(col);
        }
    }

    /** What the DML generator needs to know of a table's current contents. */
    public interface Oracle {
        /** The number of rows in the table now (an upper bound will do). */
        long rowCount(Table t);

        /** The primary keys in the table now, each as {@link #keyOf} writes it; unused for tables without one. */
        Set<List<String>> keys(Table t);
    }

    /** A generated query: its text and its columns' types. */
    public record Query(String sql, List<Ty> types) {
    }

    private final Random rnd;
    private Set<Feature> features;
    private final List<Table> tables;
    private int aliases;
    /** How many more subqueries the query being generated may hold. */
    private int subqueryBudget;

    public SqlGen(long seed, Set<Feature> features) {
        this.rnd = new Random(seed);
        this.features = features;
        this.tables = makeSchema();
    }

    public List<Table> tables() {
        return tables;
    }

    public Random random() {
        return rnd;
    }

    // ------------------------------------------------------------------------------------------------ schema

    private List<Table> makeSchema() {
        int n = 2 + rnd.nextInt(3);
        List<Table> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int ncols = 2 + rnd.nextInt(4);
            boolean hasPk = rnd.nextInt(10) < 4;
            int pkCols = hasPk ? (rnd.nextInt(5) == 0 ? 2 : 1) : 0;
            List<Col> cols = new ArrayList<>();
            List<Integer> pk = new ArrayList<>();
            for (int c = 0; c < ncols; c++) {
                Ty ty;
                boolean notNull;
                if (c < pkCols) {
                    ty = pick(Ty.INT, Ty.INT, Ty.INT, Ty.BIGINT, Ty.STR, Ty.DATE);
                    notNull = true;
                    pk.add(c);
                } else {
                    // the first column is an integer, so that every pair of tables has a column to join on
                    ty = c == 0 ? Ty.INT : pick(Ty.INT, Ty.INT, Ty.INT, Ty.BIGINT, Ty.DEC, Ty.DEC, Ty.DBL, Ty.STR,
                            Ty.STR, Ty.BOOL, Ty.DATE);
                    notNull = rnd.nextInt(4) == 0;
                }
                cols.add(new Col("c" + c, ty, notNull));
            }
            out.add(new Table("t" + t, List.copyOf(cols), List.copyOf(pk)));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------ values

    private static final long[] INTS = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 10, 12, 20, 25, -1, -3, -5};
    private static final long[] BIGS = {0, 1, 2, 3, 5, 7, 10, -2, 3_000_000_000L, -5_000_000_000L, 4_000_000_001L};
    private static final String[] DECS = {"0.00", "1.00", "1.50", "2.25", "-3.10", "10.05", "7.99", "0.01", "5.50",
        "-0.50", "12.34", "3.00", "2.50"};
    private static final double[] DBLS = {0.0, 1.0, 1.5, -2.25, 3.75, 10.0, 0.25, -0.5, 7.0, 2.0, 1.0, 2.5};
    private static final String[] STRS = {"a", "b", "ab", "ba", "abc", "B", "xyz", "", "o'k", "a b", "b", "a"};
    private static final LocalDate[] DATES = {LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 15),
        LocalDate.of(2024, 2, 29), LocalDate.of(2023, 12, 31), LocalDate.of(2025, 6, 30), LocalDate.of(2024, 3, 1)};

    /** The magnitude bound of a column's values (the DML keeps them inside). */
    private static double columnBound(Ty ty) {
        switch (ty) {
            case INT: return 100;
            case BIGINT: return 1e10;
            case DEC: return 100;
            case DBL: return 100;
            default: return 0;
        }
    }

    private Object value(Ty ty) {
        switch (ty) {
            case INT: return INTS[rnd.nextInt(INTS.length)];
            case BIGINT: return BIGS[rnd.nextInt(BIGS.length)];
            case DEC: return new BigDecimal(DECS[rnd.nextInt(DECS.length)]);
            case DBL: return DBLS[rnd.nextInt(DBLS.length)];
            case STR: return STRS[rnd.nextInt(STRS.length)];
            case BOOL: return rnd.nextBoolean();
            case DATE: return DATES[rnd.nextInt(DATES.length)];
            default: throw new AssertionError(ty);
        }
    }

    /** A value for a primary key column, from a domain larger than the table. */
    private Object keyValue(Ty ty) {
        switch (ty) {
            case INT:
            case BIGINT: return (long) (rnd.nextInt(50) - 5);
            case STR: return rnd.nextInt(3) == 0 ? STRS[rnd.nextInt(STRS.length)] : "k" + rnd.nextInt(45);
            case DATE: return DATES[0].plusDays(rnd.nextInt(50));
            default: throw new AssertionError(ty);
        }
    }

    /** A value as SQL text: {@code NULL}, {@code 3}, {@code -3}, {@code 1.50}, {@code 'a'}, {@code DATE '...'}. */
    static String literal(Ty ty, Object v) {
        if (v == null) return "NULL";
        switch (ty) {
            case INT:
            case BIGINT:
            case DEC: return v.toString();
            case DBL: {
                double d = (Double) v;
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) + ".0" : Double.toString(d);
            }
            case STR: return "'" + ((String) v).replace("'", "''") + "'";
            case BOOL: return ((Boolean) v) ? "TRUE" : "FALSE";
            case DATE: return "DATE '" + v + "'";
            default: throw new AssertionError(ty);
        }
    }

    /**
     * A value as an operand of an expression: negative numbers in parentheses, doubles cast, strings cast to
     * VARCHAR unless {@link Feature#BARE_STRING_LITERALS}.
     */
    private String operand(Ty ty, Object v) {
        String s = literal(ty, v);
        if (ty == Ty.DBL) return "CAST(" + s + " AS DOUBLE PRECISION)";
        if (ty == Ty.STR && !features.contains(Feature.BARE_STRING_LITERALS)) return "CAST(" + s + " AS VARCHAR(10))";
        return s.startsWith("-") ? "(" + s + ")" : s;
    }

    /** A key value as {@link Oracle#keys} gives it. */
    public static String keyOf(Object v) {
        if (v instanceof Number n) return Long.toString(n.longValue());
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        return String.valueOf(v);
    }

    // ------------------------------------------------------------------------------------------------ DML

    /** The INSERTs that fill the tables at first: 4 to 14 rows each. */
    public List<String> initialInserts(Oracle oracle) {
        List<String> out = new ArrayList<>();
        for (Table t : tables) {
            String s = insert(t, oracle, 4 + rnd.nextInt(11));
            if (s == null) continue;
            if (features.contains(Feature.MULTI_ROW_INSERT)) {
                out.add(s);
            } else {
                out.addAll(Differential.splitInsert(s));
            }
        }
        return out;
    }

    /** One random INSERT, UPDATE or DELETE. */
    public String dml(Oracle oracle) {
        Table t = tables.get(rnd.nextInt(tables.size()));
        long n = oracle.rowCount(t);
        int r = rnd.nextInt(100);
        if (n < 6) r = r / 2;                 // mostly inserts into a small table
        if (n > MAX_ROWS - 4) r = 50 + r / 2; // no inserts into a full one
        if (r < 45) {
            String s = insert(t, oracle, features.contains(Feature.MULTI_ROW_INSERT) ? 1 + rnd.nextInt(3) : 1);
            if (s != null) return s;
        }
        if (r < 75) return update(t);
        return delete(t);
    }

    private String insert(Table t, Oracle oracle, int rows) {
        rows = (int) Math.min(rows, MAX_ROWS - oracle.rowCount(t));
        if (rows <= 0) return null;
        Set<List<String>> keys = t.pk().isEmpty() ? Set.of() : new HashSet<>(oracle.keys(t));
        List<Object[]> values = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Object[] row = new Object[t.cols().size()];
            if (!values.isEmpty() && t.pk().isEmpty() && rnd.nextInt(5) == 0) {
                row = values.get(rnd.nextInt(values.size())).clone(); // a duplicate
            } else {
                for (int c = 0; c < row.length; c++) {
                    Col col = t.cols().get(c);
                    if (!col.notNull() && rnd.nextInt(5) == 0) continue;
                    row[c] = value(col.type());
                }
            }
            if (!t.pk().isEmpty()) {
                boolean found = false;
                for (int attempt = 0; attempt < 20 && !found; attempt++) {
                    List<String> key = new ArrayList<>();
                    for (int k : t.pk()) {
                        row[k] = keyValue(t.cols().get(k).type());
                        key.add(keyOf(row[k]));
                    }
                    found = keys.add(key);
                }
                if (!found) continue;
            }
            values.add(row);
        }
        if (values.isEmpty()) return null;
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(t.name()).append(" (");
        for (int c = 0; c < t.cols().size(); c++) sb.append(c > 0 ? ", " : "").append(t.cols().get(c).name());
        sb.append(") VALUES ");
        for (int r = 0; r < values.size(); r++) {
            sb.append(r > 0 ? ", " : "").append('(');
            for (int c = 0; c < t.cols().size(); c++) {
                sb.append(c > 0 ? ", " : "").append(literal(t.cols().get(c).type(), values.get(r)[c]));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private Scope tableScope(Table t, String qualifier) {
        List<Ref> refs = new ArrayList<>();
        for (Col c : t.cols()) {
            refs.add(new Ref(qualifier, c.name(), c.type(), columnBound(c.type()), c.type() == Ty.DEC ? 2 : 0, false,
                    !c.notNull()));
        }
        return new Scope(refs, null, MAX_ROWS);
    }

    private String update(Table t) {
        List<Integer> settable = new ArrayList<>();
        for (int c = 0; c < t.cols().size(); c++) if (!t.isKey(c)) settable.add(c);
        if (settable.isEmpty()) return delete(t);
        Scope scope = tableScope(t, t.name());
        int n = 1 + (settable.size() > 1 && rnd.nextBoolean() ? 1 : 0);
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < n) chosen.add(settable.get(rnd.nextInt(settable.size())));
        StringBuilder sb = new StringBuilder("UPDATE ").append(t.name()).append(" SET ");
        boolean first = true;
        for (int c : chosen) {
            Col col = t.cols().get(c);
            sb.append(first ? "" : ", ").append(col.name()).append(" = ").append(assignment(t, col, scope));
            first = false;
        }
        if (rnd.nextInt(20) > 0) sb.append(" WHERE ").append(dmlWhere(scope));
        return sb.toString();
    }

    /** A value for {@code SET col = ...} that keeps the column inside its domain and bound. */
    private String assignment(Table t, Col col, Scope scope) {
        String self = t.name() + "." + col.name();
        if (!features.contains(Feature.UPDATE_EXPRESSION) || rnd.nextInt(3) == 0) {
            return col.notNull() || rnd.nextInt(6) > 0 ? literal(col.type(), value(col.type())) : "NULL";
        }
        switch (rnd.nextInt(4)) {
            case 0: { // another column of the same type
                for (Col other : t.cols()) {
                    if (other != col && other.type() == col.type() && rnd.nextBoolean()) {
                        String o = t.name() + "." + other.name();
                        return col.notNull() && !other.notNull()
                                ? "COALESCE(" + o + ", " + operand(col.type(), value(col.type())) + ")" : o;
                    }
                }
                break;
            }
            case 1: { // CASE WHEN p THEN literal ELSE the column END
                aliases = 0;
                subqueryBudget = 0;
                Ctx ctx = new Ctx(scope, null, false, 1);
                return "CASE WHEN " + pred(ctx) + " THEN " + operand(col.type(), value(col.type())) + " ELSE " + self
                        + " END";
            }
            default:
                break;
        }
        switch (col.type()) {
            case INT: return "20 - " + self;
            case BIGINT: return "7 - " + self;
            case DEC: return rnd.nextBoolean() ? "10.50 - " + self : "- " + self;
            case DBL: return "5.5 - " + self;
            case STR: return pick("UPPER(" + self + ")", "LOWER(" + self + ")", "SUBSTRING(" + self + " FROM 1 FOR 2)");
            case BOOL: {
                if (rnd.nextBoolean()) return "NOT " + self;
                aliases = 0;
                subqueryBudget = 0;
                Ctx ctx = new Ctx(scope, null, false, 1);
                String p = pred(ctx);
                return col.notNull() ? "COALESCE(" + p + ", FALSE)" : p;
            }
            case DATE: return literal(col.type(), value(col.type()));
            default: throw new AssertionError(col.type());
        }
    }

    private String delete(Table t) {
        Scope scope = tableScope(t, t.name());
        if (rnd.nextInt(50) == 0) return "DELETE FROM " + t.name();
        return "DELETE FROM " + t.name() + " WHERE " + dmlWhere(scope);
    }

    private String dmlWhere(Scope scope) {
        Set<Feature> all = features;
        if (!all.contains(Feature.DML_CONDITIONALS)) {
            features = java.util.EnumSet.copyOf(all);
            features.removeAll(List.of(Feature.COALESCE, Feature.NULLIF, Feature.CASE, Feature.SIMPLE_CASE));
        }
        try {
            return dmlWhereWith(scope);
        } finally {
            features = all;
        }
    }

    private String dmlWhereWith(Scope scope) {
        aliases = 0;
        subqueryBudget = 1;
        Ctx ctx = new Ctx(scope, null, features.contains(Feature.DML_SUBQUERY), 1 + rnd.nextInt(2));
        // mostly narrow predicates, so that the tables do not empty
        if (rnd.nextInt(3) > 0) {
            Ref r = scope.refs.get(rnd.nextInt(scope.refs.size()));
            if (r.ty != Ty.DBL || rnd.nextBoolean()) {
                return r.sql() + " = " + operand(r.ty, value(r.ty));
            }
        }
        return pred(ctx);
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** A column visible in a scope: its SQL, type and what is known of its values. */
    record Ref(String qual, String name, Ty ty, double bound, int scale, boolean inexact, boolean nullable) {
        Ref asNullable() {
            return new Ref(qual, name, ty, bound, scale, inexact, true);
        }

        String sql() {
            return qual == null ? name : qual + "." + name;
        }

        E expr() {
            return new E(sql(), ty, bound, scale, inexact);
        }
    }

    /** The columns of a FROM clause, the scope it is nested in (for correlation), and a bound on its rows. */
    record Scope(List<Ref> refs, Scope outer, double rows, boolean joined) {
        Scope(List<Ref> refs, Scope outer, double rows) {
            this(refs, outer, rows, false);
        }

        Scope withOuter(Scope o) {
            return new Scope(refs, o, rows, joined);
        }
    }

    /** The scope a subquery of {@code s} may refer to: {@code s}, or none where correlation is switched off. */
    private Scope correlation(Scope s) {
        if (s == null || !features.contains(Feature.CORRELATED)) return null;
        for (Scope x = s; x != null; x = x.outer) {
            if (x.joined && !features.contains(Feature.CORRELATED_OVER_JOIN)) return null;
        }
        return s;
    }

    /** An expression: its text, type (family member), magnitude bound, decimal scale and whether it may be inexact. */
    record E(String sql, Ty ty, double bound, int scale, boolean inexact) {
    }

    /** The aggregation a SELECT list or HAVING is in: the group keys and the rows aggregated. */
    record Agg(List<E> keys, Scope inner) {
    }

    /** Where an expression is generated. */
    record Ctx(Scope scope, Agg agg, boolean subqueries, int depth) {
        Ctx deeper() {
            return new Ctx(scope, agg, subqueries, depth - 1);
        }

        Ctx withDepth(int d) {
            return new Ctx(scope, agg, subqueries, d);
        }
    }

    /** A random view query. */
    public Query query() {
        aliases = 0;
        subqueryBudget = rnd.nextInt(4);
        int shapes = rnd.nextInt(100);
        List<Ty> types = randomTypes(1 + rnd.nextInt(3));
        if (shapes < 15 && hasAny(Feature.UNION, Feature.UNION_ALL, Feature.INTERSECT, Feature.EXCEPT,
                Feature.INTERSECT_ALL, Feature.EXCEPT_ALL)) {
            return new Query(setOp(types, 0).sql, types);
        }
        return new Query(select(types, null, 0, true).sql, types);
    }

    private List<Ty> randomTypes(int n) {
        List<Ty> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pick(Ty.INT, Ty.INT, Ty.INT, Ty.DEC, Ty.DBL, Ty.STR, Ty.STR, Ty.BOOL, Ty.DATE));
        }
        return out;
    }

    /** A generated SELECT (or set operation): its text and its items. */
    private record Sel(String sql, List<E> items) {
    }

    private Sel setOp(List<Ty> types, int depth) {
        List<String> ops = new ArrayList<>();
        if (features.contains(Feature.UNION)) ops.add("UNION");
        if (features.contains(Feature.UNION_ALL)) ops.add("UNION ALL");
        if (features.contains(Feature.INTERSECT)) ops.add("INTERSECT");
        if (features.contains(Feature.EXCEPT)) ops.add("EXCEPT");
        if (features.contains(Feature.INTERSECT_ALL)) ops.add("INTERSECT ALL");
        if (features.contains(Feature.EXCEPT_ALL)) ops.add("EXCEPT ALL");
        String op = ops.get(rnd.nextInt(ops.size()));
        Sel left = select(types, null, depth + 1, false);
        Sel right = select(types, null, depth + 1, false);
        List<E> items = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) items.add(merge(left.items.get(i), right.items.get(i)));
        return new Sel(left.sql + " " + op + " " + right.sql, items);
    }

    /** A SELECT whose columns, named c0, c1, ..., have the given types; {@code outer} is for correlation. */
    private Sel select(List<Ty> types, Scope outer, int depth, boolean top) {
        From from = from(depth);
        Scope scope = from.scope.withOuter(outer);
        boolean subs = depth < 2;
        StringBuilder sb = new StringBuilder("SELECT ");
        boolean aggregate = (features.contains(Feature.GROUP_BY) || features.contains(Feature.GLOBAL_AGGREGATE))
                && rnd.nextInt(100) < 35;
        boolean distinct = features.contains(Feature.DISTINCT) && rnd.nextInt(100) < 15;
        String where = rnd.nextInt(100) < 60 ? pred(new Ctx(scope, null, subs, 1 + rnd.nextInt(2))) : null;
        if (subs && features.contains(Feature.IN_SUBQUERY) && subqueryBudget > 0 && rnd.nextInt(100) < 12) {
            subqueryBudget--;
            String in = inSubquery(new Ctx(scope, null, subs, 0), false, false);
            if (in != null) where = where == null ? in : "(" + where + " AND " + in + ")";
        }
        List<E> items = new ArrayList<>();
        String groupBy = null;
        String having = null;
        if (aggregate) {
            List<E> keys = new ArrayList<>();
            int nkeys = features.contains(Feature.GROUP_BY) ? rnd.nextInt(3) : 0;
            if (nkeys == 0 && !features.contains(Feature.GLOBAL_AGGREGATE)) nkeys = 1;
            for (int i = 0; i < nkeys; i++) {
                E k = groupKey(scope);
                if (k != null && keys.stream().noneMatch(x -> x.sql.equals(k.sql))) keys.add(k);
            }
            Agg agg = new Agg(keys, new Scope(from.scope.refs, null, from.scope.rows));
            Ctx actx = new Ctx(scope, agg, false, 1 + rnd.nextInt(2));
            for (Ty ty : types) items.add(expr(ty, actx, false));
            if (!keys.isEmpty()) {
                StringBuilder g = new StringBuilder();
                for (E k : keys) g.append(g.length() > 0 ? ", " : "").append(k.sql);
                groupBy = g.toString();
            }
            if (features.contains(Feature.HAVING) && rnd.nextInt(100) < 40) having = pred(actx);
        } else {
            Ctx ctx = new Ctx(scope, null, subs, 1 + rnd.nextInt(2));
            for (Ty ty : types) items.add(expr(ty, ctx, false));
        }
        if (distinct) sb.append("DISTINCT ");
        for (int i = 0; i < items.size(); i++) sb.append(i > 0 ? ", " : "").append(items.get(i).sql).append(" AS c").append(i);
        sb.append(" FROM ").append(from.sql);
        if (where != null) sb.append(" WHERE ").append(where);
        if (groupBy != null) sb.append(" GROUP BY ").append(groupBy);
        if (having != null) sb.append(" HAVING ").append(having);
        if (top && features.contains(Feature.TOP_K) && rnd.nextInt(100) < 10
                && items.stream().noneMatch(e -> e.inexact)) {
            sb.append(" ORDER BY ");
            for (int i = 0; i < items.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(i + 1).append(rnd.nextBoolean() ? " ASC" : " DESC")
                        .append(rnd.nextBoolean() ? " NULLS FIRST" : " NULLS LAST");
            }
            sb.append(" LIMIT ").append(1 + rnd.nextInt(5));
        }
        return new Sel(sb.toString(), items);
    }

    /** Whether an expression reads a column or an aggregate (is not a constant). */
    private static boolean readsData(String sql) {
        return sql.matches("(?s).*\\b[at][0-9]+\\.c[0-9].*") || sql.contains("(*)") || sql.contains("SUM(")
                || sql.contains("MIN(") || sql.contains("MAX(") || sql.contains("COUNT(") || sql.contains("AVG(");
    }

    private static final java.util.regex.Pattern CONDITIONAL_JOIN = java.util.regex.Pattern.compile("(?<!CROSS) JOIN ");
    private static final java.util.regex.Pattern COLUMN_REF = java.util.regex.Pattern.compile("\\ba[0-9]+\\.c[0-9]");

    private E groupKey(Scope scope) {
        List<Ref> exact = new ArrayList<>();
        for (Ref r : scope.refs) if (!r.inexact) exact.add(r);
        if (exact.isEmpty()) return null;
        if (features.contains(Feature.GROUP_BY_EXPRESSION) && rnd.nextInt(5) == 0) {
            Ctx ctx = new Ctx(new Scope(scope.refs, null, scope.rows), null, false, 1);
            Ty ty = pick(Ty.INT, Ty.STR, Ty.DEC, Ty.BOOL);
            E e = expr(ty, ctx, true);
            // a key must read a column: PostgreSQL takes GROUP BY 3 for the third column
            if (COLUMN_REF.matcher(e.sql).find() && !e.sql.contains("(SELECT")) return e;
        }
        return exact.get(rnd.nextInt(exact.size())).expr();
    }

    private record From(String sql, Scope scope) {
    }

    private From from(int depth) {
        From left = fromItem(depth);
        int joins = 0;
        int r = rnd.nextInt(100);
        if (r < (depth >= 2 ? 15 : 45)) joins = 1;
        if (r < 8 && depth < 2 && features.contains(Feature.THREE_WAY_JOIN)) joins = 2;
        for (int j = 0; j < joins; j++) {
            From right = fromItem(depth);
            left = join(left, right, joins == 1);
        }
        return left;
    }

    private From fromItem(int depth) {
        String alias = "a" + (aliases++);
        if (depth < 2 && features.contains(Feature.DERIVED_TABLE) && rnd.nextInt(100) < 12) {
            List<Ty> types = randomTypes(1 + rnd.nextInt(3));
            Sel sel = rnd.nextInt(5) == 0 && hasAny(Feature.UNION, Feature.UNION_ALL, Feature.INTERSECT,
                    Feature.EXCEPT, Feature.INTERSECT_ALL, Feature.EXCEPT_ALL)
                    ? setOp(types, depth) : select(types, null, depth + 1, false);
            List<Ref> refs = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                E e = sel.items.get(i);
                refs.add(new Ref(alias, "c" + i, e.ty, e.bound, e.scale, e.inexact, true));
            }
            return new From("(" + sel.sql + ") AS " + alias, new Scope(refs, null, (double) MAX_ROWS * MAX_ROWS * MAX_ROWS,
                    CONDITIONAL_JOIN.matcher(sel.sql).find()));
        }
        Table t = tables.get(rnd.nextInt(tables.size()));
        Scope s = tableScope(t, alias);
        return new From(t.name() + " AS " + alias, s);
    }

    private From join(From left, From right, boolean mayCross) {
        List<String> kinds = new ArrayList<>();
        if (features.contains(Feature.INNER_JOIN)) kinds.add("JOIN");
        if (features.contains(Feature.LEFT_JOIN)) kinds.add("LEFT JOIN");
        if (features.contains(Feature.RIGHT_JOIN)) kinds.add("RIGHT JOIN");
        if (features.contains(Feature.FULL_JOIN)) kinds.add("FULL JOIN");
        boolean small = left.scope.rows * right.scope.rows <= MAX_ROWS * MAX_ROWS;
        if (features.contains(Feature.CROSS_JOIN) && mayCross && small) kinds.add("CROSS JOIN");
        List<Ref> all = new ArrayList<>(left.scope.refs);
        all.addAll(right.scope.refs);
        Scope both = new Scope(all, null, left.scope.rows * right.scope.rows, left.scope.joined || right.scope.joined);
        if (kinds.isEmpty()) kinds.add("CROSS JOIN");
        String kind = kinds.get(rnd.nextInt(kinds.size()));
        if (kind.equals("CROSS JOIN")) {
            return new From(left.sql + " CROSS JOIN " + right.sql, both);
        }
        List<String> equalities = new ArrayList<>();
        List<String> inequalities = new ArrayList<>();
        for (Ref l : left.scope.refs) {
            for (Ref r : right.scope.refs) {
                boolean sameType = l.ty.family() == r.ty.family() || features.contains(Feature.MIXED_TYPE_JOIN_KEY);
                if (!l.inexact && !r.inexact && comparable(l.ty, r.ty) && l.ty != Ty.BOOL && sameType) {
                    equalities.add(l.sql() + " = " + r.sql());
                    inequalities.add(l.sql() + " " + pick("<", "<=", ">", ">=", "<>") + " " + r.sql());
                }
            }
        }
        String on;
        boolean nonEqui = features.contains(Feature.NON_EQUI_JOIN) && (equalities.isEmpty() || rnd.nextInt(4) == 0);
        if (kind.equals("FULL JOIN")) {
            if (equalities.isEmpty()) {
                kind = features.contains(Feature.LEFT_JOIN) ? "LEFT JOIN" : "JOIN";
            } else {
                nonEqui = false;
            }
        }
        if (!nonEqui && equalities.isEmpty()) {
            return new From(left.sql + " CROSS JOIN " + right.sql, both);
        }
        if (nonEqui) {
            on = !inequalities.isEmpty() && rnd.nextInt(10) < 6 ? inequalities.get(rnd.nextInt(inequalities.size()))
                    : pred(new Ctx(both, null, false, 1 + rnd.nextInt(2)));
        } else {
            on = equalities.get(rnd.nextInt(equalities.size()));
            if (kind.equals("FULL JOIN")) {
                if (equalities.size() > 1 && rnd.nextInt(3) == 0) {
                    String second = equalities.get(rnd.nextInt(equalities.size()));
                    if (!second.equals(on)) on += " AND " + second;
                }
            } else if (rnd.nextInt(100) < 30) {
                on += " AND " + pred(new Ctx(both, null, false, 1));
            }
        }
        List<Ref> refs = both.refs;
        if (!kind.equals("JOIN")) refs = refs.stream().map(Ref::asNullable).toList(); // outer joins pad with NULLs
        both = new Scope(refs, null, both.rows, true);
        return new From(left.sql + " " + kind + " " + right.sql + " ON " + on, both);
    }

    private static boolean comparable(Ty a, Ty b) {
        return a.family() == b.family() || (a.numeric() && b.numeric());
    }

    private static double boundLimit(Ty ty) {
        switch (ty) {
            case INT: return 1e9;
            case BIGINT: return 1e17;
            case DEC: return 1e12;
            case DBL: return 1e9;
            default: return 0;
        }
    }

    private static boolean fits(Ty ty, double bound) {
        return bound <= boundLimit(ty);
    }

    /** The wider of two members of a family. */
    private static Ty wider(Ty a, Ty b) {
        if (a == Ty.DBL || b == Ty.DBL) return Ty.DBL;
        if (a == Ty.DEC || b == Ty.DEC) return Ty.DEC;
        if (a == Ty.BIGINT || b == Ty.BIGINT) return Ty.BIGINT;
        return a;
    }

    /** An expression of family {@code fam}; {@code exact} forbids a double that may be inexact. */
    private E expr(Ty fam, Ctx ctx, boolean exact) {
        fam = fam.family();
        if (fam == Ty.BOOL) return new E(pred(ctx), Ty.BOOL, 0, 0, false);
        for (int attempt = 0; attempt < 8; attempt++) {
            E e = ctx.depth <= 0 || rnd.nextInt(100) < 35 ? leaf(fam, ctx, exact) : compound(fam, ctx, exact);
            if (e != null && fits(e.ty, e.bound) && e.scale <= 4 && !(exact && e.inexact)) return e;
        }
        return literalExpr(fam);
    }

    private E literalExpr(Ty fam) {
        Object v = value(fam);
        double bound = v instanceof Number n ? Math.abs(n.doubleValue()) : 0;
        return new E(operand(fam, v), fam, bound, fam == Ty.DEC ? 2 : 0, false);
    }

    private E leaf(Ty fam, Ctx ctx, boolean exact) {
        if (ctx.agg != null) {
            // inside an aggregation: a group key, an aggregate, or a literal
            List<E> keys = new ArrayList<>();
            for (E k : ctx.agg.keys) if (k.ty.family() == fam && !(exact && k.inexact)) keys.add(k);
            int r = rnd.nextInt(100);
            if (!keys.isEmpty() && r < 35) return keys.get(rnd.nextInt(keys.size()));
            if (r < 90) {
                E a = aggregate(fam, ctx.agg, exact);
                if (a != null) return a;
            }
            return literalExpr(fam);
        }
        int r = rnd.nextInt(100);
        if (r < 72) {
            Ref ref = column(ctx.scope, fam, exact);
            if (ref != null) return ref.expr();
        }
        if (r < 84) {
            E c = cast(fam, ctx, exact);
            if (c != null) return c;
        }
        if (r < 88 && ctx.subqueries && features.contains(Feature.SCALAR_SUBQUERY) && subqueryBudget > 0) {
            E s = scalarSubquery(fam, ctx, exact);
            if (s != null) return s;
        }
        return literalExpr(fam);
    }

    /** A column of the scope (or, with CORRELATED, of an outer one) of family {@code fam}. */
    private Ref column(Scope scope, Ty fam, boolean exact) {
        List<Ref> own = new ArrayList<>();
        for (Ref r : scope.refs) if (r.ty.family() == fam && !(exact && r.inexact)) own.add(r);
        List<Ref> outer = new ArrayList<>();
        if (features.contains(Feature.CORRELATED)) {
            for (Scope s = scope.outer; s != null; s = s.outer) {
                if (s.joined && !features.contains(Feature.CORRELATED_OVER_JOIN)) break;
                for (Ref r : s.refs) if (r.ty.family() == fam && !(exact && r.inexact)) outer.add(r);
            }
        }
        if (!outer.isEmpty() && (own.isEmpty() || rnd.nextInt(100) < 30)) return outer.get(rnd.nextInt(outer.size()));
        if (own.isEmpty()) return null;
        return own.get(rnd.nextInt(own.size()));
    }

    /** The operand of a cast: a column of family {@code fam}, else a literal. */
    private E castOperand(Ty fam, Ctx ctx, boolean exact) {
        Ref r = ctx.agg == null ? column(ctx.scope, fam, exact) : null;
        return r != null ? r.expr() : null;
    }

    private E cast(Ty fam, Ctx ctx, boolean exact) {
        switch (fam) {
            case INT: {
                int r = rnd.nextInt(10);
                if (r < 3 && features.contains(Feature.CAST_NUMERIC)) {
                    E x = castOperand(Ty.INT, ctx, exact);
                    if (x == null) return null;
                    return new E("CAST(" + x.sql + " AS BIGINT)", Ty.BIGINT, x.bound, 0, false);
                }
                if (r < 5 && features.contains(Feature.CAST_DECIMAL_TO_INTEGER)) {
                    E x = castOperand(Ty.DEC, ctx, true);
                    if (x == null) return null;
                    return new E("CAST(" + x.sql + " AS INTEGER)", Ty.INT, x.bound + 1, 0, false);
                }
                if (r < 7 && features.contains(Feature.CAST_DOUBLE_TO_INTEGER)) {
                    E x = castOperand(Ty.DBL, ctx, true);
                    if (x == null) return null;
                    return new E("CAST(" + x.sql + " AS INTEGER)", Ty.INT, x.bound + 1, 0, false);
                }
                if (features.contains(Feature.EXTRACT)) {
                    Ref d = column(ctx.scope, Ty.DATE, true);
                    if (d == null) return null;
                    String part = pick("YEAR", "MONTH", "DAY");
                    return new E("CAST(EXTRACT(" + part + " FROM " + d.sql() + ") AS INTEGER)", Ty.INT, 3000, 0, false);
                }
                return null;
            }
            case DEC: {
                if (rnd.nextInt(3) == 0 && features.contains(Feature.CAST_DOUBLE_TO_DECIMAL)) {
                    E x = castOperand(Ty.DBL, ctx, true);
                    if (x == null) return null;
                    if (x.bound > 1e7) return null;
                    return new E("CAST(" + x.sql + " AS DECIMAL(10,2))", Ty.DEC, x.bound + 1, 2, false);
                }
                if (!features.contains(Feature.CAST_NUMERIC)) return null;
                E x = castOperand(Ty.INT, ctx, exact);
                if (x == null) return null;
                if (x.bound > 1e7) return null;
                return new E("CAST(" + x.sql + " AS DECIMAL(10,2))", Ty.DEC, x.bound, 2, false);
            }
            case DBL: {
                if (!features.contains(Feature.CAST_NUMERIC)) return null;
                if (rnd.nextBoolean()) {
                    E x = castOperand(Ty.INT, ctx, exact);
                    if (x == null) return null;
                    return new E("CAST(" + x.sql + " AS DOUBLE PRECISION)", Ty.DBL, x.bound, 0, false);
                }
                if (exact) return null;
                E x = castOperand(Ty.DEC, ctx, true);
                if (x == null) return null;
                return new E("CAST(" + x.sql + " AS DOUBLE PRECISION)", Ty.DBL, x.bound, 0, true);
            }
            case STR: {
                int r = rnd.nextInt(3);
                if (r == 0 && features.contains(Feature.CAST_DECIMAL_TO_VARCHAR)) {
                    E x = castOperand(Ty.DEC, ctx, true);
                    if (x == null) return null;
                    return new E("CAST(" + x.sql + " AS VARCHAR(20))", Ty.STR, 0, 0, false);
                }
                if (!features.contains(Feature.CAST_TO_VARCHAR)) return null;
                if (r == 1) {
                    Ref d = column(ctx.scope, Ty.DATE, true);
                    if (d != null) return new E("CAST(" + d.sql() + " AS VARCHAR(20))", Ty.STR, 0, 0, false);
                }
                E x = castOperand(Ty.INT, ctx, true);
                if (x == null) return null;
                return new E("CAST(" + x.sql + " AS VARCHAR(20))", Ty.STR, 0, 0, false);
            }
            case DATE: {
                if (!features.contains(Feature.DATE_PLUS_INTERVAL)) return null;
                Ref d = column(ctx.scope, Ty.DATE, true);
                if (d == null) return null;
                return new E("CAST(" + d.sql() + " + INTERVAL '" + (1 + rnd.nextInt(40)) + "' DAY AS DATE)", Ty.DATE,
                        0, 0, false);
            }
            default:
                return null;
        }
    }

    private E compound(Ty fam, Ctx ctx, boolean exact) {
        Ctx d = ctx.deeper();
        int r = rnd.nextInt(100);
        if (r < 12 && features.contains(Feature.CASE)) {
            StringBuilder sb = new StringBuilder("CASE");
            E result = null;
            Ctx pctx = d.withDepth(Math.min(d.depth, 1));
            if (features.contains(Feature.SIMPLE_CASE) && rnd.nextBoolean()) {
                Ty subjectTy = pick(Ty.INT, Ty.STR, Ty.DEC, Ty.DATE);
                E subject = expr(subjectTy, d, true);
                sb.append(' ').append(subject.sql);
                int n = 1 + rnd.nextInt(2);
                for (int i = 0; i < n; i++) {
                    E v = expr(fam, d, exact);
                    sb.append(" WHEN ").append(literalExpr(subjectTy).sql).append(" THEN ").append(v.sql);
                    result = merge(result, v);
                }
            } else {
                int n = 1 + rnd.nextInt(2);
                for (int i = 0; i < n; i++) {
                    E v = expr(fam, d, exact);
                    sb.append(" WHEN ").append(pred(pctx)).append(" THEN ").append(v.sql);
                    result = merge(result, v);
                }
            }
            if (rnd.nextInt(4) > 0) {
                E v = expr(fam, d, exact);
                sb.append(" ELSE ").append(v.sql);
                result = merge(result, v);
            }
            sb.append(" END");
            return new E(sb.toString(), result.ty, result.bound, result.scale, result.inexact);
        }
        if (r < 22 && features.contains(Feature.COALESCE)) {
            E a = expr(fam, d, exact);
            E b = expr(fam, d, exact);
            E m = merge(a, b);
            return new E("COALESCE(" + a.sql + ", " + b.sql + ")", m.ty, m.bound, m.scale, m.inexact);
        }
        if (r < 28 && features.contains(Feature.NULLIF)) {
            E a = expr(fam, d, exact);
            E b = expr(fam, d, true);
            if (a.inexact) return null;
            if (a.sql.equals(b.sql) && !features.contains(Feature.DEGENERATE_NULLIF)) return null;
            E m = merge(a, b);
            return new E("NULLIF(" + a.sql + ", " + b.sql + ")", m.ty, a.bound, m.scale, a.inexact);
        }
        switch (fam) {
            case INT:
            case DEC:
            case DBL:
                return arithmetic(fam, d, exact);
            case STR: {
                if (r < 60 && features.contains(Feature.STRING_FUNCTIONS)) {
                    E a = expr(Ty.STR, d, exact);
                    switch (rnd.nextInt(3)) {
                        case 0: return new E("UPPER(" + a.sql + ")", Ty.STR, 0, 0, false);
                        case 1: return new E("LOWER(" + a.sql + ")", Ty.STR, 0, 0, false);
                        default: return new E("SUBSTRING(" + a.sql + " FROM " + (1 + rnd.nextInt(2)) + " FOR "
                                + (1 + rnd.nextInt(3)) + ")", Ty.STR, 0, 0, false);
                    }
                }
                if (features.contains(Feature.CONCAT)) {
                    E a = expr(Ty.STR, d, exact);
                    E b = expr(Ty.STR, d, exact);
                    return new E("(" + a.sql + " || " + b.sql + ")", Ty.STR, 0, 0, false);
                }
                return null;
            }
            case DATE:
                return null;
            default:
                throw new AssertionError(fam);
        }
    }

    /** The type and bounds of a CASE or COALESCE over {@code a} and {@code b}. */
    private static E merge(E a, E b) {
        if (a == null) return b;
        return new E("", wider(a.ty, b.ty), Math.max(a.bound, b.bound), Math.max(a.scale, b.scale),
                a.inexact || b.inexact);
    }

    private E arithmetic(Ty fam, Ctx d, boolean exact) {
        int r = rnd.nextInt(100);
        if (fam == Ty.INT && r < 15 && features.contains(Feature.INTEGER_DIVISION)) {
            E a = expr(Ty.INT, d, exact);
            E b = expr(Ty.INT, d, exact);
            if (!readsData(b.sql)) return null; // NULLIF(0, 0) is a constant NULL
            Ty ty = wider(a.ty, b.ty);
            if (rnd.nextBoolean()) return new E("(" + a.sql + " / NULLIF(" + b.sql + ", 0))", ty, a.bound, 0, false);
            return new E("MOD(" + a.sql + ", NULLIF(" + b.sql + ", 0))", ty, Math.min(a.bound, b.bound), 0, false);
        }
        if (fam == Ty.DBL && r < 15 && !exact && features.contains(Feature.DOUBLE_DIVISION)) {
            E a = expr(Ty.DBL, d, false);
            E b = expr(Ty.DBL, d, false);
            if (!readsData(b.sql)) return null;
            return new E("(" + a.sql + " / NULLIF(" + b.sql + ", 0))", Ty.DBL, 1e9, 0, true);
        }
        if (r < 25 && features.contains(Feature.ABS)) {
            E a = expr(fam, d, exact);
            return new E("ABS(" + a.sql + ")", a.ty, a.bound, a.scale, a.inexact);
        }
        if (!features.contains(Feature.ARITHMETIC)) return null;
        if (r < 32) {
            E a = expr(fam, d, exact);
            return new E("(- " + a.sql + ")", a.ty, a.bound, a.scale, a.inexact);
        }
        String op = pick("+", "-", "*", "+", "-");
        E a = expr(fam, d, exact);
        // the other operand may be of a narrower family: DECIMAL + INTEGER, DOUBLE * DECIMAL
        Ty otherFam = fam;
        if (fam == Ty.DEC && rnd.nextInt(3) == 0) otherFam = Ty.INT;
        if (fam == Ty.DBL && rnd.nextInt(3) == 0) otherFam = pick(Ty.INT, Ty.DEC);
        E b = otherFam == Ty.DEC && fam == Ty.DBL ? expr(Ty.DEC, d, true) : expr(otherFam, d, exact);
        if (rnd.nextBoolean()) {
            E t = a;
            a = b;
            b = t;
        }
        Ty ty = wider(a.ty, b.ty);
        double bound = op.equals("*") ? a.bound * b.bound : a.bound + b.bound;
        int scale = op.equals("*") ? a.scale + b.scale : Math.max(a.scale, b.scale);
        // a double times a non-binary decimal is not exact
        boolean inexact = a.inexact || b.inexact || (ty == Ty.DBL && (a.ty == Ty.DEC || b.ty == Ty.DEC));
        if (ty == Ty.DBL) scale = 0;
        return new E("(" + a.sql + " " + op + " " + b.sql + ")", ty, bound, scale, inexact);
    }

    /** An aggregate of family {@code fam} over the rows of {@code agg}. */
    private E aggregate(Ty fam, Agg agg, boolean exact) {
        Ctx arg = new Ctx(agg.inner, null, false, rnd.nextInt(2));
        double rows = agg.inner.rows;
        switch (fam) {
            case INT: {
                int r = rnd.nextInt(100);
                if (r < 25) return new E("COUNT(*)", Ty.BIGINT, rows, 0, false);
                if (r < 40) {
                    E x = expr(pick(Ty.INT, Ty.STR, Ty.DEC, Ty.DATE, Ty.BOOL), arg, true);
                    if (features.contains(Feature.COUNT_DISTINCT) && rnd.nextBoolean()) {
                        return new E("COUNT(DISTINCT " + x.sql + ")", Ty.BIGINT, rows, 0, false);
                    }
                    return new E("COUNT(" + x.sql + ")", Ty.BIGINT, rows, 0, false);
                }
                E x = expr(Ty.INT, arg, true);
                if (r < 75) {
                    String distinct = features.contains(Feature.SUM_DISTINCT) && rnd.nextInt(5) == 0 ? "DISTINCT " : "";
                    String sum = "SUM(" + distinct + x.sql + ")";
                    // PostgreSQL's SUM(bigint) is NUMERIC (its division would not be an integer one): cast back
                    if (x.ty == Ty.BIGINT) sum = "CAST(" + sum + " AS BIGINT)";
                    return new E(sum, x.ty, x.bound * rows, 0, false);
                }
                return new E((rnd.nextBoolean() ? "MIN(" : "MAX(") + x.sql + ")", x.ty, x.bound, 0, false);
            }
            case DEC: {
                int r = rnd.nextInt(100);
                E x = expr(Ty.DEC, arg, true);
                if (r < 15 && features.contains(Feature.AVG_DECIMAL)) {
                    return new E("AVG(" + x.sql + ")", Ty.DEC, x.bound, x.scale, true);
                }
                if (r < 60) return new E("SUM(" + x.sql + ")", Ty.DEC, x.bound * rows, x.scale, false);
                return new E((rnd.nextBoolean() ? "MIN(" : "MAX(") + x.sql + ")", Ty.DEC, x.bound, x.scale, false);
            }
            case DBL: {
                int r = rnd.nextInt(100);
                if (r < 40 && features.contains(Feature.AVG) && !exact) {
                    E x = expr(pick(Ty.INT, Ty.DEC, Ty.DBL), arg, true);
                    String a = x.ty == Ty.DBL ? x.sql : "CAST(" + x.sql + " AS DOUBLE PRECISION)";
                    return new E("AVG(" + a + ")", Ty.DBL, x.bound, 0, true);
                }
                E x = expr(Ty.DBL, arg, exact);
                if (r < 70) return new E("SUM(" + x.sql + ")", Ty.DBL, x.bound * rows, 0, x.inexact);
                return new E((rnd.nextBoolean() ? "MIN(" : "MAX(") + x.sql + ")", Ty.DBL, x.bound, 0, x.inexact);
            }
            case STR:
            case DATE: {
                if (!features.contains(Feature.MIN_MAX_STRING)) return null;
                E x = expr(fam, arg, true);
                return new E((rnd.nextBoolean() ? "MIN(" : "MAX(") + x.sql + ")", fam, 0, 0, false);
            }
            default:
                return null;
        }
    }

    /** {@code (SELECT aggregate FROM ... [WHERE ...])}: exactly one row. */
    private E scalarSubquery(Ty fam, Ctx ctx, boolean exact) {
        if (subqueryBudget <= 0) return null;
        subqueryBudget--;
        if (fam == Ty.STR || fam == Ty.DATE) {
            if (!features.contains(Feature.MIN_MAX_STRING)) return null;
        }
        From from = from(2);
        Scope inner = from.scope.withOuter(correlation(ctx.scope));
        Agg agg = new Agg(List.of(), new Scope(from.scope.refs, null, from.scope.rows));
        E a = aggregate(fam, agg, exact);
        if (a == null) return null;
        StringBuilder sb = new StringBuilder("(SELECT ").append(a.sql).append(" FROM ").append(from.sql);
        if (rnd.nextInt(100) < 75) sb.append(" WHERE ").append(pred(new Ctx(inner, null, false, 1)));
        sb.append(')');
        return new E(sb.toString(), a.ty, a.bound, a.scale, a.inexact);
    }

    // ------------------------------------------------------------------------------------------------ predicates

    /** A boolean expression (which may be NULL). */
    String pred(Ctx ctx) {
        if (features.contains(Feature.COALESCE) && !features.contains(Feature.COALESCE_IN_CONDITIONS)) {
            Set<Feature> all = features;
            features = java.util.EnumSet.copyOf(all);
            features.remove(Feature.COALESCE);
            try {
                return predicate(ctx);
            } finally {
                features = all;
            }
        }
        return predicate(ctx);
    }

    private String predicate(Ctx ctx) {
        int r = rnd.nextInt(100);
        if (ctx.depth > 0 && r < 22) {
            Ctx d = ctx.deeper();
            switch (rnd.nextInt(3)) {
                case 0: return "(" + pred(d) + " AND " + pred(d) + ")";
                case 1: return "(" + pred(d) + " OR " + pred(d) + ")";
                default: return "(NOT " + pred(d) + ")";
            }
        }
        if (r < 30 && ctx.agg != null && features.contains(Feature.EVERY) && rnd.nextInt(3) == 0) {
            return "EVERY(" + pred(new Ctx(ctx.agg.inner, null, false, rnd.nextInt(2))) + ")";
        }
        if (r < 30 && ctx.subqueries && ctx.agg == null) {
            String s = subqueryPredicate(ctx);
            if (s != null) return s;
        }
        if (r < 36) {
            String operand;
            if (features.contains(Feature.IS_NULL_OF_NOT_NULL)) {
                operand = expr(pick(Ty.INT, Ty.STR, Ty.DEC, Ty.DBL, Ty.DATE, Ty.BOOL), ctx.withDepth(0), false).sql;
            } else {
                // a column that may be NULL: IS NULL of a NOT NULL one is a constant
                List<Ref> nullable = new ArrayList<>();
                if (ctx.agg == null) for (Ref ref : ctx.scope.refs) if (ref.nullable) nullable.add(ref);
                operand = nullable.isEmpty() ? null : nullable.get(rnd.nextInt(nullable.size())).sql();
            }
            if (operand != null) return "(" + operand + (rnd.nextBoolean() ? " IS NULL)" : " IS NOT NULL)");
        }
        if (r < 42 && features.contains(Feature.BETWEEN)) {
            Ty fam = pick(Ty.INT, Ty.DEC, Ty.DATE, Ty.STR);
            E e = expr(fam, ctx.withDepth(Math.min(ctx.depth, 1)), true);
            E lo = literalExpr(fam);
            E hi = literalExpr(fam);
            return "(" + e.sql + (rnd.nextInt(4) == 0 ? " NOT" : "") + " BETWEEN " + lo.sql + " AND " + hi.sql + ")";
        }
        if (r < 50 && features.contains(Feature.IN_LIST)) {
            Ty fam = pick(Ty.INT, Ty.DEC, Ty.DATE, Ty.STR);
            E e = expr(fam, ctx.withDepth(Math.min(ctx.depth, 1)), true);
            StringBuilder sb = new StringBuilder("(").append(e.sql).append(rnd.nextInt(3) == 0 ? " NOT IN (" : " IN (");
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) sb.append(i > 0 ? ", " : "").append(literalExpr(fam).sql);
            if (rnd.nextInt(6) == 0) sb.append(", CAST(NULL AS ").append(fam == Ty.INT ? "INTEGER" : fam.ddl).append(')');
            return sb.append("))").toString();
        }
        if (r < 55) {
            Ref b = ctx.agg == null ? column(ctx.scope, Ty.BOOL, true) : null;
            if (b != null) {
                if (features.contains(Feature.IS_TRUE_FALSE) && rnd.nextInt(3) == 0) {
                    if (b.nullable || features.contains(Feature.IS_NULL_OF_NOT_NULL)) {
                        return "(" + b.sql() + pick(" IS TRUE)", " IS NOT TRUE)", " IS FALSE)", " IS NOT FALSE)",
                                " IS UNKNOWN)", " IS NOT UNKNOWN)");
                    }
                    return "(" + b.sql() + pick(" IS TRUE)", " IS NOT TRUE)", " IS FALSE)", " IS NOT FALSE)");
                }
                return rnd.nextBoolean() ? b.sql() : "(NOT " + b.sql() + ")";
            }
        }
        if (r < 60 && features.contains(Feature.IS_DISTINCT_FROM)) {
            Ty fam = pick(Ty.INT, Ty.STR, Ty.DEC, Ty.DATE, Ty.BOOL);
            E a = expr(fam, ctx.withDepth(Math.min(ctx.depth, 1)), true);
            E b = expr(fam, ctx.withDepth(0), true);
            return "(" + a.sql + (rnd.nextBoolean() ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ") + b.sql + ")";
        }
        if (r < 64 && features.contains(Feature.LIKE)) {
            E a = expr(Ty.STR, ctx.withDepth(0), true);
            return "(" + a.sql + (rnd.nextInt(4) == 0 ? " NOT LIKE '" : " LIKE '")
                    + pick("a%", "%b", "_b%", "%", "a_", "%a%", "B%") + "')";
        }
        if (r < 66) return pick("TRUE", "FALSE");
        return comparison(ctx);
    }

    private String comparison(Ctx ctx) {
        Ty fam = pick(Ty.INT, Ty.INT, Ty.INT, Ty.DEC, Ty.DBL, Ty.STR, Ty.DATE, Ty.BOOL);
        E a = expr(fam, ctx.withDepth(Math.min(ctx.depth, 1)), true);
        if (ctx.agg == null && !COLUMN_REF.matcher(a.sql).find() && rnd.nextInt(4) > 0) {
            Ref ref = column(ctx.scope, fam, true);
            if (ref != null) a = ref.expr();
        }
        Ty otherFam = fam;
        if (fam.numeric() && rnd.nextInt(4) == 0) otherFam = pick(Ty.INT, Ty.DEC, Ty.DBL);
        E b = rnd.nextBoolean() ? literalExpr(otherFam) : expr(otherFam, ctx.withDepth(0), true);
        String op = fam == Ty.BOOL ? pick("=", "<>") : pick("=", "<>", "<", "<=", ">", ">=");
        return "(" + a.sql + " " + op + " " + b.sql + ")";
    }

    private String subqueryPredicate(Ctx ctx) {
        if (subqueryBudget <= 0) return null;
        Scope outer = correlation(ctx.scope);
        int depth = 2;
        List<Integer> kinds = new ArrayList<>();
        if (features.contains(Feature.EXISTS)) kinds.add(0);
        if (features.contains(Feature.NOT_EXISTS)) kinds.add(1);
        if (features.contains(Feature.IN_SUBQUERY_VALUE)) kinds.add(2);
        if (features.contains(Feature.NOT_IN_SUBQUERY)) kinds.add(3);
        if (features.contains(Feature.QUANTIFIED) || features.contains(Feature.CORRELATED_QUANTIFIED)) kinds.add(4);
        if (features.contains(Feature.SCALAR_SUBQUERY)) kinds.add(5);
        if (kinds.isEmpty()) return null;
        int kind = kinds.get(rnd.nextInt(kinds.size()));
        if (kind != 5) subqueryBudget--;
        switch (kind) {
            case 0:
            case 1: {
                String sub = select(randomTypes(1), outer, depth, false).sql;
                return "(" + (kind == 1 ? "NOT " : "") + "EXISTS (" + sub + "))";
            }
            case 2:
            case 3:
                return inSubquery(ctx, kind == 3, false);
            case 4:
                return inSubquery(ctx, false, true);
            default: {
                Ty fam = pick(Ty.INT, Ty.DEC, Ty.STR, Ty.DATE);
                E s = scalarSubquery(fam, ctx, true);
                if (s == null) return null;
                E e = expr(fam, ctx.withDepth(0), true);
                return "(" + e.sql + " " + pick("=", "<>", "<", "<=", ">", ">=") + " " + s.sql + ")";
            }
        }
    }

    /** {@code x [NOT] IN (SELECT ...)}, or {@code x op ANY/ALL (SELECT ...)} when {@code quantified}. */
    private String inSubquery(Ctx ctx, boolean negated, boolean quantified) {
        Scope outer = correlation(ctx.scope);
        if (quantified && !features.contains(Feature.CORRELATED_QUANTIFIED)) outer = null;
        if (quantified && !features.contains(Feature.QUANTIFIED)) outer = correlation(ctx.scope); // only correlated
        Ty fam = pick(Ty.INT, Ty.INT, Ty.STR, Ty.DEC, Ty.DATE);
        boolean subOperand = features.contains(Feature.SUBQUERY_AS_IN_OPERAND);
        E e = expr(fam, new Ctx(ctx.scope, ctx.agg, ctx.subqueries && subOperand, 0), true);
        boolean constants = features.contains(Feature.CONSTANT_IN_SUBQUERY);
        if (!constants && !readsData(e.sql)) {
            Ref r = column(ctx.scope, fam, true);
            if (r == null) return null;
            e = r.expr();
        }
        String sub = exactSelect(fam, outer, 2, constants);
        if (sub == null) return null;
        if (quantified) {
            return "(" + e.sql + " " + pick("=", "<>", "<", "<=", ">", ">=") + " " + pick("ANY", "ALL") + " (" + sub + "))";
        }
        return "(" + e.sql + (negated ? " NOT IN (" : " IN (") + sub + "))";
    }

    /** A one-column SELECT of family {@code fam} whose values are exact (for IN and quantified comparisons). */
    private String exactSelect(Ty fam, Scope outer, int depth, boolean constants) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Sel sel = select(List.of(fam), outer, depth, false);
            if (!sel.items.get(0).inexact && (constants || readsData(sel.items.get(0).sql))) return sel.sql;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private boolean hasAny(Feature... fs) {
        for (Feature f : fs) if (features.contains(f)) return true;
        return false;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    /** For tests of the generator: every table's DDL. */
    public List<String> ddl() {
        return tables.stream().map(Table::ddl).toList();
    }
}
