package org.jdbsp.sql.compiler;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.jdbsp.sql.Schema;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.UnsupportedSqlException;

import java.util.ArrayList;
import java.util.List;

/**
 * An INSERT, UPDATE or DELETE compiled into the query that computes its rows over the table's current contents:
 * INSERT's source rows (with the target columns they fill), DELETE's {@code SELECT * FROM t WHERE c}, and
 * UPDATE's {@code SELECT *, e1, e2 FROM t WHERE c} (old row, then the new values of the assigned columns).
 * Internal.
 */
public final class Dml {
    /** What the statement does. */
    public enum Kind { INSERT, UPDATE, DELETE }

    private final Kind kind;
    private final String table;
    private final CompiledQuery query;
    private final int[] targetColumns;

    private Dml(Kind kind, String table, CompiledQuery query, int[] targetColumns) {
        this.kind = kind;
        this.table = table;
        this.query = query;
        this.targetColumns = targetColumns;
    }

    public Kind kind() {
        return kind;
    }

    public String table() {
        return table;
    }

    public CompiledQuery query() {
        return query;
    }

    /**
     * INSERT: for each column of the source rows, the table column it fills. UPDATE: for each assigned value
     * (after the old row's columns), the table column it replaces.
     */
    public int[] targetColumns() {
        return targetColumns;
    }

    static Dml of(Planner planner, SqlNode node, Statement.QueryText q) {
        Catalog catalog = planner.catalog();
        SqlParserPos pos = SqlParserPos.ZERO;
        if (node instanceof SqlInsert insert) {
            String table = tableName(catalog, insert.getTargetTable(), q);
            Schema schema = catalog.table(table).schema();
            int[] targets;
            SqlNodeList cols = insert.getTargetColumnList();
            if (cols == null) {
                targets = new int[schema.size()];
                for (int i = 0; i < targets.length; i++) targets[i] = i;
            } else {
                targets = new int[cols.size()];
                for (int i = 0; i < targets.length; i++) {
                    try {
                        targets[i] = schema.indexOf(((SqlIdentifier) cols.get(i)).getSimple());
                    } catch (SqlException e) {
                        throw new SqlException(where(q, cols.get(i)) + ": " + e.getMessage());
                    }
                }
            }
            CompiledQuery source = planner.compile(() -> ((SqlInsert) planner.parse(q, true)).getSource(), q, null,
                    false);
            if (source.schema().size() != targets.length) {
                throw new SqlException(where(q, insert.getSource()) + ": INSERT into " + table + " gives "
                        + source.schema().size() + " values for " + targets.length + " columns");
            }
            return new Dml(Kind.INSERT, table, source, targets);
        }
        if (node instanceof SqlDelete delete) {
            String table = tableName(catalog, delete.getTargetTable(), q);
            return new Dml(Kind.DELETE, table, planner.compile(() -> deleteSelect((SqlDelete) planner.parse(q, true)),
                    q, null, false), new int[0]);
        }
        if (node instanceof SqlUpdate update) {
            String table = tableName(catalog, update.getTargetTable(), q);
            Schema schema = catalog.table(table).schema();
            List<Integer> targets = new ArrayList<>();
            SqlNodeList cols = update.getTargetColumnList();
            for (int i = 0; i < cols.size(); i++) {
                String name = ((SqlIdentifier) cols.get(i)).names.get(((SqlIdentifier) cols.get(i)).names.size() - 1);
                int c;
                try {
                    c = schema.indexOf(name);
                } catch (SqlException e) {
                    throw new SqlException(where(q, cols.get(i)) + ": " + e.getMessage());
                }
                if (targets.contains(c)) {
                    throw new SqlException(where(q, cols.get(i)) + ": column " + name + " is assigned twice");
                }
                targets.add(c);
            }
            return new Dml(Kind.UPDATE, table, planner.compile(() -> updateSelect((SqlUpdate) planner.parse(q, true),
                    table, schema), q, null, false), targets.stream().mapToInt(Integer::intValue).toArray());
        }
        throw new UnsupportedSqlException(q.where(1, 1) + ": statement " + node.getKind() + " is not supported");
    }

    /** {@code SELECT * FROM t WHERE c} of a DELETE. */
    private static SqlSelect deleteSelect(SqlDelete delete) {
        SqlParserPos pos = SqlParserPos.ZERO;
        return new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)),
                from(delete.getTargetTable(), delete.getAlias()), delete.getCondition(), null, null, null, null, null,
                null, null);
    }

    /** {@code SELECT t.*, e1, e2 FROM t WHERE c} of an UPDATE: the old row, then the assigned values. */
    private static SqlSelect updateSelect(SqlUpdate update, String table, Schema schema) {
        SqlParserPos pos = SqlParserPos.ZERO;
        SqlNodeList list = new SqlNodeList(pos);
        SqlIdentifier alias = update.getAlias();
        for (int i = 0; i < schema.size(); i++) {
            list.add(new SqlIdentifier(List.of(alias != null ? alias.getSimple() : table, schema.column(i).name()),
                    pos));
        }
        for (SqlNode e : update.getSourceExpressionList()) list.add(e);
        return new SqlSelect(pos, null, list, from(update.getTargetTable(), alias), update.getCondition(), null, null,
                null, null, null, null, null);
    }

    private static SqlNode from(SqlNode table, SqlIdentifier alias) {
        if (alias == null) return table;
        return new SqlBasicCall(SqlStdOperatorTable.AS, List.of(table, alias), SqlParserPos.ZERO);
    }

    private static String tableName(Catalog catalog, SqlNode target, Statement.QueryText q) {
        if (!(target instanceof SqlIdentifier id)) {
            throw new UnsupportedSqlException(where(q, target) + ": the target of a change must be a table name");
        }
        String name = id.names.get(id.names.size() - 1);
        if (!catalog.exists(name, true)) {
            if (catalog.exists(name, false)) {
                throw new SqlException(where(q, target) + ": " + name + " is a view; only tables take changes");
            }
            throw new SqlException(where(q, target) + ": unknown table " + name);
        }
        return catalog.table(name).name();
    }

    private static String where(Statement.QueryText q, SqlNode n) {
        SqlParserPos p = n.getParserPosition();
        return q.where(Math.max(1, p.getLineNum()), Math.max(1, p.getColumnNum()));
    }
}
