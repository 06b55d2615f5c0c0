package org.jdbsp.sql.compiler;

import org.apache.calcite.linq4j.tree.BinaryExpression;
import org.apache.calcite.linq4j.tree.ConstantExpression;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.ExpressionType;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MethodCallExpression;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.linq4j.tree.Shuttle;
import org.apache.calcite.linq4j.tree.TernaryExpression;
import org.apache.calcite.linq4j.tree.UnaryExpression;
import org.jdbsp.sql.runtime.NarrowingCasts;

import java.lang.reflect.Type;
import java.util.List;

/**
 * Rewrites Calcite's checked narrowing of an integer to a narrower integer type (a CAST from BIGINT to INTEGER,
 * or the INTEGER result of {@code MOD(bigint, 123)}): linq4j writes it as
 * {@code ((Number) Primitive.of(int.class).numberValueRoundDown(x)).intValue()}, which boxes twice per row and
 * checks the range through doubles; it becomes {@link NarrowingCasts#toInt}{@code (x)}, with the same value and
 * the same error. A cast of a DECIMAL to DECIMAL(p, s), which Calcite writes as
 * {@code Primitive.decimalDecimalCast(x, p, s, mode) == null ? null : toBigDecimal(Primitive.decimalDecimalCast(x,
 * p, s, mode))} (the cast done twice), becomes one call of {@link NarrowingCasts#toDecimal}; a widening cast of a
 * primitive integer to BIGINT through {@code Primitive.integerCast} becomes a Java widening; a DECIMAL times a
 * primitive integer becomes one call of {@link org.jdbsp.sql.runtime.DecimalProducts#multiply}. Anything else is
 * left as it is.
 */
final class NarrowingRewrite extends Shuttle {
    /** Integer types from the narrowest; a checked conversion from a later one to an earlier one is rewritten. */
    private static final List<Class<?>> WIDTHS = List.of(byte.class, short.class, int.class, long.class);

    @Override
    public Expression visit(UnaryExpression unary, Expression operand) {
        Type to = unary.getType();
        Type from = operand.getType();
        int t = WIDTHS.indexOf(to);
        int f = WIDTHS.indexOf(from);
        if (unary.getNodeType() != ExpressionType.ConvertChecked || t < 0 || f <= t) {
            return super.visit(unary, operand);
        }
        String helper = to == int.class ? "toInt" : to == short.class ? "toShort" : "toByte";
        Expression wide = from == long.class ? operand : Expressions.convert_(operand, long.class);
        return Expressions.call(NarrowingCasts.class, helper, wide);
    }

    @Override
    public Expression visit(TernaryExpression ternary, Expression test, Expression ifTrue, Expression ifFalse) {
        Expression rewritten = super.visit(ternary, test, ifTrue, ifFalse);
        if (ternary.getNodeType() == ExpressionType.Conditional && isNull(ifTrue)
                && test instanceof BinaryExpression eq && eq.getNodeType() == ExpressionType.Equal
                && isNull(eq.expression1) && eq.expression0 instanceof MethodCallExpression cast
                && isDecimalCast(cast) && ifFalse instanceof MethodCallExpression convert
                && convert.method.getName().equals("toBigDecimal")
                && convert.method.getDeclaringClass() == org.apache.calcite.runtime.SqlFunctions.class
                && convert.expressions.size() == 1 && convert.expressions.get(0).equals(cast)) {
            return Expressions.call(NarrowingCasts.class, "toDecimal", cast.expressions);
        }
        return rewritten;
    }

    @Override
    public Expression visit(MethodCallExpression call, Expression target, List<Expression> arguments) {
        Expression rewritten = super.visit(call, target, arguments);
        Expression faster = decimalTimesInteger(rewritten);
        if (faster == null) faster = widenedToLong(rewritten);
        return faster == null ? rewritten : faster;
    }

    /**
     * {@code SqlFunctions.toLong(Primitive.integerCast(Primitive.LONG, x, mode))} of a primitive integer {@code x}
     * (Calcite's CAST of an INTEGER to BIGINT, as q13's {@code MOD(auction, 10000)} joined on a BIGINT) boxes
     * {@code x} and unboxes the result: it becomes {@code (long) x}, the same value; null for any other expression.
     */
    private static Expression widenedToLong(Expression e) {
        if (e instanceof MethodCallExpression toLong
                && toLong.method.getDeclaringClass() == org.apache.calcite.runtime.SqlFunctions.class
                && toLong.method.getName().equals("toLong") && toLong.expressions.size() == 1
                && toLong.expressions.get(0) instanceof MethodCallExpression cast
                && cast.method.getDeclaringClass() == Primitive.class && cast.method.getName().equals("integerCast")
                && cast.expressions.size() == 3 && cast.expressions.get(0) instanceof ConstantExpression to
                && to.value == Primitive.LONG && WIDTHS.contains(cast.expressions.get(1).getType())) {
            return Expressions.convert_(cast.expressions.get(1), long.class);
        }
        return null;
    }

    /**
     * {@code SqlFunctions.multiply(d, new BigDecimal(x))} of an integer {@code x} (either order), as
     * {@link org.jdbsp.sql.runtime.DecimalProducts#multiply}{@code (d, x)}: the same value, one object instead of
     * two; null for any other expression.
     */
    private static Expression decimalTimesInteger(Expression e) {
        if (!(e instanceof MethodCallExpression call)
                || call.method.getDeclaringClass() != org.apache.calcite.runtime.SqlFunctions.class
                || !call.method.getName().equals("multiply") || call.expressions.size() != 2
                || call.method.getReturnType() != java.math.BigDecimal.class) {
            return null;
        }
        for (int i = 0; i < 2; i++) {
            if (call.expressions.get(i) instanceof org.apache.calcite.linq4j.tree.NewExpression n
                    && n.type == java.math.BigDecimal.class && n.arguments.size() == 1 && n.memberDeclarations == null
                    && WIDTHS.contains(n.arguments.get(0).getType())) {
                Expression x = n.arguments.get(0);
                return Expressions.call(org.jdbsp.sql.runtime.DecimalProducts.class, "multiply",
                        call.expressions.get(1 - i), x.getType() == long.class ? x : Expressions.convert_(x, long.class));
            }
        }
        return null;
    }

    private static boolean isNull(Expression e) {
        return e instanceof ConstantExpression c && c.value == null;
    }

    private static boolean isDecimalCast(MethodCallExpression call) {
        return call.method.getDeclaringClass() == Primitive.class && call.method.getName().equals("decimalDecimalCast")
                && call.expressions.size() == 4;
    }
}
