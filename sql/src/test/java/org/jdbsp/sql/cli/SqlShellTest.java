package org.jdbsp.sql.cli;

import org.jdbsp.sql.Rows;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives {@code bin/sql}'s {@link SqlShell#run} with in-memory input and output. */
class SqlShellTest {
    /** What a run returned and printed. */
    record Result(int status, String out, String err) {
    }

    private static Result run(String stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, false, StandardCharsets.UTF_8);
        int status = SqlShell.run(args, new StringReader(stdin), terminal, o, e);
        o.flush();
        e.flush();
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result run(String stdin, String... args) {
        return run(stdin, false, args);
    }

    private static final String SCHEMA = """
            CREATE TABLE orders (id INT PRIMARY KEY, customer INT NOT NULL, amount INT NOT NULL);
            CREATE TABLE customers (id INT PRIMARY KEY, region VARCHAR(10) NOT NULL);
            CREATE VIEW revenue AS SELECT c.region, SUM(o.amount) AS total
              FROM orders o JOIN customers c ON o.customer = c.id GROUP BY c.region;
            """;

    @Test
    void scriptWithTablesViewsInsertsQueriesChangesAndSteps(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.sql");
        Files.writeString(file, SCHEMA + """
                INSERT INTO customers VALUES (1, 'EU'), (2, 'US');
                INSERT INTO orders VALUES (10, 1, 30), (11, 2, 50);
                SELECT * FROM revenue;
                CHANGES revenue;
                INSERT INTO orders VALUES (12, 1, 20);
                STEP;
                CHANGES revenue;
                STEP;
                CHANGES revenue;
                SELECT region FROM revenue WHERE total > 40 ORDER BY region DESC;
                """);
        Result r = run("", file.toString());
        assertEquals("", r.err());
        assertEquals(0, r.status());
        assertEquals("""
                region | total
                -------+------
                EU     |    30
                US     |    50
                (2 rows)

                region | total | weight
                -------+-------+-------
                EU     |    30 |     +1
                US     |    50 |     +1
                (2 rows)

                step 2: 1 view changed (revenue)
                region | total | weight
                -------+-------+-------
                EU     |    30 |     -1
                EU     |    50 |     +1
                (2 rows)

                step 3: no view changed
                region | total | weight
                -------+-------+-------
                (0 rows)

                region
                ------
                US
                EU
                (2 rows)

                """, r.out());
    }

    @Test
    void aStepThatIgnoredLateRowsSaysSo() {
        Result r = run("""
                CREATE TABLE ev (id INT, ts TIMESTAMP LATENESS INTERVAL 1 SECOND);
                CREATE VIEW n AS SELECT COUNT(*) AS n FROM ev;
                INSERT INTO ev VALUES (1, TIMESTAMP '2026-01-01 00:00:10');
                STEP;
                INSERT INTO ev VALUES (2, TIMESTAMP '2026-01-01 00:00:08'), (3, TIMESTAMP '2026-01-01 00:00:09');
                STEP;
                DESCRIBE ev;
                """);
        assertEquals("", r.err());
        assertTrue(r.out().contains("note: table ev ignored 1 late row (event time below its watermark"
                + " 2026-01-01T00:00:09)\nstep 2: 1 view changed (n)"), r.out());
        assertTrue(r.out().contains("table ev, watermark ts - 1000 (now 2026-01-01T00:00:09, 1 late rows)"), r.out());
    }

    @Test
    void anErrorDoesNotStopInteractiveInput() {
        Result r = run(SCHEMA + """
                INSERT INTO customers VALUES (1, 'EU');
                SELECT region, nope
                  FROM revenue;
                INSERT INTO orders VALUES (10, 1, 30);
                SELECT * FROM revenue;
                """);
        assertEquals("error: line 6, column 16: Column 'nope' not found in any table\n", r.err());
        assertEquals("""
                region | total
                -------+------
                EU     |    30
                (1 row)

                """, r.out());
        assertEquals(1, r.status(), "standard input exits 1 at its end when a statement failed");
        assertEquals(0, run(SCHEMA + "SELECT * FROM revenue;").status());
    }

