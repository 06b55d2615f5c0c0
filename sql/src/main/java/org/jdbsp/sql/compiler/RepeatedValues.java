package org.jdbsp.sql.compiler;

import org.apache.calcite.linq4j.tree.BlockStatement;
import org.apache.calcite.linq4j.tree.DeclarationStatement;
import org.apache.calcite.linq4j.tree.Expressions;
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
 * earlier one is given the earlier variable instead. Only initializers that call nothing but arithmetic, the row's
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
            "Math.floorMod", "Math.floorDiv", "java.math.BigDecimal.valueOf");

    private RepeatedValues() {
    }

    static BlockStatement apply(BlockStatement block) {
        Map<String, DeclarationStatement> seen = new HashMap<>();
        List<Statement> out = new ArrayList<>(block.statements.size());
        for (Statement s : block.statements) {
            if (s instanceof DeclarationStatement d && d.initializer != null && (d.modifiers & Modifier.FINAL) != 0) {
                String text = d.initializer.toString();
                DeclarationStatement earlier = seen.get(text);
                if (earlier != null && earlier.parameter.getType() == d.parameter.getType()) {
                    out.add(Expressions.declare(d.modifiers, d.parameter, earlier.parameter));
                    continue;
                }
                if (pure(text)) seen.put(text, d);
            }
            out.add(s);
        }
        return Expressions.block(out);
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
