package org.jdbsp.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.sql.Rows;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlProgram;
import org.junit.jupiter.api.Test;

/** Flink's SPLIT_INDEX, REGEXP_EXTRACT and DATE_FORMAT: their edge cases, and all reachable from SQL. */
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

    @Test
    void dateFormatWritesATimestampsFieldsAsTheyAre() {
        SqlProgram p = Sql.compile("""
                CREATE TABLE e (ts TIMESTAMP(3));
                CREATE VIEW v AS SELECT DATE_FORMAT(ts, 'yyyy-MM-dd') AS d, date_format(ts, 'HH:mm') AS hm,
                    DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss.SSS') AS full_time FROM e;
                CREATE VIEW per_day AS SELECT DATE_FORMAT(ts, 'yyyy-MM-dd') AS d, COUNT(*) AS n,
                    MAX(DATE_FORMAT(ts, 'HH:mm')) AS last_minute FROM e GROUP BY DATE_FORMAT(ts, 'yyyy-MM-dd');
                """);
        // around midnight, before the epoch, and at times a European or American clock skips
        p.execute("INSERT INTO e VALUES (TIMESTAMP '2026-03-29 02:30:00.250'), (TIMESTAMP '2026-03-08 02:30:00'),"
                + " (TIMESTAMP '1969-12-31 23:59:59.999'), (TIMESTAMP '2026-12-06 00:00:00'), (NULL)");
        p.step();
        java.util.List<String> rows = new java.util.ArrayList<>();
        for (org.jdbsp.sql.Row r : p.view("v").contents()) rows.add(r.toString());
        java.util.Collections.sort(rows);
        assertEquals("[('1969-12-31', '23:59', '1969-12-31 23:59:59.999'), ('2026-03-08', '02:30', '2026-03-08"
                + " 02:30:00.000'), ('2026-03-29', '02:30', '2026-03-29 02:30:00.250'), ('2026-12-06', '00:00',"
                + " '2026-12-06 00:00:00.000'), (NULL, NULL, NULL)]", rows.toString());
        assertEquals(5, p.view("per_day").contents().size(), "four days and the group of NULL");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlinkFunctions.dateFormat(new java.sql.Timestamp(0), "yyyy-MM-dd {"));
        assertTrue(e.getMessage().contains("not a valid date pattern"), e.getMessage());
    }

    @Test
    void dateFormatOfANotNullTimestampEqualsTheNullableOnes() {
        SqlProgram p = Sql.compile("""
                CREATE TABLE n (ts TIMESTAMP(3) NOT NULL);
                CREATE TABLE o (ts TIMESTAMP(3));
                CREATE VIEW vn AS SELECT DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss.SSS') AS a, DATE_FORMAT(ts, 'HH:mm') AS b,
                    DATE_FORMAT(ts, 'MMM d') AS c FROM n;
                CREATE VIEW vo AS SELECT DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss.SSS') AS a, DATE_FORMAT(ts, 'HH:mm') AS b,
                    DATE_FORMAT(ts, 'MMM d') AS c FROM o;
                """);
        String values = "(TIMESTAMP '2026-03-29 02:30:00.250'), (TIMESTAMP '1969-12-31 23:59:59.999'),"
                + " (TIMESTAMP '2000-02-29 12:00:00'), (TIMESTAMP '0001-01-01 00:00:00')";
        p.execute("INSERT INTO n VALUES " + values);
        p.execute("INSERT INTO o VALUES " + values);
        p.step();
        java.util.List<String> n = new java.util.ArrayList<>();
        for (org.jdbsp.sql.Row r : p.view("vn").contents()) n.add(r.toString());
        java.util.List<String> o = new java.util.ArrayList<>();
        for (org.jdbsp.sql.Row r : p.view("vo").contents()) o.add(r.toString());
        java.util.Collections.sort(n);
        java.util.Collections.sort(o);
        assertEquals(o, n);
        assertTrue(n.contains("('2000-02-29 12:00:00.000', '12:00', 'Feb 29')"), n.toString());
    }
}
