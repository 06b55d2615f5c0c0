package org.jdbsp.sql.cli;

import org.jdbsp.sql.Row;
import org.jdbsp.sql.Rows;
import org.jdbsp.sql.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned text tables in the layout of {@link Rows#toTable(boolean)}: a header, a rule of dashes joined by
 * {@code -+-}, one line per row (right-aligned where asked) and a footer such as {@code (3 rows)}.
 */
final class TextTables {
    private TextTables() {
    }

    /**
     * A query's result with every row repeated as many times as its weight (bag semantics). When every weight is
     * 1 this is exactly {@code rows.toTable(false)}; a weight below 1, which a query result should not have, shows
     * the rows with their weights instead of hiding them.
     */
    static String contents(Rows rows) {
        boolean unit = true;
        for (int i = 0; i < rows.size(); i++) {
            long w = rows.weight(i);
            if (w < 1) return rows.toTable(true);
            if (w != 1) unit = false;
        }
        if (unit) return rows.toTable(false);
        Schema schema = rows.schema();
        int cols = schema.size();
        String[] header = new String[cols];
        boolean[] right = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            header[c] = schema.column(c).name();
            right[c] = schema.column(c).type().isNumeric();
        }
        List<String[]> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String[] line = new String[cols];
            for (int c = 0; c < cols; c++) {
                String s = row.getString(c);
                line[c] = s == null ? "NULL" : s;
            }
            for (long k = rows.weight(i); k > 0; k--) lines.add(line);
        }
        return render(header, right, lines, "row", "rows");
    }

    /**
     * Renders {@code lines} under {@code header}; {@code right[c]} right-aligns column {@code c} (not its header).
     * The footer counts the lines with {@code one} or {@code many}. No newline at the end.
     */
    static String render(String[] header, boolean[] right, List<String[]> lines, String one, String many) {
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
