package org.jdbsp.sql.pg;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks a failing query by text edits, each kept only when the query still shows the problem (which
 * includes still running on PostgreSQL): a parenthesised group or function call replaced by one of its operands
 * or by a constant, a WHERE, HAVING, ON condition, DISTINCT or ORDER BY ... LIMIT removed, a set operation
 * replaced by one side, a SELECT item removed, an outer join made inner. Greedy, to a fixed point or a deadline.
 */
final class QueryReducer {
    /** Whether a candidate query still shows the problem. */
    interface Check {
        boolean holds(String query) throws SQLException;
    }

    private static final Pattern ATOM = Pattern.compile(
            "\\b[at][0-9]+\\.c[0-9]+\\b|DATE '[0-9-]+'|'(?:[^']|'')*'|(?<![\\w.])-?[0-9]+(?:\\.[0-9]+)?\\b|\\bTRUE\\b|\\bFALSE\\b");
    private static final String[] CLAUSE_ENDS = {" WHERE ", " GROUP BY ", " HAVING ", " ORDER BY ", " LIMIT ",
        " UNION ", " INTERSECT ", " EXCEPT ", " JOIN ", " LEFT JOIN ", " RIGHT JOIN ", " FULL JOIN ", " CROSS JOIN "};
    private static final String[] SET_OPS = {" UNION ALL ", " UNION ", " INTERSECT ALL ", " INTERSECT ", " EXCEPT ALL ",
        " EXCEPT "};

    private QueryReducer() {
    }

    static String reduce(String query, Check check, long deadline) throws SQLException {
        String cur = query;
        boolean progress = true;
        while (progress && System.currentTimeMillis() < deadline) {
            progress = false;
            for (String cand : candidates(cur)) {
                if (System.currentTimeMillis() >= deadline) break;
                if (cand.length() >= cur.length() || cand.isBlank()) continue;
                if (check.holds(cand)) {
                    cur = cand;
                    progress = true;
                    break; // the candidates of the new text
                }
            }
        }
        return cur;
    }

    /** Smaller variants of {@code sql}, the biggest cuts first. */
    static List<String> candidates(String sql) {
        Set<String> out = new LinkedHashSet<>();
        int[] depth = depths(sql);
        // set operations: one side
        for (String op : SET_OPS) {
            for (int i = sql.indexOf(op); i >= 0; i = sql.indexOf(op, i + 1)) {
                if (depth[i] < 0) continue;
                int[] seg = segment(sql, depth, i);
                out.add(sql.substring(0, seg[0]) + sql.substring(seg[0], i) + sql.substring(seg[1]));
                out.add(sql.substring(0, seg[0]) + sql.substring(i + op.length(), seg[1]) + sql.substring(seg[1]));
            }
        }
        // clauses
        for (String kw : new String[] {" WHERE ", " HAVING ", " ORDER BY "}) {
            for (int i = sql.indexOf(kw); i >= 0; i = sql.indexOf(kw, i + 1)) {
                if (depth[i] < 0) continue;
                int end = clauseEnd(sql, depth, i + kw.length(), kw.equals(" ORDER BY "));
                out.add(sql.substring(0, i) + sql.substring(end));
            }
        }
        for (int i = sql.indexOf(" AND "); i >= 0; i = sql.indexOf(" AND ", i + 1)) {
            // an extra ON condition: "ON x = y AND p" -> "ON x = y"
            int on = sql.lastIndexOf(" ON ", i);
            if (on < 0 || depth[i] != depth[on] || depth[i] < 0) continue;
            int end = clauseEnd(sql, depth, i + 5, false);
            out.add(sql.substring(0, i) + sql.substring(end));
        }
        out.add(sql.replaceFirst("SELECT DISTINCT ", "SELECT "));
        for (String[] r : new String[][] {{" LEFT JOIN ", " JOIN "}, {" RIGHT JOIN ", " JOIN "}, {" FULL JOIN ", " LEFT JOIN "},
            {" FULL JOIN ", " JOIN "}}) {
            for (int i = sql.indexOf(r[0]); i >= 0; i = sql.indexOf(r[0], i + 1)) {
                out.add(sql.substring(0, i) + r[1] + sql.substring(i + r[0].length()));
            }
        }
        // SELECT items
        for (int s = sql.indexOf("SELECT "); s >= 0; s = sql.indexOf("SELECT ", s + 1)) {
            if (s >= depth.length || depth[s] < 0) continue;
            int start = s + "SELECT ".length();
            if (sql.startsWith("DISTINCT ", start)) start += "DISTINCT ".length();
            int from = sql.indexOf(" FROM ", start);
            while (from >= 0 && depth[from] != depth[s]) from = sql.indexOf(" FROM ", from + 1);
            if (from < 0) continue;
            List<int[]> items = split(sql, depth, start, from, depth[s]);
            if (items.size() < 2) continue;
            for (int k = 0; k < items.size(); k++) {
                int a = k == 0 ? items.get(0)[0] : items.get(k - 1)[1];
                int b = k == 0 ? items.get(1)[0] : items.get(k)[1];
                out.add(sql.substring(0, a) + sql.substring(b));
            }
        }
        // groups: a parenthesised expression or call replaced by an operand or a constant
        List<int[]> groups = groups(sql);
        groups.sort((x, y) -> Integer.compare(y[1] - y[0], x[1] - x[0]));
        for (int[] g : groups) {
            String inner = sql.substring(g[2] + 1, g[1] - 1);
            String before = sql.substring(0, g[0]);
            String after = sql.substring(g[1]);
            if (inner.startsWith("SELECT ")) continue; // a subquery: its parts, not the whole
            for (String operand : operands(inner)) out.add(before + operand + after);
            for (String c : new String[] {"TRUE", "FALSE", "NULL", "0", "1"}) out.add(before + c + after);
        }
        // single atoms replaced by a constant
        Matcher m = ATOM.matcher(sql);
        while (m.find()) {
            if (m.start() < depth.length && depth[m.start()] < 0) continue;
            if (m.group().matches("[0-9]+") || m.group().equals("NULL")) continue;
            for (String c : new String[] {"NULL", "0", "1"}) {
                out.add(sql.substring(0, m.start()) + c + sql.substring(m.end()));
            }
        }
        out.remove(sql);
        return new ArrayList<>(out);
    }

