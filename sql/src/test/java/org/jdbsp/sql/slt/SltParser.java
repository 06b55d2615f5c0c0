package org.jdbsp.sql.slt;

import org.jdbsp.sql.slt.SltRecord.Condition;
import org.jdbsp.sql.slt.SltRecord.SortMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sqllogictest format: records separated by blank lines; {@code #} starts a comment line;
 * {@code skipif DB} / {@code onlyif DB} lines stand before the record they guard; a {@code statement ok|error}
 * record is its keyword line followed by SQL lines; a {@code query TYPES [SORT [LABEL]]} record is its keyword line,
 * SQL lines, a {@code ----} line and the expected values, one per line, or a single
 * {@code N values hashing to MD5} line. Every condition, halt and hash-threshold is kept in the records: what
 * applies is the runner's business.
 */
final class SltParser {
    private static final Pattern HASH = Pattern.compile("(\\d+) values hashing to ([0-9a-fA-F]{32})");

    private final String file;
    private final List<String> lines;
    private int next; // index of the next line to read

    private SltParser(String file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** The parsed records of a file read from {@code text}. */
    static List<SltRecord> parse(String file, String text) {
        return parse(file, new BufferedReader(new StringReader(text)));
    }

    /** The parsed records of a file read from {@code reader} (which is read to its end, not closed). */
    static List<SltRecord> parse(String file, BufferedReader reader) {
        List<String> lines = new ArrayList<>();
        try {
            for (String l = reader.readLine(); l != null; l = reader.readLine()) lines.add(l);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return new SltParser(file, lines).records();
    }

    private List<SltRecord> records() {
        List<SltRecord> out = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        while (next < lines.size()) {
            int lineNo = next + 1;
            String line = lines.get(next++);
            String head = stripComment(line).trim();
            if (head.isEmpty()) continue; // blank or comment; conditions read so far stay pending
            String[] words = head.split("\\s+");
            switch (words[0]) {
                case "skipif":
                case "onlyif":
                    if (words.length < 2) throw error(lineNo, words[0] + " without a database name");
                    conditions.add(new Condition(words[0].equals("skipif"), words[1]));
                    continue;
                case "halt":
                    out.add(new SltRecord.Halt(lineNo, conditions));
                    break;
                case "hash-threshold":
                    if (words.length < 2) throw error(lineNo, "hash-threshold without a number");
                    out.add(new SltRecord.HashThreshold(lineNo, conditions, parseInt(lineNo, words[1])));
                    break;
                case "statement":
                    out.add(statement(lineNo, words, conditions));
                    break;
                case "query":
                    out.add(query(lineNo, words, conditions));
                    break;
                default:
                    throw error(lineNo, "unknown record '" + head + "'");
            }
            conditions = new ArrayList<>();
        }
        if (!conditions.isEmpty()) throw error(lines.size(), "the file ends after skipif/onlyif");
        return out;
    }

    private SltRecord statement(int lineNo, String[] words, List<Condition> conditions) {
        if (words.length < 2 || !(words[1].equals("ok") || words[1].equals("error"))) {
            throw error(lineNo, "expected 'statement ok' or 'statement error'");
        }
        String sql = sqlLines(false);
        if (sql.isEmpty()) throw error(lineNo, "a statement without SQL");
        return new SltRecord.Statement(lineNo, conditions, sql, words[1].equals("ok"));
    }

    private SltRecord query(int lineNo, String[] words, List<Condition> conditions) {
        if (words.length < 2) throw error(lineNo, "a query without column types");
        String types = words[1];
        for (int i = 0; i < types.length(); i++) {
            char c = types.charAt(i);
            if (c != 'I' && c != 'R' && c != 'T') throw error(lineNo, "unknown column type '" + c + "'");
        }
        SortMode sort = SortMode.NOSORT;
        if (words.length >= 3) {
            sort = SortMode.parse(words[2]);
            if (sort == null) throw error(lineNo, "unknown sort mode '" + words[2] + "'");
        }
        String label = words.length >= 4 ? words[3] : null;
        String sql = sqlLines(true);
        if (sql.isEmpty()) throw error(lineNo, "a query without SQL");
        List<String> values = new ArrayList<>();
        boolean separator = next > 0 && lines.get(next - 1).trim().equals("----");
        if (separator) {
            while (next < lines.size() && !lines.get(next).trim().isEmpty()) {
                values.add(stripCr(lines.get(next++)));
            }
        }
        if (values.size() == 1) {
            Matcher m = HASH.matcher(values.get(0).trim());
            if (m.matches()) {
                return new SltRecord.Query(lineNo, conditions, types, sort, label, sql, null,
                        parseInt(lineNo, m.group(1)), m.group(2).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new SltRecord.Query(lineNo, conditions, types, sort, label, sql, values, values.size(), null);
    }

    /**
     * The SQL lines from the current one to a blank line or the end (or, for a query, a {@code ----} line, which is
     * consumed), joined with newlines.
     */
    private String sqlLines(boolean query) {
        StringBuilder sql = new StringBuilder();
        while (next < lines.size()) {
            String line = stripCr(lines.get(next));
            if (line.trim().isEmpty()) break;
            next++;
            if (query && line.trim().equals("----")) break;
            if (sql.length() > 0) sql.append('\n');
            sql.append(line);
        }
        return sql.toString();
    }

    /** The line without a {@code #} comment: a whole-line comment, or one after a keyword line's words. */
    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private int parseInt(int lineNo, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(lineNo, "not a number: '" + text + "'");
        }
    }

    private IllegalArgumentException error(int lineNo, String message) {
        return new IllegalArgumentException(file + ":" + lineNo + ": " + message);
    }
}
