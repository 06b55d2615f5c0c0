package org.jdbsp.sql.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdbsp.sql.Rows;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlProgram;
import org.junit.jupiter.api.Test;

/**
 * A script compiled again generates no new function classes: its programs reuse the classes (and the JIT's work on
 * them) of the first compile, and compute the same; a script with another expression gets its own class.
 */
class FunctionCacheTest {
    private static final String SCRIPT = """
            CREATE TABLE t (a BIGINT NOT NULL, b DECIMAL(10, 2), c VARCHAR);
            CREATE VIEW v AS SELECT a * 7 + 3 AS x, b * 0.5 AS half, UPPER(c) AS u FROM t WHERE a % 5 <> 1;
            """;

    private static List<String> run(String script) {
        try (SqlProgram p = Sql.compile(script)) {
            p.table("t").insert(4L, new java.math.BigDecimal("2.50"), "ab");
            p.table("t").insert(6L, null, "cd");
            p.step();
            Rows rows = p.view("v").contents();
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < rows.size(); i++) out.add(rows.get(i) + " x" + rows.weight(i));
            return out.stream().sorted().toList();
        }
    }

    @Test
    void aScriptCompiledAgainMakesNoClass() {
        List<String> first = run(SCRIPT);
        long before = ExpressionCompiler.classesCompiled();
        List<String> second = run(SCRIPT);
        assertEquals(before, ExpressionCompiler.classesCompiled(), "classes compiled for the same script again");
        assertEquals(first, second);
        assertEquals(List.of("(31, 1.250, 'AB') x1"), second);
        run(SCRIPT.replace("a * 7 + 3", "a * 7 + 4"));
        assertTrue(ExpressionCompiler.classesCompiled() > before, "another expression reused a class");
    }
}
