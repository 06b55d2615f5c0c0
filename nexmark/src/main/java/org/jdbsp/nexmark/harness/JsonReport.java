package org.jdbsp.nexmark.harness;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes results as a JSON array with one object per query, its fields those of {@link QueryResult}. */
public final class JsonReport {
    private JsonReport() {
    }

    public static void write(List<QueryResult> results, Path file) throws IOException {
        Files.writeString(file, toJson(results), StandardCharsets.UTF_8);
    }

    public static String toJson(List<QueryResult> results) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            QueryResult r = results.get(i);
            sb.append("  {");
            RecordComponent[] components = QueryResult.class.getRecordComponents();
            for (int c = 0; c < components.length; c++) {
                Object v;
                try {
                    v = components[c].getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                sb.append(c == 0 ? "" : ", ").append(string(components[c].getName())).append(": ").append(value(v));
            }
            sb.append(i + 1 < results.size() ? "},\n" : "}\n");
        }
        return sb.append("]\n").toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "null";
            }
            // Nine significant digits, plain notation (valid JSON, readable).
            return new BigDecimal(d).round(new MathContext(9)).stripTrailingZeros().toPlainString();
        }
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(value(a[i]));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return string(v.toString());
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
