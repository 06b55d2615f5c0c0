package org.jdbsp.sql.cli;

import org.jdbsp.sql.Column;
import org.jdbsp.sql.Rows;
import org.jdbsp.sql.Schema;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.SqlProgram;
import org.jdbsp.sql.SqlStatements;
import org.jdbsp.sql.SqlTable;
import org.jdbsp.sql.SqlView;
import org.jdbsp.sql.runtime.TextTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL session on one {@link SqlProgram}: runs scripts ({@link #runScript}) and line-by-line input
 * ({@link #runInput}, the interactive prompt), printing results to one stream and errors to another.
 *
 * <p>DDL defines the program; {@code INSERT}, {@code UPDATE} and {@code DELETE} are pending changes. The changes
 * made since the last step become one step when a query ({@code SELECT}, {@code WITH}, {@code VALUES}) or
 * {@code CHANGES} needs the views, or at an explicit {@code STEP}. A query prints its result as a table with each
 * row repeated as many times as it occurs; {@code CHANGES view} prints the last step's changes with weights.
 * DDL and changes print nothing. Output is deterministic: rows come in the query's {@code ORDER BY} order, else
 * sorted by value. Not thread-safe.
 */
public final class Shell implements AutoCloseable {
    /** The prompt for a new statement. */
    public static final String PROMPT = "jdbsp> ";
    /** The prompt for the next line of an unfinished statement. */
    public static final String CONTINUATION = "   ...> ";

    /** What {@code HELP;} prints. */
    public static final String HELP = """
            Statements end with a semicolon and may span lines; -- and /* */ are comments. The changes made
            since the last step become one step at STEP, or when a query or CHANGES needs the views.
              CREATE TABLE, CREATE [MATERIALIZED] VIEW, CREATE INDEX, DROP TABLE, DROP VIEW, DROP INDEX
                                  define the program (a view is maintained from then on)
              INSERT, UPDATE, DELETE
                                  changes to tables, pending until the next step
              STEP;               apply the pending changes as one step and update every view; prints
                                  step N: K views changed (names)
              SELECT ...; WITH ...; VALUES ...;
                                  a query over tables and views as of the last step, printed as a table;
                                  pending changes are stepped first. Each row is printed as many times as it
                                  occurs, in the ORDER BY order, else sorted by value (NULL first)
              CHANGES view;       the view's changes at the last step (pending changes are stepped first),
                                  with weights: +n inserted n times, -n deleted n times
              EXPLAIN view;       the view's plan and the circuit that maintains it
              SHOW TABLES;        the tables' names
              SHOW VIEWS;         the views' names
              DESCRIBE name;      a table's or view's columns and types (also DESC name;)
              HELP;               this text (also \\? or help at the prompt)
              QUIT; EXIT;         leave (also \\q, quit or exit at the prompt, or the end of the input)
            DDL and changes print nothing; errors print one line to standard error.
            """;

    private static final Pattern LOCATION = Pattern.compile("^line (\\d+), column (\\d+)", Pattern.DOTALL);

    private final SqlProgram program;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean echo;
    private final boolean debug;
    private boolean quit;

    /** A session with an empty program run as {@code options} say, printing to {@code out} and {@code err}. */
    public Shell(ShellOptions options, PrintStream out, PrintStream err) {
        this.program = Sql.compile("", options.sql());
        this.out = out;
        this.err = err;
        this.echo = options.echo();
        this.debug = options.debug();
    }

    /** The program the session runs, for tests and embedding. */
    public SqlProgram program() {
        return program;
    }

    /** True once {@code QUIT} or {@code EXIT} ran. */
    public boolean quitRequested() {
        return quit;
    }

    /**
     * Runs the statements of {@code script} in order and stops at the first one that fails (after printing its
     * error) or at {@code QUIT}. Error positions count from the start of {@code script}.
     *
     * @return false if a statement failed
     */
    public boolean runScript(String script) {
        for (SqlStatements.Statement s : SqlStatements.split(script)) {
            if (!execute(s, 1, 1)) return false;
            if (quit) break;
        }
        return true;
    }

    /**
     * Reads {@code in} line by line until its end or {@code QUIT}, running each statement as soon as a line
     * completes it ({@link SqlStatements#isComplete}); a statement that fails prints its error and the session
     * goes on. With {@code prompt}, prints {@link #PROMPT} before a new statement and {@link #CONTINUATION} before
     * the next line of an unfinished one. At the prompt (an empty buffer), a line {@code \q}, {@code quit} or
     * {@code exit} leaves and {@code \?}, {@code \h} or {@code help} prints the help, without a semicolon. An
     * unfinished statement at the end of the input is run as it is. Error positions count from the first line
     * of {@code in}.
     *
     * @return false if any statement failed
     */
    public boolean runInput(Reader in, boolean prompt) throws IOException {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        StringBuilder buf = new StringBuilder();
        int lineNo = 0;
        int bufLine = 1, bufCol = 1;
        boolean ok = true;
        while (!quit) {
            if (prompt) {
                out.print(buf.length() == 0 ? PROMPT : CONTINUATION);
                out.flush();
            }
            String line = reader.readLine();
            if (line == null) break;
            lineNo++;
            if (buf.length() == 0) {
                String word = line.strip().toLowerCase(Locale.ROOT);
                if (word.isEmpty()) continue;
                if (shortcut(word)) continue;
                bufLine = lineNo;
                bufCol = 1;
            }
            buf.append(line).append('\n');
            // a line without a semicolon cannot complete the buffer: skip the scan (big multi-line statements)
            if (line.indexOf(';') < 0) continue;
            String text = buf.toString();
            if (!SqlStatements.isComplete(text)) continue;
            int[] lineStarts = lineStarts(text);
            int consumed = 0;
            for (SqlStatements.Statement s : SqlStatements.split(text)) {
                int end = lineStarts[s.line() - 1] + s.column() - 1 + s.text().length();
                while (end < text.length() && Character.isWhitespace(text.charAt(end))) end++;
                if (end >= text.length() || text.charAt(end) != ';') break; // unfinished: stays in the buffer
                ok &= execute(s, bufLine, bufCol);
                consumed = end + 1;
                if (quit) break;
            }
            // what follows the last semicolon starts the next statement: move its position on
            int nl = text.lastIndexOf('\n', consumed - 1);
            int newlines = 0;
            for (int i = 0; i < consumed; i++) {
                if (text.charAt(i) == '\n') newlines++;
            }
            bufCol = nl < 0 ? bufCol + consumed : consumed - nl;
            bufLine += newlines;
            String rest = text.substring(consumed);
            buf.setLength(0);
            if (!blank(rest)) buf.append(rest);
        }
        if (!quit && buf.length() > 0) {
            for (SqlStatements.Statement s : SqlStatements.split(buf.toString())) {
                ok &= execute(s, bufLine, bufCol);
                if (quit) break;
            }
        }
        out.flush();
        return ok;
    }

    /** True for text of blanks and closed comments only. */
    private static boolean blank(String text) {
        return SqlStatements.split(text).isEmpty() && SqlStatements.isComplete(text + "\n;");
    }

    private static int[] lineStarts(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') n++;
        }
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') starts[k++] = i + 1;
        }
        return starts;
    }

    /** Runs a prompt shortcut ({@code \q}, {@code quit}, {@code help}, ...); false if the line is none. */
    private boolean shortcut(String word) {
        switch (word) {
            case "\\q":
            case "\\quit":
            case "quit":
            case "exit":
                quit = true;
                return true;
            case "\\?":
            case "\\h":
            case "\\help":
            case "help":
                out.print(HELP);
                out.flush();
                return true;
            default:
                return false;
        }
    }

    /**
     * Runs one statement that starts at line {@code baseLine}, column {@code baseCol} of the input when its own
     * position is line 1, column 1; prints its output, or its error with the input's line and column.
     *
     * @return false if it failed
     */
    private boolean execute(SqlStatements.Statement s, int baseLine, int baseCol) {
        int line = baseLine + s.line() - 1;
        int col = s.line() == 1 ? baseCol + s.column() - 1 : s.column();
        if (echo) out.println(s.text() + ";");
        try {
            dispatch(s.text());
            out.flush();
            return true;
        } catch (SqlException e) {
            fail(locate(e.getMessage(), line, col), null);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            String msg = "internal error: " + e + (debug ? "" : " (--debug prints the stack trace)");
            fail(locate(msg, line, col), e);
        }
        return false;
    }

    private void fail(String message, Throwable cause) {
        out.flush();
        err.println("error: " + message.strip().replaceAll("\\s*\\R\\s*", " ")); // one line
        if (debug && cause != null) cause.printStackTrace(err);
        err.flush();
    }

    /**
     * The message with its position moved to the input's: a message that starts with {@code line L, column C}
     * (relative to the statement) gets the input's line and column there, any other gets the statement's
     * position in front.
     */
    static String locate(String message, int line, int col) {
        if (message == null) message = "failed";
        Matcher m = LOCATION.matcher(message);
        if (!m.find()) return "line " + line + ", column " + col + ": " + message;
        int l = Integer.parseInt(m.group(1)), c = Integer.parseInt(m.group(2));
        int absLine = line + l - 1;
        int absCol = l == 1 ? col + c - 1 : c;
        return "line " + absLine + ", column " + absCol + message.substring(m.end());
    }

    private void dispatch(String text) {
        List<String> words = Words.of(text);
        String first = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
        switch (first) {
            case "select":
            case "with":
            case "values":
            case "(":
                query(text);
                return;
            case "step":
                noArguments(words, "STEP");
                step();
                return;
            case "changes":
                changes(name(words, "CHANGES", "a view"));
                return;
            case "explain":
                explain(name(words, "EXPLAIN", "a view"));
                return;
            case "describe":
            case "desc":
                describe(name(words, first.toUpperCase(Locale.ROOT), "a table or view"));
                return;
            case "show":
                show(words);
                return;
            case "help":
                noArguments(words, "HELP");
                out.print(HELP);
                return;
            case "quit":
            case "exit":
                noArguments(words, first.toUpperCase(Locale.ROOT));
                quit = true;
                return;
            default:
                program.execute(text);
        }
    }

    private void stepPending() {
        if (program.hasPendingChanges()) stepNotingLateRows();
    }

    /** Runs a step, then says for each table that ignored late rows in it how many, and its watermark. */
    private void stepNotingLateRows() {
        List<String> tables = program.tableNames();
        long[] before = new long[tables.size()];
        for (int i = 0; i < before.length; i++) before[i] = program.table(tables.get(i)).lateRows();
        program.step();
        for (int i = 0; i < before.length; i++) {
            SqlTable t = program.table(tables.get(i));
            long late = t.lateRows() - before[i];
            if (late > 0) {
                out.println("note: table " + t.name() + " ignored " + late + (late == 1 ? " late row" : " late rows")
                        + " (event time below its watermark " + t.watermark() + ")");
            }
        }
    }

    private void query(String text) {
        stepPending();
        Rows rows = program.query(text);
        out.println(rows.toExpandedTable());
        out.println();
    }

    private void step() {
        stepNotingLateRows();
        List<String> changed = new ArrayList<>();
        for (String v : program.viewNames()) {
            if (!program.view(v).changes().isEmpty()) changed.add(v);
        }
        String what = changed.isEmpty() ? "no view changed"
                : changed.size() + (changed.size() == 1 ? " view" : " views") + " changed ("
                        + String.join(", ", changed) + ")";
        out.println("step " + program.stepCount() + ": " + what);
    }

    private void changes(String view) {
        if (!isView(view) && isTable(view)) {
            throw new SqlException(view + " is a table: CHANGES takes a view (CREATE VIEW v AS SELECT * FROM "
                    + view + " to follow a table's changes)");
        }
        SqlView v = program.view(view); // an unknown view fails before the step
        stepPending();
        out.println(v.changes().toTable(true));
        out.println();
    }

    private void explain(String view) {
        if (!isView(view) && isTable(view)) throw new SqlException(view + " is a table: EXPLAIN takes a view");
        String text = program.explain(view);
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.println();
    }

    private void describe(String name) {
        Schema schema;
        String title;
        if (isTable(name)) {
            SqlTable t = program.table(name);
            schema = t.schema();
            title = "table " + t.name() + (t.primaryKey().isEmpty() ? "" : ", primary key ("
                    + String.join(", ", t.primaryKey()) + ")");
            if (t.watermarkColumn() != null) {
                title += ", watermark " + t.watermarkColumn() + " - " + t.lateness() + " (now " + t.watermark() + ", "
                        + t.lateRows() + " late rows)";
            }
        } else if (isView(name)) {
            schema = program.view(name).schema();
            title = "view " + program.view(name).name();
        } else {
            throw new SqlException("unknown table or view " + name);
        }
        List<String[]> lines = new ArrayList<>();
        for (Column c : schema.columns()) {
            lines.add(new String[] {c.name(), c.type().toString(), c.nullable() ? "yes" : "no"});
        }
        out.println(title);
        out.println(TextTable.render(new String[] {"column", "type", "nullable"}, new boolean[3], lines,
                "column", "columns"));
        out.println();
    }

    private void show(List<String> words) {
        String what = words.size() == 2 ? words.get(1).toLowerCase(Locale.ROOT) : "";
        List<String> names;
        String header;
        if (what.equals("tables")) {
            names = program.tableNames();
            header = "table";
        } else if (what.equals("views")) {
            names = program.viewNames();
            header = "view";
        } else {
            throw new SqlException("SHOW takes TABLES or VIEWS, as in SHOW VIEWS");
        }
        List<String[]> lines = new ArrayList<>();
        for (String n : names) lines.add(new String[] {n});
        out.println(TextTable.render(new String[] {header}, new boolean[1], lines, header, header + "s"));
        out.println();
    }

    private boolean isTable(String name) {
        for (String t : program.tableNames()) {
            if (t.equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    private boolean isView(String name) {
        for (String v : program.viewNames()) {
            if (v.equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    private static void noArguments(List<String> words, String command) {
        if (words.size() > 1) throw new SqlException(command + " takes no arguments");
    }

    /** The name a command takes: {@code COMMAND name}, the name possibly qualified ({@code s.v}) or quoted. */
    private static String name(List<String> words, String command, String what) {
        String usage = command + " takes " + what + "'s name, as in " + command + " revenue";
        if (words.size() < 2 || words.size() % 2 != 0) throw new SqlException(usage);
        for (int i = 2; i < words.size(); i += 2) {
            if (!words.get(i).equals(".")) throw new SqlException(usage);
        }
        for (int i = 1; i < words.size(); i += 2) {
            String w = words.get(i);
            boolean quoted = w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"");
            if (!quoted && !Character.isLetterOrDigit(w.charAt(0)) && w.charAt(0) != '_') {
                throw new SqlException(usage);
            }
        }
        String name = words.get(words.size() - 1);
        if (name.startsWith("\"")) return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        return name;
    }

    @Override
    public void close() {
        program.close();
    }

    /** The words of a command: identifiers, quoted identifiers and single punctuation, comments skipped. */
    static final class Words {
        private Words() {
        }

        static List<String> of(String text) {
            List<String> out = new ArrayList<>();
            int n = text.length();
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                    while (i < n && text.charAt(i) != '\n') i++;
                } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                    int end = text.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else if (c == '"') {
                    int j = i + 1;
                    while (j < n && (text.charAt(j) != '"' || (j + 1 < n && text.charAt(j + 1) == '"'))) {
                        j += text.charAt(j) == '"' ? 2 : 1;
                    }
                    out.add(text.substring(i, Math.min(j + 1, n)));
                    i = j + 1;
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                    int j = i;
                    while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                            || text.charAt(j) == '$')) {
                        j++;
                    }
                    out.add(text.substring(i, j));
                    i = j;
                } else {
                    out.add(String.valueOf(c));
                    i++;
                }
            }
            return out;
        }
    }
}
