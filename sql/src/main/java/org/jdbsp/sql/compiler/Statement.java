package org.jdbsp.sql.compiler;

import org.jdbsp.sql.SqlStatements;

import java.util.List;

/**
 * One statement of a script, classified by its leading words, with the DDL parts jdbsp parses itself (Calcite's
 * core parser takes queries and DML but no DDL). Positions in messages are the script's. Internal.
 */
public final class Statement {
    /** What a statement does. */
    public enum Kind {
        CREATE_TABLE, CREATE_VIEW, CREATE_INDEX, DROP_TABLE, DROP_VIEW, DROP_INDEX, INSERT, UPDATE, DELETE, STEP, QUERY, OTHER
    }

    private final SqlStatements.Statement source;
    private final Kind kind;
    private final Tokens tokens;
    private final boolean materialized;

    private Statement(SqlStatements.Statement source, Kind kind, Tokens tokens, boolean materialized) {
        this.source = source;
        this.kind = kind;
        this.tokens = tokens;
        this.materialized = materialized;
    }

    /** Classifies a statement by its first words. */
    public static Statement classify(SqlStatements.Statement s) {
        Tokens t = new Tokens(s.text());
        String w0 = t.peek(0).text(), w1 = t.peek(1).text(), w2 = t.peek(2).text();
        Kind kind;
        boolean materialized = false;
        switch (w0) {
            case "create":
                if (w1.equals("table")) {
                    kind = Kind.CREATE_TABLE;
                } else if (w1.equals("view") || (w1.equals("or") && t.peek(3).text().equals("view"))) {
                    kind = Kind.CREATE_VIEW;
                } else if (w1.equals("materialized") && w2.equals("view")) {
                    kind = Kind.CREATE_VIEW;
                    materialized = true;
                } else if (w1.equals("index") || (w1.equals("unique") && w2.equals("index"))) {
                    kind = Kind.CREATE_INDEX;
                } else {
                    kind = Kind.OTHER;
                }
                break;
            case "drop":
                kind = w1.equals("table") ? Kind.DROP_TABLE
                        : w1.equals("view") || (w1.equals("materialized") && w2.equals("view")) ? Kind.DROP_VIEW
                        : w1.equals("index") ? Kind.DROP_INDEX : Kind.OTHER;
                break;
            case "insert":
                kind = Kind.INSERT;
                break;
            case "update":
                kind = Kind.UPDATE;
                break;
            case "delete":
                kind = Kind.DELETE;
                break;
            case "step":
                kind = Kind.STEP;
                break;
            case "select":
            case "with":
            case "values":
                kind = Kind.QUERY;
                break;
            case "(":
                kind = Kind.QUERY;
                break;
            default:
                kind = Kind.OTHER;
        }
        return new Statement(s, kind, t, materialized);
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return source.text();
    }

    public int line() {
        return source.line();
    }

    public int column() {
        return source.column();
    }

    public boolean materialized() {
        return materialized;
    }

    /** The first two words, for messages. */
    public String firstWords() {
        String s = source.text().trim();
        String[] words = s.split("\\s+", 3);
        return words.length >= 2 ? (words[0] + " " + words[1]).toUpperCase(java.util.Locale.ROOT)
                : words[0].toUpperCase(java.util.Locale.ROOT);
    }

    /** Parses a {@code CREATE TABLE}. */
    public TableDef createTable() {
        return DdlParser.createTable(tokens);
    }

    /** The name of a {@code CREATE VIEW}. */
    public String viewName() {
        return viewHeader().name;
    }

    /** The column names a {@code CREATE VIEW name (a, b) AS} gives, or null. */
    public List<String> viewColumns() {
        return viewHeader().columns;
    }

    /** The query of a {@code CREATE VIEW}, and where it starts in the statement. */
    public QueryText viewQuery() {
        ViewHeader h = viewHeader();
        return new QueryText(source.text().substring(h.queryOffset), absolute(h.queryOffset));
    }

    /** The whole statement as a query (for DML and queries), positioned in the script. */
    public QueryText asQuery() {
        return new QueryText(source.text(), absolute(0));
    }

    /** A {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (column [ASC | DESC], ...)}. */
    public record IndexDef(String name, String table, List<String> columns, boolean ifNotExists) {
    }

    /** Parses a {@code CREATE INDEX}. */
    public IndexDef createIndex() {
        Tokens t = new Tokens(source.text());
        t.expect("create");
        t.accept("unique");
        t.expect("index");
        boolean ifNotExists = false;
        if (t.accept("if")) {
            t.expect("not");
            t.expect("exists");
            ifNotExists = true;
        }
        String name = t.qualifiedName("an index name");
        t.expect("on");
        String table = t.qualifiedName("a table name");
        t.expect("(");
        List<String> columns = new java.util.ArrayList<>();
        do {
            columns.add(t.identifier("a column name"));
            if (!t.accept("asc")) t.accept("desc");
        } while (t.accept(","));
        t.expect(")");
        t.accept(";");
        if (!t.atEnd()) throw t.error(t.peek(), "unexpected " + Tokens.describe(t.peek()) + " after the index's columns");
        return new IndexDef(name, table, columns, ifNotExists);
    }

    /** The name a {@code DROP TABLE}, {@code DROP VIEW} or {@code DROP INDEX} drops. */
    public String dropName() {
        tokens.expect("drop");
        tokens.accept("materialized");
        tokens.next();
        if (tokens.accept("if")) tokens.expect("exists");
        String name = tokens.qualifiedName("a name");
        return name;
    }

    /** Whether a {@code DROP} ends with {@code CASCADE} (drop the views that read it too). */
    public boolean cascade() {
        return source.text().trim().toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\scascade$");
    }

    /** Whether a {@code DROP} says {@code IF EXISTS}. */
    public boolean ifExists() {
        return source.text().toLowerCase(java.util.Locale.ROOT).matches("(?s)drop\\s+(materialized\\s+)?\\w+\\s+if\\s+exists.*");
    }

    private ViewHeader viewHeader;

    private ViewHeader viewHeader() {
        if (viewHeader != null) return viewHeader;
        Tokens t = new Tokens(source.text());
        t.expect("create");
        if (t.accept("or")) t.expect("replace");
        t.accept("materialized");
        t.expect("view");
        if (t.accept("if")) {
            t.expect("not");
            t.expect("exists");
        }
        String name = t.qualifiedName("a view name");
        List<String> columns = null;
        if (t.accept("(")) {
            columns = new java.util.ArrayList<>();
            do {
                columns.add(t.identifier("a column name"));
            } while (t.accept(","));
            t.expect(")");
        }
        Tokens.Token as = t.next();
        if (!as.is("as")) throw t.error(as, "expected AS but found " + Tokens.describe(as));
        viewHeader = new ViewHeader(name, columns, t.peek().offset());
        return viewHeader;
    }

    private record ViewHeader(String name, List<String> columns, int queryOffset) {
    }

    /** The script position (line, column) of an offset in this statement. */
    private int[] absolute(int offset) {
        int line = source.line(), col = source.column();
        String text = source.text();
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }

    /**
     * A query's text and where it starts in the script, so that Calcite's positions (relative to the text)
     * become the script's.
     */
    public record QueryText(String text, int[] start) {
        /** The script position of a position Calcite reports in {@code text}. */
        public String where(int line, int column) {
            int l = start[0] + line - 1;
            int c = line == 1 ? start[1] + column - 1 : column;
            return "line " + l + ", column " + c;
        }

        public static QueryText of(String text) {
            return new QueryText(text, new int[] {1, 1});
        }
    }

    @Override
    public String toString() {
        return source.text();
    }

}
