package org.jdbsp.sql.compiler;

import org.apache.calcite.linq4j.tree.BlockStatement;
import org.apache.calcite.linq4j.tree.DeclarationStatement;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.linq4j.tree.Statement;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes a value once where a generated function computed it twice: Calcite translates a Calc's condition and
 * its projections separately, so an expression both read (Nexmark q14's {@code 0.908 * price}) is declared again
 * after the condition. A later top-level {@code final} declaration whose initializer has the same text as an
 * earlier one, once a {@code final} variable that only names another is read as that one, is given the earlier
 * variable instead (Nexmark q21's {@code lower(channel)}, read by the condition and again by the CASE). Only initializers that call nothing but arithmetic, the row's
 * getters and jdbsp's own casts are reused, so a call that could return another value the second time (a random
 * number) is never merged. O(size of the function). Internal.
 */
final class RepeatedValues {
    /** A call or constructor in a Java expression's text: the qualified name before a parenthesis. */
    private static final Pattern CALL = Pattern.compile("([A-Za-z_$][\\w$.]*)\\s*\\(");

    /** Calls whose result depends on their arguments alone. */
    private static final List<String> PURE = List.of(
            "org.apache.calcite.runtime.SqlFunctions.multiply", "org.apache.calcite.runtime.SqlFunctions.plus",
            "org.apache.calcite.runtime.SqlFunctions.minus", "org.apache.calcite.runtime.SqlFunctions.toBigDecimal",
            "org.jdbsp.sql.runtime.DecimalProducts.multiply", "org.jdbsp.sql.runtime.NarrowingCasts.toDecimal",
            "org.jdbsp.sql.runtime.NarrowingCasts.toInt", "org.jdbsp.sql.runtime.NarrowingCasts.toShort",
            "org.jdbsp.sql.runtime.NarrowingCasts.toByte", "new java.math.BigDecimal", "in.getLong", "in.getInt",
            "in.getShort", "in.getByte", "in.getDouble", "in.getFloat", "in.getBoolean", "in.get", "in.isNull",
            "right.getLong", "right.getInt", "right.getShort", "right.getByte", "right.getDouble", "right.getFloat",
            "right.getBoolean", "right.get", "right.isNull",
            "Math.floorMod", "Math.floorDiv", "java.math.BigDecimal.valueOf",
            "org.apache.calcite.runtime.SqlFunctions.lower", "org.apache.calcite.runtime.SqlFunctions.upper");

    private RepeatedValues() {
    }

    static BlockStatement apply(BlockStatement block) {
        Map<String, DeclarationStatement> seen = new HashMap<>();
        // final variables that only name another (the projection's copy of a column the condition read): their
        // uses are compared as uses of that one
        Map<String, String> aliases = new HashMap<>();
        List<Statement> out = new ArrayList<>(block.statements.size());
        for (Statement s : block.statements) {
            if (s instanceof DeclarationStatement d && d.initializer != null && (d.modifiers & Modifier.FINAL) != 0) {
                if (d.initializer instanceof ParameterExpression named) {
                    aliases.put(d.parameter.name, aliases.getOrDefault(named.name, named.name));
                    out.add(s);
                    continue;
                }
                String text = canonical(d.initializer.toString(), aliases);
                DeclarationStatement earlier = seen.get(text);
                if (earlier != null && earlier.parameter.getType() == d.parameter.getType()) {
                    out.add(Expressions.declare(d.modifiers, d.parameter, earlier.parameter));
                    aliases.put(d.parameter.name, earlier.parameter.name);
                    continue;
                }
                if (pure(text)) seen.put(text, d);
            }
            out.add(s);
        }
        return Expressions.block(out);
    }

    /** {@code text} with each name in {@code aliases} replaced by the name it stands for, outside string literals. */
    static String canonical(String text, Map<String, String> aliases) {
        if (aliases.isEmpty()) return text;
        StringBuilder b = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c) j += text.charAt(j) == '\\' ? 2 : 1;
                j = Math.min(j + 1, text.length());
                b.append(text, i, j);
                i = j;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) j++;
                String name = text.substring(i, j);
                boolean member = i > 0 && text.charAt(i - 1) == '.';
                b.append(member ? name : aliases.getOrDefault(name, name));
                i = j;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    private static boolean pure(String text) {
        Matcher m = CALL.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            int start = m.start(1);
            if (start >= 4 && text.startsWith("new ", start - 4)) name = "new " + name;
            if (!PURE.contains(name)) return false;
        }
        return true;
    }
}
