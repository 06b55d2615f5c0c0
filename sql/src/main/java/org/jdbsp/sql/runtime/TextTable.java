package org.jdbsp.sql.runtime;

import java.util.List;

/**
 * An aligned text table: a header, a rule of dashes joined by {@code -+-}, one line per row (columns right-aligned
 * where asked, headers never) and a footer such as {@code (3 rows)}, with no newline at the end. Used by
 * {@link org.jdbsp.sql.Rows#toTable} and the shell. O(cells).
 */
public final class TextTable {
    private TextTable() {
    }

    /** Renders {@code lines} under {@code header}; the footer counts the lines with {@code one} or {@code many}. */
    public static String render(String[] header, boolean[] right, List<String[]> lines, String one, String many) {
        int cols = header.length;
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) width[c] = header[c].length();
        for (String[] line : lines) {
            for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], line[c].length());
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header, width, null);
        for (int c = 0; c < cols; c++) {
            if (c > 0) sb.append("-+-");
            sb.append("-".repeat(width[c]));
        }
        sb.append('\n');
        for (String[] line : lines) appendLine(sb, line, width, right);
        sb.append('(').append(lines.size()).append(' ').append(lines.size() == 1 ? one : many).append(')');
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, String[] line, int[] width, boolean[] right) {
        for (int c = 0; c < line.length; c++) {
            if (c > 0) sb.append(" | ");
            String pad = " ".repeat(width[c] - line[c].length());
            if (right != null && right[c]) sb.append(pad).append(line[c]);
            else sb.append(line[c]).append(c == line.length - 1 ? "" : pad);
        }
        sb.append('\n');
    }
}
