package org.jdbsp.sql.compiler;

import org.apache.calcite.linq4j.tree.ConstantExpression;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MemberDeclaration;
import org.apache.calcite.linq4j.tree.NewExpression;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.linq4j.tree.Shuttle;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the DECIMAL literals of generated code ({@code new java.math.BigDecimal("0.908")}, which Calcite writes
 * where the literal is used, so it is parsed again for every row) into static final fields of the generated
 * class, made once. {@link #fields()} gives their declarations, to put before the method.
 */
final class LiteralHoisting extends Shuttle {
    private final Map<String, ParameterExpression> fields = new LinkedHashMap<>();

    @Override
    public Expression visit(NewExpression ne, List<Expression> arguments, List<MemberDeclaration> members) {
        if (ne.type == BigDecimal.class && members == null && arguments.size() == 1
                && arguments.get(0) instanceof ConstantExpression c && c.value instanceof String text
                && text.matches("[-+0-9.eE]+")) {
            // a name no local variable of Calcite's code has, so none can hide the field
            return fields.computeIfAbsent(text,
                    t -> Expressions.parameter(BigDecimal.class, "hoisted$decimal" + fields.size()));
        }
        return super.visit(ne, arguments, members);
    }

    /** The fields' declarations, Java source. */
    String fields() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ParameterExpression> e : fields.entrySet()) {
            sb.append("private static final java.math.BigDecimal ").append(e.getValue().name)
                    .append(" = new java.math.BigDecimal(\"").append(e.getKey()).append("\");\n");
        }
        return sb.toString();
    }
}
