package org.jdbsp.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.sql.Rows;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlProgram;
import org.junit.jupiter.api.Test;

/** Flink's SPLIT_INDEX and REGEXP_EXTRACT: their edge cases, and both reachable from SQL. */
class FlinkFunctionsTest {
    @Test
    void splitIndexKeepsEmptyPiecesAndIsNullOutOfRange() {
        String url = "https://www.nexmark.com/abc/de_f/ghi/item.htm?query=1";
        assertEquals("https:", FlinkFunctions.splitIndex(url, "/", 0));
        assertEquals("", FlinkFunctions.splitIndex(url, "/", 1));
        assertEquals("www.nexmark.com", FlinkFunctions.splitIndex(url, "/", 2));
        assertEquals("abc", FlinkFunctions.splitIndex(url, "/", 3));
        assertEquals("item.htm?query=1", FlinkFunctions.splitIndex(url, "/", 6));
        assertNull(FlinkFunctions.splitIndex(url, "/", 7));
        assertNull(FlinkFunctions.splitIndex(url, "/", -1));
        assertNull(FlinkFunctions.splitIndex("", "/", 0));
        assertNull(FlinkFunctions.splitIndex(null, "/", 0));
        assertNull(FlinkFunctions.splitIndex(url, null, 0));
        assertEquals("b", FlinkFunctions.splitIndex("a::b::", "::", 1));
        assertEquals("", FlinkFunctions.splitIndex("a::b::", "::", 2));
    }

    @Test
    void regexpExtractTakesTheLeftmostMatchsGroup() {
        String re = "(&|^)channel_id=([^&]*)";
        assertEquals("42", FlinkFunctions.regexpExtract("https://x/item.htm?query=1&channel_id=42", re, 2));
        assertEquals("7", FlinkFunctions.regexpExtract("channel_id=7&channel_id=8", re, 2));
        assertEquals("", FlinkFunctions.regexpExtract("a&channel_id=", re, 2));
        assertNull(FlinkFunctions.regexpExtract("https://x/item.htm?query=1", re, 2));
        assertNull(FlinkFunctions.regexpExtract(null, re, 2));
        assertNull(FlinkFunctions.regexpExtract("ab", "a(x)?b", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlinkFunctions.regexpExtract("ab", "a(b)", 2));
        assertTrue(e.getMessage().contains("has no group 2"), e.getMessage());
    }

    @Test
    void bothAreSqlFunctions() {
        SqlProgram p = Sql.compile("""
                CREATE TABLE b (url VARCHAR);
                CREATE VIEW v AS SELECT SPLIT_INDEX(url, '/', 3) AS d,
                    regexp_extract(url, 'id=([0-9]+)', 1) AS id FROM b;
                """);
        p.execute("INSERT INTO b VALUES ('https://h/abc/x?id=12'), (NULL)");
        p.step();
        Rows rows = p.view("v").contents();
        assertEquals(2, rows.size());
        String all = rows.get(0) + ";" + rows.get(1);
        assertTrue(all.contains("('abc', '12')") && all.contains("(NULL, NULL)"), all);
    }
}
