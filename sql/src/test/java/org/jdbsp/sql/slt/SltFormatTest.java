package org.jdbsp.sql.slt;

import org.jdbsp.sql.slt.SltRecord.Query;
import org.jdbsp.sql.slt.SltRecord.SortMode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Value formatting, sorting, hashing, result checks and the JSON files; needs no engine. */
class SltFormatTest {
    @Test
    void writesValuesByTypeLetter() {
        assertEquals("NULL", SltFormat.value('I', null));
        assertEquals("NULL", SltFormat.value('R', null));
        assertEquals("NULL", SltFormat.value('T', null));

        assertEquals("42", SltFormat.value('I', 42));
        assertEquals("-7", SltFormat.value('I', (byte) -7));
        assertEquals("9223372036854775807", SltFormat.value('I', Long.MAX_VALUE));
        assertEquals("2", SltFormat.value('I', 2.9));
        assertEquals("-2", SltFormat.value('I', -2.9));
        assertEquals("-2", SltFormat.value('I', new BigDecimal("-2.50")));
        assertEquals("1", SltFormat.value('I', true));
        assertEquals("0", SltFormat.value('I', false));
        assertEquals("12", SltFormat.value('I', "12"));
        assertEquals("0", SltFormat.value('I', "abc"));

        assertEquals("1.000", SltFormat.value('R', 1));
        assertEquals("0.333", SltFormat.value('R', 1.0 / 3));
        assertEquals("-2.667", SltFormat.value('R', -8.0 / 3));
        assertEquals("0.125", SltFormat.value('R', 0.125f));
        assertEquals("0.000", SltFormat.value('R', -0.0));
        assertEquals("12345678.500", SltFormat.value('R', 12345678.5));
        assertEquals("2.346", SltFormat.value('R', new BigDecimal("2.3455")));
        assertEquals("-2.346", SltFormat.value('R', new BigDecimal("-2.3455")));

        assertEquals("abc", SltFormat.value('T', "abc"));
        assertEquals("a b", SltFormat.value('T', "a b"));
        assertEquals("(empty)", SltFormat.value('T', ""));
        assertEquals("a@b@c@", SltFormat.value('T', "a\tb\u00e9c\n"));
        assertEquals("17", SltFormat.value('T', 17L));
        assertEquals("1.5", SltFormat.value('T', 1.5));
        assertEquals("3.0", SltFormat.value('T', 3.0));
        assertEquals("2.50", SltFormat.value('T', new BigDecimal("2.50")));
    }

    @Test
    void sortsRowsOrValuesAsStrings() {
        List<List<String>> rows = List.of(List.of("3", "b"), List.of("10", "a"), List.of("3", "a"));
        assertEquals(List.of("3", "b", "10", "a", "3", "a"), SltFormat.arrange(rows, SortMode.NOSORT));
        // strings: "10" < "3"
        assertEquals(List.of("10", "a", "3", "a", "3", "b"), SltFormat.arrange(rows, SortMode.ROWSORT));
        assertEquals(List.of("10", "3", "3", "a", "a", "b"), SltFormat.arrange(rows, SortMode.VALUESORT));
    }

