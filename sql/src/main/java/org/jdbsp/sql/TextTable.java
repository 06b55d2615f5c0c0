package org.jdbsp.sql;

import java.util.ArrayList;
import java.util.List;

/** Renders {@link Rows} as an aligned text table, numbers right-aligned, for the CLI and {@code toString}. */
final class TextTable {
    private TextTable() {
    }

    static String render(Rows rows, boolean withWeights) {
        Schema schema = rows.schema();
        int cols = schema.size() + (withWeights ? 1 : 0);
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[cols];
        for (int c = 0; c < schema.size(); c++) header[c] = schema.column(c).name();
        if (withWeights) header[cols - 1] = "weight";
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            String[] line = new String[cols];
            for (int c = 0; c < schema.size(); c++) {
                String s = row.getString(c);
                line[c] = s == null ? "NULL" : s;
            }
            if (withWeights) line[cols - 1] = (rows.weight(r) > 0 ? "+" : "") + rows.weight(r);
            lines.add(line);
        }
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) width[c] = header[c].length();
        for (String[] line : lines) {
            for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], line[c].length());
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header, width, schema, withWeights, true);
        for (int c = 0; c < cols; c++) {
            if (c > 0) sb.append("-+-");
            sb.append("-".repeat(width[c]));
        }
        sb.append('\n');
        for (String[] line : lines) appendLine(sb, line, width, schema, withWeights, false);
        sb.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)");
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, String[] line, int[] width, Schema schema, boolean withWeights,
            boolean header) {
        for (int c = 0; c < line.length; c++) {
            if (c > 0) sb.append(" | ");
            boolean right = !header && (c >= schema.size() ? withWeights : schema.column(c).type().isNumeric());
            String pad = " ".repeat(width[c] - line[c].length());
            if (right) sb.append(pad).append(line[c]);
            else sb.append(line[c]).append(c == line.length - 1 ? "" : pad);
        }
        sb.append('\n');
    }
}
