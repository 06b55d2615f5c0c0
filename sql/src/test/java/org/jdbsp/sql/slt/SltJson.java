package org.jdbsp.sql.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON files of the runner: the report of a run and the baseline of passing queries per file. Written by
 * hand: the shapes are fixed and small.
 */
final class SltJson {
    private SltJson() {
    }

    /**
     * The report: {@code {"passed": N, "failed": N, "unsupported": N, "files": [{"file": "...", "passed": N,
     * "failed": N, "unsupported": N, "failures": [...]}]}}, each failure {@code {"line": N, "kind":
     * "query"|"statement", "outcome": "failed"|"unsupported", "sql": "...", "message": "..."}}; a file that stopped
     * early also has {@code "error"}.
     */
    static String report(List<SltRunner.FileResult> files) {
        long passed = 0, failed = 0, unsupported = 0;
        for (SltRunner.FileResult f : files) {
            passed += f.passed();
            failed += f.failed();
            unsupported += f.unsupported();
        }
        StringBuilder s = new StringBuilder();
        s.append("{\"passed\": ").append(passed).append(", \"failed\": ").append(failed)
                .append(", \"unsupported\": ").append(unsupported).append(", \"files\": [");
        for (int i = 0; i < files.size(); i++) {
            SltRunner.FileResult f = files.get(i);
            s.append(i == 0 ? "\n" : ",\n");
            s.append("  {\"file\": ").append(quote(f.file)).append(", \"passed\": ").append(f.passed())
                    .append(", \"failed\": ").append(f.failed()).append(", \"unsupported\": ")
                    .append(f.unsupported());
            if (f.error() != null) s.append(", \"error\": ").append(quote(f.error()));
            List<SltRunner.Failure> failures = f.failures();
            s.append(", \"failures\": [");
            for (int j = 0; j < failures.size(); j++) {
                SltRunner.Failure x = failures.get(j);
                s.append(j == 0 ? "\n" : ",\n");
                s.append("    {\"line\": ").append(x.line())
                        .append(", \"kind\": ").append(quote(x.statement() ? "statement" : "query"))
                        .append(", \"outcome\": ").append(quote(x.outcome().name().toLowerCase(java.util.Locale.ROOT)))
                        .append(", \"sql\": ").append(quote(x.sql()))
                        .append(", \"message\": ").append(quote(x.message())).append('}');
            }
            s.append(failures.isEmpty() ? "]}" : "\n  ]}");
        }
        s.append(files.isEmpty() ? "]}\n" : "\n]}\n");
        return s.toString();
    }

    /** A baseline: an object mapping file names to the least number of queries that must pass, in order. */
    static String baseline(Map<String, Integer> passing) {
        StringBuilder s = new StringBuilder("{");
        int i = 0;
        for (Map.Entry<String, Integer> e : passing.entrySet()) {
            s.append(i++ == 0 ? "\n" : ",\n").append("  ").append(quote(e.getKey())).append(": ").append(e.getValue());
        }
        return s.append(passing.isEmpty() ? "}\n" : "\n}\n").toString();
    }

    private static final Pattern ENTRY = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(-?\\d+)");

    /** Reads what {@link #baseline(Map)} writes: every {@code "name": number} pair, in order. */
    static Map<String, Integer> parseBaseline(String json) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(json);
        while (m.find()) out.put(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"), Integer.parseInt(m.group(2)));
        return out;
    }

    static void write(Path path, String text) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }

    /** A JSON string literal. */
    static String quote(String text) {
        if (text == null) return "null";
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': s.append("\\\""); break;
                case '\\': s.append("\\\\"); break;
                case '\n': s.append("\\n"); break;
                case '\r': s.append("\\r"); break;
                case '\t': s.append("\\t"); break;
                default:
                    if (c < 0x20) s.append(String.format("\\u%04x", (int) c)); else s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
