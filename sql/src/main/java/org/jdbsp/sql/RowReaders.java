package org.jdbsp.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads bulk rows for a table: CSV (RFC 4180: quoted fields with doubled quotes and line breaks; an empty
 * unquoted field is NULL) and JSON Lines (one object per line, fields named by column; missing fields NULL).
 * Every row is checked before any is applied; an error names the line and column. O(input size).
 */
final class RowReaders {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowReaders() {
    }

    static List<TableState.Change> csv(TableState t, Reader in, boolean header) throws IOException {
        Schema schema = t.def.schema();
        List<List<String>> records = parseCsv(in);
        int[] order = null;
        int first = 0;
        if (header) {
            if (records.isEmpty()) return List.of();
            List<String> names = records.get(0);
            order = new int[names.size()];
            for (int i = 0; i < order.length; i++) {
                try {
                    order[i] = schema.indexOf(names.get(i).trim());
                } catch (SqlException e) {
                    throw new SqlException("CSV for " + t.def.name() + ", line 1: " + e.getMessage());
                }
            }
            first = 1;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int r = first; r < records.size(); r++) {
            List<String> fields = records.get(r);
            int line = r + 1;
            int expected = order == null ? schema.size() : order.length;
            if (fields.size() != expected) {
                throw new SqlException("CSV for " + t.def.name() + ", line " + line + ": " + fields.size()
                        + " fields, expected " + expected);
            }
            Object[] v = new Object[schema.size()];
            for (int i = 0; i < fields.size(); i++) {
                int col = order == null ? i : order[i];
                v[col] = fields.get(i);
            }
            rows.add(v);
        }
        return t.insertions(rows, "CSV for " + t.def.name());
    }

    /** The records of a CSV text; a field is null when it is empty and unquoted. */
    static List<List<String>> parseCsv(Reader in) throws IOException {
        List<List<String>> out = new ArrayList<>();
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, inQuotes = false, any = false;
        int c;
        while ((c = r.read()) != -1) {
            char ch = (char) c;
            if (inQuotes) {
                if (ch == '"') {
                    r.mark(1);
                    int d = r.read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        inQuotes = false;
                        if (d != -1) r.reset();
                    }
                } else {
                    field.append(ch);
                }
                continue;
            }
            if (ch == '"') {
                inQuotes = true;
                quoted = true;
                any = true;
            } else if (ch == ',') {
                record.add(quoted || field.length() > 0 ? field.toString() : null);
                field.setLength(0);
                quoted = false;
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    r.mark(1);
                    if (r.read() != '\n') r.reset();
                }
                if (any || field.length() > 0) {
                    record.add(quoted || field.length() > 0 ? field.toString() : null);
                    out.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                quoted = false;
                any = false;
            } else {
                field.append(ch);
                any = true;
            }
        }
        if (inQuotes) throw new SqlException("CSV: a quoted field is not closed at the end of the input");
        if (any || field.length() > 0) {
            record.add(quoted || field.length() > 0 ? field.toString() : null);
            out.add(record);
        }
        return out;
    }

    static List<TableState.Change> jsonLines(TableState t, Reader in) throws IOException {
        Schema schema = t.def.schema();
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<Object[]> rows = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SqlException("JSON Lines for " + t.def.name() + ", line " + lineNo + ": not valid JSON: "
                        + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new SqlException("JSON Lines for " + t.def.name() + ", line " + lineNo + ": not an object");
            }
            Object[] v = new Object[schema.size()];
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                int col;
                try {
                    col = schema.indexOf(f.getKey());
                } catch (SqlException e) {
                    throw new SqlException("JSON Lines for " + t.def.name() + ", line " + lineNo + ": "
                            + e.getMessage());
                }
                JsonNode value = f.getValue();
                v[col] = value.isNull() ? null
                        : value.isIntegralNumber() ? (Object) value.bigIntegerValue()
                        : value.isNumber() ? (Object) value.decimalValue()
                        : value.isBoolean() ? (Object) value.booleanValue()
                        : value.asText();
                if (v[col] instanceof java.math.BigDecimal d && schema.column(col).type().kind() == ColumnType.Kind.DOUBLE) {
                    v[col] = d.doubleValue();
                }
            }
            rows.add(v);
        }
        return t.insertions(rows, "JSON Lines for " + t.def.name());
    }
}
