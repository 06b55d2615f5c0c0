package org.jdbsp.sql.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.jdbsp.sql.Row;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlProgram;
import org.junit.jupiter.api.Test;

/**
 * Cheap operands of AND and OR go first, costly ones keep their order after them, and a condition with nothing to
 * move is left as it is; from SQL, a costly operand that fails still fails a row the cheap ones do not decide.
 */
class CheapConditionsFirstTest {
    private final JavaTypeFactory types = new JavaTypeFactoryImpl();
    private final RexBuilder rex = new RexBuilder(types);
    private final RelDataType row = types.builder()
            .add("a", types.createTypeWithNullability(types.createSqlType(SqlTypeName.INTEGER), true))
            .add("b", types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true))
            .build();

    @Test
    void movesCheapOperandsAheadKeepingTheirOrder() {
        RexNode costly1 = rex.makeCall(SqlStdOperatorTable.GREATER_THAN, charLength(), rex.makeExactLiteral(
                java.math.BigDecimal.valueOf(2)));
        RexNode costly2 = rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, rex.makeCall(SqlStdOperatorTable.DIVIDE,
                a(), a()));
        RexNode cheap1 = rex.makeCall(SqlStdOperatorTable.EQUALS, rex.makeCall(SqlStdOperatorTable.LOWER, b()),
                rex.makeLiteral("x"));
        RexNode cheap2 = rex.makeCall(SqlStdOperatorTable.IS_NULL, a());
        RexProgram p = program(rex.makeCall(SqlStdOperatorTable.OR, costly1, cheap1, costly2, cheap2));
        assertEquals(rex.makeCall(SqlStdOperatorTable.OR, cheap1, cheap2, costly1, costly2).toString(),
                condition(CheapConditionsFirst.apply(p, types)).toString());

        // nested: the inner OR is reordered, and is itself costly for the AND around it
        RexNode inner = rex.makeCall(SqlStdOperatorTable.OR, costly1, cheap1);
        RexProgram nested = program(rex.makeCall(SqlStdOperatorTable.AND, inner, cheap2));
        assertEquals(rex.makeCall(SqlStdOperatorTable.AND, cheap2,
                        rex.makeCall(SqlStdOperatorTable.OR, cheap1, costly1)).toString(),
                condition(CheapConditionsFirst.apply(nested, types)).toString());

        RexProgram ordered = program(rex.makeCall(SqlStdOperatorTable.AND, cheap1, costly1, costly2));
        assertSame(ordered, CheapConditionsFirst.apply(ordered, types), "nothing to move");
    }

    @Test
    void cheapMeansCannotFail() {
        assertTrue(CheapConditionsFirst.isCheap(rex.makeCall(SqlStdOperatorTable.LESS_THAN, a(), a())));
        assertFalse(CheapConditionsFirst.isCheap(rex.makeCall(SqlStdOperatorTable.LESS_THAN,
                rex.makeCall(SqlStdOperatorTable.DIVIDE, a(), a()), a())), "a division may fail");
        assertFalse(CheapConditionsFirst.isCheap(rex.makeCall(SqlStdOperatorTable.EQUALS,
                rex.makeCast(types.createSqlType(SqlTypeName.INTEGER), b()), a())), "a cast may fail");
    }

    @Test
    void fromSqlTheResultIsTheSameAndACostlyErrorStillFails() {
        SqlProgram p = Sql.compile("""
                CREATE TABLE t (a INT NOT NULL, b VARCHAR NOT NULL);
                CREATE TABLE n (a INT, b VARCHAR);
                CREATE VIEW v AS SELECT a, b FROM t WHERE 10 / a > 1 OR LOWER(b) = 'x';
                CREATE VIEW w AS SELECT a, b FROM n WHERE 10 / a > 1 OR LOWER(b) = 'x';
                """);
        p.execute("INSERT INTO t VALUES (1, 'y'), (0, 'X'), (20, 'x'), (50, 'z')");
        p.execute("INSERT INTO n VALUES (1, 'y'), (20, 'x'), (NULL, 'x'), (NULL, NULL), (3, NULL), (50, 'z')");
        p.step();
        // (0, 'X'): the cheap operand decides, so 10 / 0 is not computed
        assertEquals("[(0, 'X'), (1, 'y'), (20, 'x')]", sorted(p, "v"));
        assertEquals("[(1, 'y'), (20, 'x'), (3, NULL), (NULL, 'x')]", sorted(p, "w"));
        p.execute("INSERT INTO t VALUES (0, 'y')");
        assertThrows(RuntimeException.class, p::step, "10 / 0 decides this row, and fails it");
    }

    private static String sorted(SqlProgram p, String view) {
        List<String> rows = new java.util.ArrayList<>();
        for (Row r : p.view(view).contents()) rows.add(r.toString());
        java.util.Collections.sort(rows);
        return rows.toString();
    }

    private RexNode a() {
        return rex.makeInputRef(row, 0);
    }

    private RexNode b() {
        return rex.makeInputRef(row, 1);
    }

    private RexNode charLength() {
        return rex.makeCall(SqlStdOperatorTable.CHAR_LENGTH, b());
    }

    private RexProgram program(RexNode condition) {
        return RexProgram.create(row, List.of(a()), condition, List.of("a"), rex);
    }

    private static RexNode condition(RexProgram p) {
        return p.expandLocalRef(p.getCondition());
    }
}
