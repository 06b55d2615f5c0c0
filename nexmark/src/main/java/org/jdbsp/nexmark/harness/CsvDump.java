package org.jdbsp.nexmark.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * Writes a view as CSV (RFC 4180, UTF-8, {@code \n} line ends): a header line of the row record's component
 * names plus {@code weight}, then one line per element of the view with its weight, in {@link Rows#ORDER}.
 * A field is quoted when it contains a comma, a quote, CR or LF, or begins or ends with a space; quotes are
 * doubled. {@code null} is an empty field and the empty string a quoted empty field ({@code ""}), as
 * PostgreSQL's CSV format tells them apart. Nested values are written with their {@code toString}.
 */
public final class CsvDump {
    private CsvDump() {
    }

    /** Writes {@code view} to {@code file}; {@code rowType} names the columns when the view is empty. */
    public static void write(ZSet<?> view, Class<?> rowType, Path file) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            write(view, rowType, out);
        }
    }

    /** Writes {@code view} to {@code out}. */
    public static void write(ZSet<?> view, Class<?> rowType, Writer out) throws IOException {
        List<Object> unsorted = new ArrayList<>(view.size());
        view.forEach((row, w) -> unsorted.add(row));
        List<Object> rows = Rows.sorted(unsorted);
        Class<?> type = rowType != null ? rowType : rows.isEmpty() ? Object.class : rows.get(0).getClass();
        List<String> header = new ArrayList<>(Rows.columns(type));
        header.add("weight");
        line(out, header);
        for (Object row : rows) {
            List<String> fields = new ArrayList<>();
            for (Object v : Rows.values(row)) {
                fields.add(v == null ? null : v.toString());
            }
            fields.add(Long.toString(view.weight(row)));
            line(out, fields);
        }
    }

    private static void line(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write('\n');
    }

    /** One CSV field, quoted if needed. */
    public static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.isEmpty()) {
            return "\"\"";
        }
        boolean quote = s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ';
        for (int i = 0; !quote && i < s.length(); i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