    /** The direct operands of a group's inside: its depth-0 calls and groups, and its atoms. */
    private static List<String> operands(String inner) {
        List<String> out = new ArrayList<>();
        for (int[] g : groups(inner)) {
            if (depthAt(inner, g[0]) == 0) out.add(inner.substring(g[0], g[1]));
        }
        Matcher m = ATOM.matcher(inner);
        while (m.find()) if (depthAt(inner, m.start()) == 0) out.add(m.group());
        return out;
    }

    private static int depthAt(String s, int pos) {
        return depths(s)[pos];
    }

    /**
     * The parenthesis depth at each character, -1 inside string literals.
     */
    static int[] depths(String s) {
        int[] d = new int[s.length() + 1];
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                d[i] = -1;
                continue;
            }
            if (quoted) {
                d[i] = -1;
                continue;
            }
            if (c == ')') depth--;
            d[i] = depth;
            if (c == '(') depth++;
        }
        d[s.length()] = 0;
        return d;
    }

    /** Every group: {start (with a function name before the parenthesis), end, index of the parenthesis}. */
    static List<int[]> groups(String s) {
        List<int[]> out = new ArrayList<>();
        int[] depth = depths(s);
        List<Integer> stack = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (depth[i] < 0) continue;
            char c = s.charAt(i);
            if (c == '(') stack.add(i);
            if (c == ')' && !stack.isEmpty()) {
                int open = stack.remove(stack.size() - 1);
                int start = open;
                while (start > 0 && Character.isLetter(s.charAt(start - 1))) start--;
                String name = s.substring(start, open);
                // keep IN (...) lists and EXISTS (...) with their operator: only a name glued to "(" is a call
                out.add(new int[] {name.isEmpty() ? open : start, i + 1, open});
            }
        }
        return out;
    }

    /** The bounds of the depth-level segment around {@code pos}: up to the enclosing parentheses. */
    private static int[] segment(String s, int[] depth, int pos) {
        int d = depth[pos];
        int a = pos;
        while (a > 0 && !(depth[a - 1] >= 0 && depth[a - 1] < d)) a--;
        while (a < pos && s.charAt(a) == '(' && depth[a] < d) a++;
        int b = pos;
        while (b < s.length() && !(depth[b] >= 0 && depth[b] < d)) b++;
        return new int[] {a, b};
    }

    private static int clauseEnd(String s, int[] depth, int from, boolean orderBy) {
        int d = depth[from];
        for (int i = from; i < s.length(); i++) {
            if (depth[i] >= 0 && depth[i] < d) return i;
            if (depth[i] != d) continue;
            for (String end : CLAUSE_ENDS) {
                if (orderBy && end.equals(" LIMIT ")) continue;
                if (s.startsWith(end, i)) return i;
            }
        }
        return s.length();
    }

    /** The depth-{@code d} comma-separated parts of {@code s[from, to)}, as {start, end} pairs. */
    private static List<int[]> split(String s, int[] depth, int from, int to, int d) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ',' && depth[i] == d) {
                out.add(new int[] {start, i});
                start = i + 2;
            }
        }
        out.add(new int[] {start, to});
        return out;
    }
}
