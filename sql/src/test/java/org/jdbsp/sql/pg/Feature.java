package org.jdbsp.sql.pg;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The grammar features of {@link SqlGen}, each switchable. {@link #DISABLED} is the one explicit list of the
 * features the differential tests leave out, each with the reason: a gap in jdbsp shows there, never as a
 * silently skipped query.
 */
public enum Feature {
    // ---- FROM
    INNER_JOIN("JOIN ... ON with an equality"),
    LEFT_JOIN("LEFT JOIN"),
    RIGHT_JOIN("RIGHT JOIN"),
    FULL_JOIN("FULL JOIN (equalities only: PostgreSQL takes no other FULL JOIN condition)"),
    CROSS_JOIN("CROSS JOIN"),
    NON_EQUI_JOIN("join conditions without an equality (a.x < b.y, OR)"),
    MIXED_TYPE_JOIN_KEY("join equalities between different numeric types (INTEGER = DOUBLE, DECIMAL = BIGINT)"),
    THREE_WAY_JOIN("three relations joined"),
    DERIVED_TABLE("a subquery in FROM"),
    // ---- SELECT
    DISTINCT("SELECT DISTINCT"),
    GROUP_BY("GROUP BY with aggregates"),
    GLOBAL_AGGREGATE("aggregates without GROUP BY (one row, also over no rows)"),
    HAVING("HAVING"),
    COUNT_DISTINCT("COUNT(DISTINCT x)"),
    SUM_DISTINCT("SUM(DISTINCT x)"),
    AVG("AVG over a DOUBLE PRECISION argument"),
    AVG_DECIMAL("AVG over a DECIMAL argument (PostgreSQL keeps up to 16+ fraction digits)"),
    EVERY("EVERY(boolean)"),
    MIN_MAX_STRING("MIN/MAX over strings and dates"),
    GROUP_BY_EXPRESSION("GROUP BY an expression, not a column"),
    UNION("UNION"),
    UNION_ALL("UNION ALL"),
    INTERSECT("INTERSECT"),
    EXCEPT("EXCEPT"),
    INTERSECT_ALL("INTERSECT ALL"),
    EXCEPT_ALL("EXCEPT ALL"),
    TOP_K("ORDER BY every column ... LIMIT n"),
    // ---- expressions
    ARITHMETIC("+, -, * and unary minus"),
    INTEGER_DIVISION("integer / NULLIF(x, 0) and MOD"),
    DOUBLE_DIVISION("double / NULLIF(x, 0)"),
    ABS("ABS"),
    CASE("CASE WHEN"),
    SIMPLE_CASE("CASE x WHEN v THEN ..."),
    COALESCE("COALESCE"),
    COALESCE_IN_CONDITIONS("COALESCE inside WHERE, HAVING, ON and CASE WHEN conditions and boolean values"),
    NULLIF("NULLIF"),
    DEGENERATE_NULLIF("NULLIF(x, x) with the same text twice"),
    CAST_NUMERIC("widening numeric casts: integer to BIGINT, DECIMAL, DOUBLE; DECIMAL to DOUBLE"),
    CAST_DECIMAL_TO_INTEGER("CAST(decimal AS INTEGER), which rounds"),
    CAST_DOUBLE_TO_INTEGER("CAST(double AS INTEGER), which rounds"),
    CAST_DOUBLE_TO_DECIMAL("CAST(double AS DECIMAL(10,2))"),
    CAST_TO_VARCHAR("CAST(integer or date AS VARCHAR)"),
    CAST_DECIMAL_TO_VARCHAR("CAST(decimal AS VARCHAR)"),
    STRING_FUNCTIONS("UPPER, LOWER, SUBSTRING, CHAR_LENGTH"),
    CONCAT("s || t"),
    LIKE("LIKE"),
    BARE_STRING_LITERALS("string literals as they are ('ab'), not CAST('ab' AS VARCHAR(10))"),
    EXTRACT("CAST(EXTRACT(YEAR/MONTH/DAY FROM d) AS INTEGER)"),
    DATE_PLUS_INTERVAL("CAST(d + INTERVAL 'n' DAY AS DATE)"),
    // ---- predicates
    BETWEEN("BETWEEN"),
    IN_LIST("x IN (list) and NOT IN, NULL in the list"),
    IS_DISTINCT_FROM("IS [NOT] DISTINCT FROM"),
    IS_TRUE_FALSE("IS [NOT] TRUE/FALSE/UNKNOWN"),
    IS_NULL_OF_NOT_NULL("IS [NOT] NULL / UNKNOWN of an expression that cannot be NULL (Calcite folds it to a constant)"),
    // ---- subqueries
    IN_SUBQUERY("x IN (SELECT ...) as a conjunct of a WHERE (a semi-join)"),
    CONSTANT_IN_SUBQUERY("x IN (SELECT y ...) where x or y is a constant"),
    IN_SUBQUERY_VALUE("x IN (SELECT ...) as a three-valued value: under OR, NOT or CASE, in a SELECT list"),
    NOT_IN_SUBQUERY("x NOT IN (SELECT ...), NULLs included"),
    EXISTS("EXISTS (SELECT ...)"),
    NOT_EXISTS("NOT EXISTS (SELECT ...)"),
    CORRELATED("subqueries that refer to the outer query"),
    CORRELATED_OVER_JOIN("correlated subqueries in a query whose FROM joins ON a condition (also inside a derived table)"),
    SCALAR_SUBQUERY("(SELECT aggregate FROM ...) as a value"),
    QUANTIFIED("x op ANY/ALL (SELECT ...), uncorrelated"),
    CORRELATED_QUANTIFIED("x op ANY/ALL (SELECT ...) whose subquery refers to the outer query"),
    SUBQUERY_AS_IN_OPERAND("a scalar subquery as the left operand of IN/ANY/ALL (SELECT ...)"),
    // ---- DML
    MULTI_ROW_INSERT("INSERT ... VALUES with several rows (else one INSERT per row)"),
    DML_SUBQUERY("subqueries in the WHERE of UPDATE and DELETE"),
    DML_CONDITIONALS("COALESCE, NULLIF and CASE in the WHERE of UPDATE and DELETE"),
    UPDATE_EXPRESSION("UPDATE SET c = an expression over the row (not only a literal)");

    private final String description;

    Feature(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * The features switched off, each with why. Keep this list honest: every entry is a gap that the
     * differential test does not cover, and must say so.
     */
    public static final Map<Feature, String> DISABLED;

    static {
        Map<Feature, String> m = new EnumMap<>(Feature.class);
        m.put(CONSTANT_IN_SUBQUERY, "jdbsp fails to plan it: SELECT a0.c0 FROM t0 a0 WHERE a0.c0 = 2 AND DATE '2023-12-31' "
                + "IN (SELECT DATE '2024-03-01' FROM t1 a1 WHERE a0.c0 < 2) gives 'Calcite could not plan this query "
                + "(ClassCastException: Boolean cannot be cast to DateString)'");
        m.put(SUBQUERY_AS_IN_OPERAND, "jdbsp fails: SELECT a2.c0 FROM t1 a2 WHERE (SELECT MIN(a3.c0) FROM t0 a3 WHERE "
                + "a3.c2 = a2.c2) IN (SELECT a4.c0 FROM t0 a4) gives 'internal error: Cannot translate $t2.c2 since "
                + "correlate variables resolver is not defined' (earlier: Calcite's AssertionError 'contains $cor0')");
        m.put(CAST_DECIMAL_TO_INTEGER, "a DECIMAL column cast to an integer rounds as in PostgreSQL, but Calcite folds "
                + "the cast of a constant when it converts the query, truncating: CAST(7.99 AS INTEGER) gives 7 (PostgreSQL 8)");
        m.put(CAST_DOUBLE_TO_INTEGER, "jdbsp truncates CAST(-1.5 AS INTEGER) of a DOUBLE to -1; PostgreSQL rounds "
                + "to even: -2");
        m.put(DEGENERATE_NULLIF, "with assertions on (-ea, as in the tests), UPDATE t0 SET c2 = CASE WHEN "
                + "NULLIF(CAST(t0.c0 AS VARCHAR(20)), CAST(t0.c0 AS VARCHAR(20))) BETWEEN 'b' AND 'b' THEN TRUE ELSE "
                + "t0.c2 END fails in Calcite's RexSimplify: AssertionError 'Comparison with NULL in pulledUpPredicates'");
        m.put(AVG_DECIMAL, "PostgreSQL's AVG(numeric) keeps 16 significant digits counted in base-10000 groups: "
                + "the AVG of the DECIMALs -3, 2, 2, 2, 2, 0 is 0.83333333333333333333 (20 decimals); jdbsp gives "
                + "0.8333333333333333 (16)");
        m.put(CAST_DECIMAL_TO_VARCHAR, "jdbsp writes CAST(-0.50 AS VARCHAR) as '-.50' and 0.01 as '.01' "
                + "(PostgreSQL: '-0.50', '0.01')");
        m.put(CORRELATED_QUANTIFIED, "a wrong result through Calcite's rewrite of a correlated x op ANY (SELECT ...) "
                + "(SubQueryRemoveRule; SqlToRelConverter's own expansion does not take quantified comparisons): over a "
                + "FULL JOIN whose left side is padded, SELECT (NULL >= ANY (SELECT SUM(0) FROM t0 a4 WHERE a0.c0 < 0)) "
                + "FROM t1 a0 FULL JOIN t0 a1 ON NULL = NULL gives FALSE where PostgreSQL gives NULL (seed 8)");
        DISABLED = Collections.unmodifiableMap(m);
    }

    /** Every feature not in {@link #DISABLED}. */
    public static Set<Feature> enabled() {
        EnumSet<Feature> s = EnumSet.allOf(Feature.class);
        s.removeAll(DISABLED.keySet());
        return s;
    }

    /** Every feature: for checking the generator against PostgreSQL alone. */
    public static Set<Feature> all() {
        return EnumSet.allOf(Feature.class);
    }
}
