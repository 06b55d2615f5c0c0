package org.jdbsp.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at the semicolons outside string literals, quoted identifiers and
 * comments, remembering where each statement starts so that errors can name a line:column of the script.
 * O(length of the script).
 */
public final class SqlStatements {
    /**
     * One statement of a script.
     *
     * @param text   the statement without its terminating semicolon, leading blanks and comments removed
     * @param line   the 1-based line of the script where {@code text} starts
     * @param column the 1-based column of that line where {@code text} starts
     */
    public record Statement(String text, int line, int column) {
        /** Where this statement starts, as {@code line L, column C}. */
        public String where() {
            return "line " + line + ", column " + column;
        }
    }

    private SqlStatements() {
    }

    /** The statements of {@code script}, empty ones (a lone semicolon) left out. */
    public static List<Statement> split(String script) {
        List<Statement> out = new ArrayList<>();
        int[] cursor = {0, 1, 1};
        int n = script.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(script, i, c);
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                add(out, script, start, i, cursor);
                start = ++i;
            } else {
                i++;
            }
        }
        add(out, script, start, n, cursor);
        return out;
    }

    /** True when {@code text} ends a statement: it holds a semicolon outside quotes and comments. */
    public static boolean isComplete(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(text, i, c);
                if (i > n) return false;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) return false;
                i = end + 2;
            } else if (c == ';') {
                return true;
            } else {
                i++;
            }
        }
        return false;
    }

    /** The index after the closing quote (doubled quotes are part of the literal); past the end if unclosed. */
    private static int skipQuoted(String s, int i, char quote) {
        int n = s.length();
        i++;
        while (i < n) {
            if (s.charAt(i) == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n + 1;
    }

    /** Adds the statement in {@code [from, to)}; {@code cursor} is a (position, line, column) moved forward only. */
    private static void add(List<Statement> out, String script, int from, int to, int[] cursor) {
        to = Math.min(to, script.length());
        int i = from;
        while (i < to) {
            char c = script.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < to && script.charAt(i + 1) == '-') {
                while (i < to && script.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < to && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? to : Math.min(to, end + 2);
            } else {
                break;
            }
        }
        int end = to;
        while (end > i && Character.isWhitespace(script.charAt(end - 1))) end--;
        if (end <= i) return;
        for (int k = cursor[0]; k < i; k++) {
            if (script.charAt(k) == '\n') {
                cursor[1]++;
                cursor[2] = 1;
            } else {
                cursor[2]++;
            }
        }
        cursor[0] = i;
        out.add(new Statement(script.substring(i, end), cursor[1], cursor[2]));
    }
}