    @Test
    void aScriptStopsAtItsFirstErrorWithStatusOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.sql");
        Files.writeString(file, SCHEMA + """
                INSERT INTO customers VALUES (1, 'EU');
                SELECT 1 AS first;
                INSERT INTO nowhere VALUES (1);
                SELECT 2 AS second;
                """);
        Result r = run("SELECT 3;", file.toString());
        assertEquals(1, r.status());
        assertEquals("""
                first
                -----
                    1
                (1 row)

                """, r.out());
        assertTrue(r.err().startsWith("error: line 7, column "), r.err());
        assertTrue(r.err().contains("nowhere"), r.err());
        assertEquals(1, r.err().lines().count(), "one line, no stack trace: " + r.err());
        // the same with -e, and a later -e does not run
        r = run("", "-e", "SELECT 1 AS first;\nSELECT nope;", "-e", "SELECT 2 AS second");
        assertEquals(1, r.status());
        assertTrue(r.out().contains("first") && !r.out().contains("second"), r.out());
        assertTrue(r.err().startsWith("error: line 2, column 8: "), r.err());
    }

    @Test
    void executeOptionsRunInOrderWithFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("schema.sql");
        Files.writeString(file, SCHEMA);
        Result r = run("", file.toString(), "-e", "INSERT INTO customers VALUES (1, 'EU'); INSERT INTO orders "
                + "VALUES (1, 1, 5), (2, 1, 6)", "--execute=SELECT total FROM revenue");
        assertEquals("", r.err());
        assertEquals(0, r.status());
        assertEquals("total\n-----\n   11\n(1 row)\n\n", r.out());
        assertEquals("x\n-\n1\n(1 row)\n\n", run("", "-e", "SELECT 1 AS x").out(), "the last semicolon is optional");
    }

    @Test
    void interactivePromptsOnATerminal() {
        Result r = run("SELECT\n  1 AS x;\n\\q\nSELECT 2;\n", true);
        assertEquals(0, r.status());
        assertEquals("jdbsp SQL shell: statements end with ';', HELP; lists the commands, QUIT; leaves.\n"
                + "jdbsp> " + "   ...> " + "x\n-\n1\n(1 row)\n\n" + "jdbsp> ", r.out());
        // piped (not a terminal): no banner, no prompts; the end of the input leaves
        assertEquals("x\n-\n1\n(1 row)\n\n", run("SELECT\n  1 AS x;\n").out());
        // -i reads standard input after the scripts
        r = run("SELECT x FROM t;\n", "-i", "-e", "CREATE TABLE t (x INT); INSERT INTO t VALUES (7)");
        assertEquals("x\n-\n7\n(1 row)\n\n", r.out());
    }

    @Test
    void linesWithSeveralStatementsQuotesAndComments() {
        Result r = run("""
                CREATE TABLE t (s VARCHAR(10)); INSERT INTO t VALUES ('a;b'),
                  ('cde'); SELECT * FROM t; -- a comment; with a semicolon
                /* a block comment;
                   over lines */ SELECT COUNT(*) AS n FROM t; SELECT s,
                nope FROM t;
                SELECT 'unfinished' AS u
                """);
        assertEquals("error: line 5, column 1: Column 'nope' not found in any table\n", r.err());
        assertEquals("""
                s
                ---
                a;b
                cde
                (2 rows)

                n
                -
                2
                (1 row)

                u
                ----------
                unfinished
                (1 row)

                """, r.out());
    }

    @Test
    void queriesRepeatDuplicateRows() {
        Result r = run("CREATE TABLE t (x INT, y VARCHAR(3)); INSERT INTO t VALUES (1, 'a'), (1, 'a'), (2, NULL);"
                + "SELECT * FROM t; SELECT y FROM t ORDER BY y DESC; CHANGES d; CREATE VIEW d AS SELECT * FROM t;"
                + "STEP; CHANGES d;");
        assertEquals("""
                x | y
                --+-----
                1 | a
                1 | a
                2 | NULL
                (3 rows)

                y
                ----
                NULL
                a
                a
                (3 rows)

                step 2: 1 view changed (d)
                x | y    | weight
                --+------+-------
                1 | a    |     +2
                2 | NULL |     +1
                (2 rows)

                """, r.out());
        assertTrue(r.err().startsWith("error: line 1, column 140: unknown view d"), r.err());
    }

    @Test
    void contentsWithoutDuplicatesRenderAsToTable() {
        try (SqlProgram p = Sql.compile("CREATE TABLE t (x INT, y VARCHAR(5), z DECIMAL(5,2));")) {
            p.execute("INSERT INTO t VALUES (1, 'abc', 1.5), (22, NULL, -3), (333, 'x', NULL)");
            p.step();
            Rows rows = p.query("SELECT * FROM t");
            assertEquals(rows.toTable(false), rows.toExpandedTable());
            p.execute("INSERT INTO t VALUES (1, 'abc', 1.5)");
            p.step();
            String expanded = p.query("SELECT * FROM t").toExpandedTable();
            assertEquals("""
                    x   | y    | z
                    ----+------+------
                      1 | abc  |  1.50
                      1 | abc  |  1.50
                     22 | NULL | -3.00
                    333 | x    |  NULL
                    (4 rows)""", expanded);
        }
    }

    @Test
    void commands() {
        Result r = run(SCHEMA + """
                show tables; SHOW VIEWS;
                describe customers; DESC revenue;
                EXPLAIN revenue;
                HELP;
                CHANGES orders;
                SHOW everything;
                EXPLAIN;
                QUIT;
                SELECT 1;
                """);
        assertEquals(1, r.status());
        String out = r.out();
        assertTrue(out.startsWith("""
                table
                ---------
                orders
                customers
                (2 tables)

                view
                -------
                revenue
                (1 view)

                table customers, primary key (id)
                column | type        | nullable
                -------+-------------+---------
                id     | INTEGER     | no
                region | VARCHAR(10) | no
                (2 columns)

                view revenue
                column | type        | nullable
                -------+-------------+---------
                region | VARCHAR(10) | no
                total  | BIGINT      | no
                (2 columns)

                plan:
                """), out);
        assertTrue(out.contains("circuit:"), out);
        assertTrue(out.contains(Shell.HELP), out);
        assertFalse(out.contains("EXPR$0"), "nothing runs after QUIT: " + out);
        assertEquals("""
                error: line 9, column 1: orders is a table: CHANGES takes a view (CREATE VIEW v AS SELECT * FROM \
                orders to follow a table's changes)
                error: line 10, column 1: SHOW takes TABLES or VIEWS, as in SHOW VIEWS
                error: line 11, column 1: EXPLAIN takes a view's name, as in EXPLAIN revenue
                """, r.err());
        // at the prompt, help and quit need no semicolon
        r = run("help\nSELECT 1 AS x;\nquit\nSELECT 2 AS y;\n");
        assertEquals(Shell.HELP + "x\n-\n1\n(1 row)\n\n", r.out());
    }

    @Test
    void stepWithoutChangesAndAFailingStep() {
        Result r = run("""
                CREATE TABLE t (x INT NOT NULL);
                CREATE VIEW inv AS SELECT 100 / x AS q FROM t;
                STEP;
                INSERT INTO t VALUES (4);
                STEP;
                INSERT INTO t VALUES (0);
                SELECT * FROM inv;
                SELECT * FROM inv;
                """);
        assertTrue(r.out().startsWith("step 1: no view changed\nstep 2: 1 view changed (inv)\n"), r.out());
        assertTrue(r.err().startsWith("error: line 7, column 1: step 3 failed"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.out().endsWith("q\n--\n25\n(1 row)\n\n"), "the failed step's changes are discarded: " + r.out());
    }

    @Test
    void naiveAndWorkersPrintTheSame() throws IOException {
        Path example = example("orders.sql");
        String incremental = run("", example.toString()).out();
        assertEquals(incremental, run("", "--naive", example.toString()).out());
        assertEquals(incremental, run("", "--workers", "2", example.toString()).out());
        assertEquals(incremental, run("", "--naive", "--workers=3", example.toString()).out());
    }

    @Test
    void echoPrintsEachStatement() {
        assertEquals("SELECT 1 AS x;\nx\n-\n1\n(1 row)\n\n", run("", "--echo", "-e", "SELECT 1 AS x").out());
    }

    @Test
    void usage(@TempDir Path dir) {
        Result r = run("", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: bin/sql [options] [FILE.sql ...]"), r.out());
        assertTrue(r.out().contains("CHANGES view;"), r.out());
        r = run("", "--bogus");
        assertEquals(2, r.status());
        assertEquals("bin/sql: unknown option --bogus (bin/sql --help lists the options)\n", r.err());
        assertEquals(2, run("", "--workers", "0").status());
        assertEquals(2, run("", "--workers").status());
        assertEquals(2, run("", "-e").status());
        r = run("", dir.resolve("missing.sql").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("bin/sql: cannot read ") && r.err().endsWith("missing.sql: no such file\n"),
                r.err());
    }

    @Test
    void errorPositionsAreTheInputs() {
        assertEquals("line 3, column 5: x", Shell.locate("x", 3, 5));
        assertEquals("line 3, column 12: bad", Shell.locate("line 1, column 8: bad", 3, 5));
        assertEquals("line 4, column 8: bad", Shell.locate("line 2, column 8: bad", 3, 5));
    }

    @Test
    void theExampleScriptPrintsItsDocumentedOutput() throws IOException {
        Result r = run("", example("orders.sql").toString());
        assertEquals("", r.err());
        assertEquals(0, r.status());
        assertEquals("""
                step 1: 2 views changed (revenue, big_spenders)
                region | total | n
                -------+-------+--
                EU     | 30.00 | 1
                US     | 62.50 | 2
                (2 rows)

                region | total  | n | weight
                -------+--------+---+-------
                EU     |  30.00 | 1 |     -1
                EU     | 100.00 | 3 |     +1
                US     |  62.50 | 2 |     -1
                (3 rows)

                name | spent | weight
                -----+-------+-------
                Ada  | 50.00 |     +1
                (1 row)

                region | total  | n
                -------+--------+--
                EU     | 100.00 | 3
                (1 row)

                name | spent | region
                -----+-------+-------
                Ada  | 50.00 | EU
                Bob  | 50.00 | EU
                (2 rows)

                """, r.out());
    }

    @Test
    void theClicksExamplePrintsItsDocumentedOutput() throws IOException {
        Result r = run("", example("clicks.sql").toString());
        assertEquals("", r.err());
        assertEquals(0, r.status());
        assertEquals("""
                view page_stats
                column | type        | nullable
                -------+-------------+---------
                page   | VARCHAR(20) | no
                clicks | BIGINT      | no
                users  | BIGINT      | no
                (3 columns)

                step 1: 2 views changed (page_stats, top_pages)
                page | clicks
                -----+-------
                home |      2
                blog |      1
                (2 rows)

                page | clicks | weight
                -----+--------+-------
                blog |      1 |     -1
                blog |      4 |     +1
                (2 rows)

                step 3: 2 views changed (page_stats, top_pages)
                page | clicks | weight
                -----+--------+-------
                blog |      1 |     +1
                blog |      4 |     -1
                (2 rows)

                page | clicks | users
                -----+--------+------
                blog |      1 |     1
                cart |      1 |     1
                home |      2 |     2
                (3 rows)

                user_id | page | clicked_at
                --------+------+--------------------
                      1 | home | 2024-05-01 10:00:00
                      1 | cart | 2024-05-01 10:01:00
                      2 | home | 2024-05-01 10:02:00
                      3 | blog | 2024-05-01 10:03:00
                (4 rows)

                """, r.out());
    }

    /** A file of examples/sql, found from the module's directory upwards. */
    private static Path example(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("examples").resolve("sql").resolve(name);
            if (Files.isRegularFile(f)) return f;
        }
        throw new AssertionError("examples/sql/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
