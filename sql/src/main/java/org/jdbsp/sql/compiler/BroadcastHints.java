package org.jdbsp.sql.compiler;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.UnsupportedSqlException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code BROADCAST} join hints of a query, in the syntax Flink and Spark SQL share:
 * {@code SELECT /*+ BROADCAST(a) *}{@code / ... FROM auction a JOIN bid b ON ...}. Each names a table (or a view)
 * of its {@code SELECT}'s {@code FROM}, by its name or its alias; every inner join of the query that reads that
 * table on one side only then sends that side to every worker and leaves the other side's rows where they are
 * ({@link JoinOp#broadcasting}). That is worth it when the named side changes much less than the other (Nexmark
 * q4, q9, q20: auctions against bids): no row of the larger side moves, and its hot keys stay spread over the
 * workers, while the broadcast side's state is kept once per worker. On one worker the hint changes nothing.
 *
 * <p>{@link #take} reads the hints and removes them from the parse tree (Calcite's converter is not told of them);
 * any other hint, or a name the {@code FROM} does not have, is an error naming it and where it is. Cost: one walk
 * of the parse tree.
 */
final class BroadcastHints {
    private BroadcastHints() {
    }

    /**
     * The tables {@code node}'s {@code BROADCAST} hints name (catalog names, lower case, each mapped to where its
     * hint is, for errors), after removing every hint from {@code node}.
     *
     * @throws UnsupportedSqlException for a hint other than {@code BROADCAST}
     * @throws SqlException for a {@code BROADCAST} without tables or naming what its {@code FROM} does not read
     */
    static Map<String, String> take(SqlNode node, Statement.QueryText q, Catalog catalog) {
        Map<String, String> tables = new LinkedHashMap<>();
        visit(node, q, catalog, tables);
        return tables;
    }

    private static void visit(SqlNode node, Statement.QueryText q, Catalog catalog, Map<String, String> tables) {
        if (node instanceof SqlSelect select && select.hasHints()) {
            Map<String, String> from = new HashMap<>();
            names(select.getFrom(), from);
            for (SqlNode h : select.getHints()) {
                SqlHint hint = (SqlHint) h;
                String where = where(q, hint.getParserPosition());
                String name = hint.getName();
                if (!name.equalsIgnoreCase("broadcast")) {
                    throw new UnsupportedSqlException(where + ": hint " + name + " is not supported (jdbsp knows"
                            + " BROADCAST(table, ...))");
                }
                if (hint.getOptionFormat() != SqlHint.HintOptionFormat.ID_LIST || hint.getOptionList().isEmpty()) {
                    throw new SqlException(where + ": BROADCAST needs the names of tables of the FROM clause,"
                            + " as in BROADCAST(auction)");
                }
                for (String option : hint.getOptionList()) {
                    String table = from.get(Catalog.key(option));
                    if (table == null) {
                        throw new SqlException(where + ": BROADCAST(" + option + "): the FROM clause reads no table"
                                + " or view of that name or alias" + (from.isEmpty() ? "" : " (it reads "
                                + String.join(", ", new java.util.TreeSet<>(from.keySet())) + ")"));
                    }
                    String known = catalog.relationName(table);
                    if (known == null) continue; // the validator names the unknown table
                    tables.putIfAbsent(Catalog.key(known), where + ": BROADCAST(" + option + ")");
                }
            }
            select.setHints(SqlNodeList.EMPTY);
        }
        if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null) visit(operand, q, catalog, tables);
            }
        } else if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                if (n != null) visit(n, q, catalog, tables);
            }
        }
    }

    /** The tables a FROM clause reads directly, by alias and by name (lower case), each mapped to its name. */
    private static void names(SqlNode from, Map<String, String> out) {
        if (from instanceof SqlJoin join) {
            names(join.getLeft(), out);
            names(join.getRight(), out);
        } else if (from instanceof SqlIdentifier id) {
            String name = id.names.get(id.names.size() - 1);
            out.put(Catalog.key(name), name);
        } else if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS
                && call.operand(0) instanceof SqlIdentifier id) {
            String name = id.names.get(id.names.size() - 1);
            out.put(Catalog.key(name), name);
            out.put(Catalog.key(((SqlIdentifier) call.operand(1)).getSimple()), name);
        }
    }

    private static String where(Statement.QueryText q, SqlParserPos pos) {
        return pos == null || pos.getLineNum() <= 0 ? q.where(1, 1) : q.where(pos.getLineNum(), pos.getColumnNum());
    }
}