    @Test
    void hashesValuesEachFollowedByANewline() {
        // md5("") and md5("1\n2\n")
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", SltFormat.md5(List.of()));
        assertEquals("6ddb4095eb719e2a9f0a3f95677d24e0", SltFormat.md5(List.of("1", "2")));
        assertEquals(SltFormat.md5(List.of("1\n2")), SltFormat.md5(List.of("1", "2")));
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> SltFormat.format("I", rows));
    }

    /**
     * Evaluates select1.test's query at line 101 in plain Java over the file's own INSERTs and checks that the
     * written values hash to the file's expected MD5: the parser, the formatter and the hash agree with the suite.
     */
    @Test
    void reproducesAHashOfSelect1() {
        List<SltRecord> records = SltSuite.read("select1.test");
        List<long[]> t1 = table(records);
        assertEquals(30, t1.size());
        Query q = query(records, 101);
        assertEquals("SELECT a+b*2+c*3+d*4+e*5,\n       (a+b+c+d+e)/5\n  FROM t1\n ORDER BY 1,2", q.sql());
        List<Object[]> rows = new ArrayList<>();
        for (long[] r : t1) {
            long a = r[0], b = r[1], c = r[2], d = r[3], e = r[4];
            rows.add(new Object[] {a + b * 2 + c * 3 + d * 4 + e * 5, (a + b + c + d + e) / 5});
        }
        rows.sort(Comparator.<Object[]>comparingLong(r -> (Long) r[0]).thenComparingLong(r -> (Long) r[1]));
        List<List<String>> written = SltFormat.format(q.types(), rows);
        assertNull(SltRunner.check(q, written));
        assertEquals(q.expectedHash(), SltFormat.md5(SltFormat.arrange(written, q.sort())));

        // one wrong value, or one row missing, is caught
        List<List<String>> wrong = new ArrayList<>(written);
        wrong.set(3, List.of("0", "0"));
        assertNotNull(SltRunner.check(q, wrong));
        assertTrue(SltRunner.check(q, written.subList(1, 30)).startsWith("expected 60 values hashing to"));

        // query at line 166: CASE a+1 WHEN b THEN 111 WHEN c THEN 222 WHEN d THEN 333 WHEN e THEN 444 ELSE 555 END
        Query q2 = query(records, 166);
        List<Object[]> rows2 = new ArrayList<>();
        for (long[] r : t1) {
            long a1 = r[0] + 1;
            long v = a1 == r[1] ? 111 : a1 == r[2] ? 222 : a1 == r[3] ? 333 : a1 == r[4] ? 444 : 555;
            rows2.add(new Object[] {v});
        }
        rows2.sort(Comparator.comparingLong(r -> (Long) r[0]));
        assertNull(SltRunner.check(q2, SltFormat.format(q2.types(), rows2)));
    }

    @Test
    void checksListedValuesAfterSorting() {
        Query q = (Query) SltParser.parse("t", "query IT rowsort\nSELECT x\n----\n1\na\n2\nNULL\n").get(0);
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {2, null});
        rows.add(new Object[] {1, "a"});
        assertNull(SltRunner.check(q, SltFormat.format(q.types(), rows)));
        rows.set(1, new Object[] {1, "b"});
        assertEquals("expected [1, a, 2, NULL], got [1, b, 2, NULL]",
                SltRunner.check(q, SltFormat.format(q.types(), rows)));
        Query v = (Query) SltParser.parse("t", "query I valuesort\nSELECT x\n----\n1\n2\n3\n").get(0);
        List<Object[]> values = new ArrayList<>();
        for (int i : new int[] {3, 1, 2}) values.add(new Object[] {i});
        assertNull(SltRunner.check(v, SltFormat.format(v.types(), values)));
    }

    @Test
    void writesTheReportAndReadsBackTheBaseline(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", SltJson.quote("a\"b\\c\nd\u0001"));
        String baseline = SltJson.baseline(new java.util.LinkedHashMap<>(Map.of("select1.test", 12)));
        assertEquals("{\n  \"select1.test\": 12\n}\n", baseline);
        assertEquals(Map.of("select1.test", 12, "random/x_1.test", 0),
                SltJson.parseBaseline("{\"select1.test\": 12, \"random/x_1.test\":0}"));
        assertEquals("{\"passed\": 0, \"failed\": 0, \"unsupported\": 0, \"files\": []}\n", SltJson.report(List.of()));
        Path p = dir.resolve("sub/report.json");
        SltJson.write(p, SltJson.report(List.of(new SltRunner.FileResult("x.test", 5))));
        String json = Files.readString(p);
        assertTrue(json.startsWith("{\"passed\": 0, \"failed\": 0, \"unsupported\": 0, \"files\": [\n  {\"file\": "
                + "\"x.test\", \"passed\": 0, \"failed\": 0, \"unsupported\": 0"), json);
    }

    @Test
    void theCommittedBaselineCoversTheCiSubset() {
        Map<String, Integer> baseline = SltCi.readBaseline();
        for (String file : SltCi.SUBSET.keySet()) {
            assertTrue(SltSuite.exists(file), file);
            assertTrue(baseline.containsKey(file), "baseline.json has no entry for " + file);
        }
    }

    /** The rows of t1 (a, b, c, d, e) that the file's INSERT statements write. */
    private static List<long[]> table(List<SltRecord> records) {
        Pattern insert = Pattern.compile("INSERT INTO t1\\(([a-e,]+)\\) VALUES\\(([-0-9,]+)\\)");
        List<long[]> rows = new ArrayList<>();
        for (SltRecord r : records) {
            if (!(r instanceof SltRecord.Statement s)) continue;
            Matcher m = insert.matcher(s.sql());
            if (!m.matches()) continue;
            String[] cols = m.group(1).split(",");
            String[] vals = m.group(2).split(",");
            long[] row = new long[5];
            Arrays.fill(row, Long.MIN_VALUE);
            for (int i = 0; i < cols.length; i++) row[cols[i].charAt(0) - 'a'] = Long.parseLong(vals[i]);
            rows.add(row);
        }
        return rows;
    }

    private static Query query(List<SltRecord> records, int line) {
        return (Query) records.stream().filter(r -> r.line() == line).findFirst().orElseThrow();
    }
}
