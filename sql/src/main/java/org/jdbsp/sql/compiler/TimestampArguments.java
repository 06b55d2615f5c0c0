package org.jdbsp.sql.compiler;

import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MethodCallExpression;
import org.apache.calcite.linq4j.tree.Shuttle;
import org.apache.calcite.runtime.SqlFunctions;
import org.jdbsp.sql.runtime.FlinkFunctions;

import java.util.List;

/**
 * Passes a NOT NULL TIMESTAMP to {@code DATE_FORMAT} as the long it is held as: Calcite's code converts it to a
 * {@code java.sql.Timestamp} through the default time zone ({@code SqlFunctions.internalToTimestamp}), which
 * {@link FlinkFunctions#dateFormat} converts straight back, two calendar computations and an object per call;
 * the call becomes {@link FlinkFunctions#dateFormatMillis}. Anything else is left as it is.
 */
final class TimestampArguments extends Shuttle {
    @Override
    public Expression visit(MethodCallExpression call, Expression target, List<Expression> args) {
        Expression rewritten = super.visit(call, target, args);
        if (target == null && call.method.getDeclaringClass() == FlinkFunctions.class
                && call.method.getName().equals("dateFormat") && args.size() == 2
                && args.get(0) instanceof MethodCallExpression toTimestamp
                && toTimestamp.method.getDeclaringClass() == SqlFunctions.class
                && toTimestamp.method.getName().equals("internalToTimestamp")
                && toTimestamp.expressions.size() == 1 && toTimestamp.expressions.get(0).getType() == long.class) {
            return Expressions.call(FlinkFunctions.class, "dateFormatMillis", toTimestamp.expressions.get(0),
                    args.get(1));
        }
        return rewritten;
    }
}
