package org.jdbsp.sql.slt;

import org.jdbsp.sql.slt.SltRecord.Condition;
import org.jdbsp.sql.slt.SltRecord.Query;
import org.jdbsp.sql.slt.SltRecord.SortMode;
import org.jdbsp.sql.slt.SltRecord.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sqllogictest parser, on hand-written records and on the suite's files; needs no engine. */
class SltParserTest {
    private static final String TEXT = String.join("\n",
            "# a comment",
            "hash-threshold 8",
            "",
            "statement ok",
            "CREATE TABLE t1(a INTEGER,",
            "  b VARCHAR(10))",
            "",
            "statement error",
            "INSERT INTO nowhere VALUES(1)",
            "",
            "skipif mysql # not compatible",
            "query IT rowsort label-1",
            "SELECT a, b",
            "  FROM t1",
            "----",
            "1",
            "x",
            "NULL",
            "(empty)",
            "",
            "onlyif sqlite",
            "query R nosort",
            "SELECT 1.5",
            "----",
            "30 values hashing to 3C13DEE48D9356AE19AF2515E05E6B54",
            "",
            "query I valuesort",
            "SELECT a FROM t1 WHERE a > 9",
            "----",
            "",
            "skipif postgresql",
            "halt",
            "",
            "query I",
            "SELECT 1",
            "----",
            "1");

    @Test
    void parsesEveryKindOfRecord() {
        List<SltRecord> r = SltParser.parse("t.test", TEXT);
        assertEquals(8, r.size());

        SltRecord.HashThreshold h = assertInstanceOf(SltRecord.HashThreshold.class, r.get(0));
        assertEquals(8, h.threshold());
        assertEquals(2, h.line());

        Statement create = assertInstanceOf(Statement.class, r.get(1));
        assertEquals(4, create.line());
        assertTrue(create.expectOk());
        assertEquals("CREATE TABLE t1(a INTEGER,\n  b VARCHAR(10))", create.sql());

        Statement insert = assertInstanceOf(Statement.class, r.get(2));
        assertFalse(insert.expectOk());

        Query q = assertInstanceOf(Query.class, r.get(3));
        assertEquals(12, q.line());
        assertEquals("IT", q.types());
        assertEquals(2, q.columns());
        assertEquals(SortMode.ROWSORT, q.sort());
        assertEquals("label-1", q.label());
        assertEquals("SELECT a, b\n  FROM t1", q.sql());
        assertEquals(List.of("1", "x", "NULL", "(empty)"), q.expected());
        assertEquals(4, q.expectedCount());
        assertFalse(q.hashed());
        assertEquals(List.of(new Condition(true, "mysql")), q.conditions());
        assertTrue(q.appliesTo("postgresql"));
        assertFalse(q.appliesTo("mysql"));

        Query hashed = assertInstanceOf(Query.class, r.get(4));
        assertTrue(hashed.hashed());
        assertNull(hashed.expected());
        assertEquals(30, hashed.expectedCount());
        assertEquals("3c13dee48d9356ae19af2515e05e6b54", hashed.expectedHash());
        assertEquals(SortMode.NOSORT, hashed.sort());
        assertFalse(hashed.appliesTo("postgresql"));
        assertTrue(hashed.appliesTo("sqlite"));

        Query empty = assertInstanceOf(Query.class, r.get(5));
        assertEquals(SortMode.VALUESORT, empty.sort());
        assertEquals(List.of(), empty.expected());

        SltRecord.Halt halt = assertInstanceOf(SltRecord.Halt.class, r.get(6));
        assertFalse(halt.appliesTo("postgresql"));
    }

    @Test
    void theLastRecordMayEndTheFileAndTheSortModeDefaultsToNosort() {
        String text = "query I\nSELECT 1\n----\n1";
        Query q = assertInstanceOf(Query.class, SltParser.parse("t.test", text).get(0));
        assertEquals(SortMode.NOSORT, q.sort());
        assertNull(q.label());
        assertEquals(List.of("1"), q.expected());
        Statement s = assertInstanceOf(Statement.class, SltParser.parse("t.test", "statement ok\r\nDROP TABLE t1\r\n").get(0));
        assertEquals("DROP TABLE t1", s.sql());
    }

    @Test
    void rejectsMalformedRecords() {
        assertThrows(IllegalArgumentException.class, () -> SltParser.parse("t", "query X nosort\nSELECT 1\n----\n1\n"));
        assertThrows(IllegalArgumentException.class, () -> SltParser.parse("t", "query I bysize\nSELECT 1\n"));
        assertThrows(IllegalArgumentException.class, () -> SltParser.parse("t", "statement maybe\nSELECT 1\n"));
        assertThrows(IllegalArgumentException.class, () -> SltParser.parse("t", "select 1\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SltParser.parse("f.test", "\n\nstatement ok\n\n"));
        assertEquals("f.test:3: a statement without SQL", e.getMessage());
    }

    @Test
    void readsSelect1FromTheSuite() {
        List<SltRecord> r = SltSuite.read("select1.test");
        long queries = r.stream().filter(x -> x instanceof Query).count();
        long statements = r.stream().filter(x -> x instanceof Statement).count();
        assertEquals(1000, queries);
        assertEquals(31, statements);
        Query q = (Query) r.stream().filter(x -> x.line() == 101).findFirst().orElseThrow();
        assertEquals("II", q.types());
        assertEquals("SELECT a+b*2+c*3+d*4+e*5,\n       (a+b+c+d+e)/5\n  FROM t1\n ORDER BY 1,2", q.sql());
        assertEquals(60, q.expectedCount());
        assertEquals("808146289313018fce25f1a280bd8c30", q.expectedHash());
    }

    @Test
    void listsTheSuite() {
        List<String> all = SltSuite.all();
        assertEquals(622, all.size());
        assertTrue(all.contains("random/groupby/slt_good_0.test"));
        assertTrue(all.indexOf("random/groupby/slt_good_2.test") < all.indexOf("random/groupby/slt_good_10.test"));
        assertEquals(14, SltSuite.under("random/groupby").size());
        assertTrue(SltSuite.exists("index/between/1/slt_good_0.test"));
        assertFalse(SltSuite.exists("nothing.test"));
    }

    @Test
    void resolvesCommandLineFiles() {
        assertEquals(List.of("select1.test", "select2.test"), SltMain.resolve(List.of("select1.test", "select2.test",
                "select1.test")));
        assertEquals(14, SltMain.resolve(List.of("random/groupby/")).size());
        assertEquals(622, SltMain.resolve(List.of("all")).size());
        assertThrows(IllegalArgumentException.class, () -> SltMain.resolve(List.of("nothing.test")));
        assertThrows(IllegalArgumentException.class, () -> SltMain.resolve(List.of()));
    }

    @Test
    void badArgumentsExitWithTwo() {
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        assertEquals(2, SltMain.run(new String[] {"--sample", "2", "select1.test"}, quiet, quiet));
        assertEquals(2, SltMain.run(new String[] {"--bogus"}, quiet, quiet));
        assertEquals(2, SltMain.run(new String[] {"--seed"}, quiet, quiet));
        assertEquals(2, SltMain.run(new String[] {"nothing.test"}, quiet, quiet));
        assertEquals(2, SltMain.run(new String[] {}, quiet, quiet));
        assertEquals(0, SltMain.run(new String[] {"--help"}, quiet, quiet));
    }
}
