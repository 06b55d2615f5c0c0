package org.jdbsp.sql.compiler;

import org.jdbsp.sql.Column;
import org.jdbsp.sql.ColumnType;
import org.jdbsp.sql.ColumnType.Kind;
import org.jdbsp.sql.Schema;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.UnsupportedSqlException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code CREATE TABLE name (column type [NOT NULL | NULL | PRIMARY KEY | UNIQUE | CHECK ...], ...,
 * [PRIMARY KEY (a, b)], [UNIQUE (...)], [FOREIGN KEY ...], [WATERMARK FOR col AS col - INTERVAL ...])
 * [WITH ('append_only' = 'true')]}, and a column's {@code LATENESS INTERVAL ...}. Unique and foreign-key
 * constraints are accepted and not enforced; {@code DEFAULT} and other column options are rejected as unsupported. Primary-key columns are
 * NOT NULL.
 */
final class DdlParser {
    private DdlParser() {
    }

    static TableDef createTable(Tokens t) {
        t.expect("create");
        t.expect("table");
        if (t.accept("if")) {
            t.expect("not");
            t.expect("exists");
        }
        String name = t.qualifiedName("a table name");
        t.expect("(");
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        List<Boolean> notNull = new ArrayList<>();
        Set<String> key = new LinkedHashSet<>();
        WatermarkDdl.EventTime eventTime = null;
        do {
            Tokens.Token first = t.peek();
            if (first.is("watermark") && t.peek(1).is("for")) {
                if (eventTime != null) throw t.error(first, "table " + name + " has two watermarks");
                eventTime = WatermarkDdl.watermarkFor(t);
            } else if (first.is("primary")) {
                t.next();
                t.expect("key");
                if (!key.isEmpty()) throw t.error(first, "table " + name + " has two primary keys");
                key.addAll(nameList(t));
            } else if (first.is("unique")) {
                t.next();
                nameList(t);
            } else if (first.is("constraint")) {
                t.next();
                t.identifier("a constraint name");
                Tokens.Token c = t.peek();
                if (c.is("primary")) {
                    t.next();
                    t.expect("key");
                    if (!key.isEmpty()) throw t.error(first, "table " + name + " has two primary keys");
                    key.addAll(nameList(t));
                } else if (c.is("unique")) {
                    t.next();
                    nameList(t);
                } else {
                    throw new UnsupportedSqlException(Positions.describe(t.source(), c.offset())
                            + ": table constraint " + Tokens.describe(c) + " is not supported");
                }
            } else if (first.is("foreign")) {
                t.next();
                t.expect("key");
                nameList(t);
                references(t);
            } else if (first.is("check")) {
                throw new UnsupportedSqlException(Positions.describe(t.source(), first.offset())
                        + ": CHECK constraints are not supported");
            } else {
                String col = t.identifier("a column name");
                for (String n : names) {
                    if (n.equalsIgnoreCase(col)) throw t.error(first, "column " + col + " is defined twice");
                }
                names.add(col);
                types.add(type(t));
                boolean nn = false;
                while (true) {
                    Tokens.Token o = t.peek();
                    if (o.is("not")) {
                        t.next();
                        t.expect("null");
                        nn = true;
                    } else if (o.is("null")) {
                        t.next();
                    } else if (o.is("primary")) {
                        t.next();
                        t.expect("key");
                        if (!key.isEmpty()) throw t.error(o, "table " + name + " has two primary keys");
                        key.add(col);
                    } else if (o.is("unique")) {
                        t.next();
                    } else if (o.is("references")) {
                        references(t);
                    } else if (o.is("lateness")) {
                        t.next();
                        if (eventTime != null) throw t.error(o, "table " + name + " has two watermarks");
                        eventTime = new WatermarkDdl.EventTime(col, WatermarkDdl.lateness(t), o);
                    } else if (o.is(",") || o.is(")")) {
                        break;
                    } else {
                        throw new UnsupportedSqlException(Positions.describe(t.source(), o.offset())
                                + ": column option " + Tokens.describe(o) + " is not supported");
                    }
                }
                notNull.add(nn);
            }
        } while (t.accept(","));
        t.expect(")");
        boolean appendOnly = false;
        if (t.accept("with")) {
            t.expect("(");
            do {
                Tokens.Token option = t.next();
                t.expect("=");
                Tokens.Token value = t.next();
                if (option.type() != Tokens.Type.STRING || value.type() != Tokens.Type.STRING) {
                    throw t.error(option, "table options are 'name' = 'value' strings");
                }
                if (option.text().equalsIgnoreCase("append_only")) {
                    if (!value.text().equalsIgnoreCase("true") && !value.text().equalsIgnoreCase("false")) {
                        throw t.error(value, "'append_only' is 'true' or 'false', got '" + value.text() + "'");
                    }
                    appendOnly = value.text().equalsIgnoreCase("true");
                } else {
                    throw new UnsupportedSqlException(Positions.describe(t.source(), option.offset())
                            + ": table option '" + option.text() + "' is not supported");
                }
            } while (t.accept(","));
            t.expect(")");
        }
        if (!t.atEnd()) {
            Tokens.Token extra = t.peek();
            throw new UnsupportedSqlException(Positions.describe(t.source(), extra.offset())
                    + ": table option " + Tokens.describe(extra) + " is not supported");
        }
        if (appendOnly && !key.isEmpty()) {
            throw new SqlException("table " + name + ": an append-only table cannot have a primary key (inserting an"
                    + " existing key replaces its row)");
        }
        if (eventTime != null && !key.isEmpty()) {
            throw new SqlException("table " + name + ": a table with a watermark cannot have a primary key (a row it"
                    + " replaces may lie below the watermark, where changes are ignored)");
        }
        int[] pk = new int[key.size()];
        int k = 0;
        for (String kc : key) {
            int idx = -1;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(kc)) idx = i;
            }
            if (idx < 0) throw new SqlException("primary key column " + kc + " is not a column of " + name);
            pk[k++] = idx;
            notNull.set(idx, true);
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) columns.add(new Column(names.get(i), types.get(i), !notNull.get(i)));
        int timeColumn = -1;
        long lateness = 0;
        if (eventTime != null) {
            timeColumn = indexOf(names, eventTime.column());
            if (timeColumn < 0) {
                throw t.error(eventTime.at(), "the watermark's column " + eventTime.column() + " is not a column of "
                        + name);
            }
            lateness = eventTime.lateness().millisFor(types.get(timeColumn), eventTime.column(), t);
        }
        return new TableDef(name, new Schema(columns), pk, appendOnly, timeColumn, lateness);
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private static List<String> nameList(Tokens t) {
        t.expect("(");
        List<String> out = new ArrayList<>();
        do {
            out.add(t.identifier("a column name"));
        } while (t.accept(","));
        t.expect(")");
        return out;
    }

    private static void references(Tokens t) {
        t.expect("references");
        t.qualifiedName("a table name");
        if (t.peek().is("(")) nameList(t);
    }

    /** A SQL type name with its precision and scale. */
    static ColumnType type(Tokens t) {
        Tokens.Token tok = t.next();
        if (tok.type() != Tokens.Type.WORD) throw t.error(tok, "expected a type but found " + Tokens.describe(tok));
        String w = tok.text().toLowerCase(Locale.ROOT);
        switch (w) {
            case "boolean":
            case "bool":
                return ColumnType.of(Kind.BOOLEAN);
            case "tinyint":
                return ColumnType.of(Kind.TINYINT);
            case "smallint":
            case "int2":
                return ColumnType.of(Kind.SMALLINT);
            case "int":
            case "integer":
            case "int4":
                return ColumnType.of(Kind.INTEGER);
            case "bigint":
            case "int8":
                return ColumnType.of(Kind.BIGINT);
            case "decimal":
            case "numeric":
            case "dec": {
                int p = 19, s = 0;
                if (t.accept("(")) {
                    p = t.integer("a precision");
                    if (t.accept(",")) s = t.integer("a scale");
                    t.expect(")");
                }
                if (p < 1 || p > Planner.MAX_PRECISION || s < 0 || s > p) {
                    throw t.error(tok, "DECIMAL(" + p + "," + s + ") is not a valid type (precision 1 to "
                            + Planner.MAX_PRECISION + ", scale 0 to precision)");
                }
                return ColumnType.decimal(p, s);
            }
            case "real":
            case "float4":
                return ColumnType.of(Kind.REAL);
            case "float":
            case "float8":
                if (t.accept("(")) {
                    int p = t.integer("a precision");
                    t.expect(")");
                    return ColumnType.of(p <= 24 ? Kind.REAL : Kind.DOUBLE);
                }
                return ColumnType.of(Kind.DOUBLE);
            case "double":
                t.accept("precision");
                return ColumnType.of(Kind.DOUBLE);
            case "char":
            case "character":
            case "varchar":
            case "nchar":
            case "nvarchar": {
                boolean varying = w.equals("varchar") || w.equals("nvarchar") || t.accept("varying");
                int n = varying ? ColumnType.UNSPECIFIED : 1;
                if (t.accept("(")) {
                    n = t.integer("a length");
                    t.expect(")");
                }
                return varying ? ColumnType.of(Kind.VARCHAR, n) : ColumnType.of(Kind.CHAR, n);
            }
            case "text":
            case "string":
            case "clob":
                return ColumnType.of(Kind.VARCHAR);
            case "date":
                return ColumnType.of(Kind.DATE);
            case "time":
                skipPrecision(t);
                return ColumnType.of(Kind.TIME);
            case "timestamp":
                skipPrecision(t);
                if (t.peek().is("with")) throw new UnsupportedSqlException(Positions.describe(t.source(),
                        t.peek().offset()) + ": TIMESTAMP WITH TIME ZONE is not supported");
                if (t.accept("without")) {
                    t.expect("time");
                    t.expect("zone");
                }
                return ColumnType.of(Kind.TIMESTAMP);
            default:
                throw new UnsupportedSqlException(Positions.describe(t.source(), tok.offset()) + ": type "
                        + tok.text().toUpperCase(Locale.ROOT) + " is not supported");
        }
    }

    private static void skipPrecision(Tokens t) {
        if (t.accept("(")) {
            t.integer("a precision");
            t.expect(")");
        }
    }
}
