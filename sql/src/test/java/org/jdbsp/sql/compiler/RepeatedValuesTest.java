package org.jdbsp.sql.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Modifier;
import java.util.List;
import org.apache.calcite.linq4j.tree.BlockStatement;
import org.apache.calcite.linq4j.tree.DeclarationStatement;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.jdbsp.sql.runtime.Tuple;
import org.junit.jupiter.api.Test;

/**
 * A value declared twice at the top of a generated function is computed once, when it calls only pure functions;
 * a call that may return another value the second time, and a declaration that is not final, stay as they are.
 */
class RepeatedValuesTest {
    @Test
    void reusesPureRepeatsOnly() {
        ParameterExpression in = Expressions.parameter(Tuple.class, "in");
        Expression product = Expressions.call(org.jdbsp.sql.runtime.DecimalProducts.class, "multiply",
                Expressions.constant(new java.math.BigDecimal("0.908")),
                Expressions.call(in, "getLong", Expressions.constant(2)));
        Expression random = Expressions.call(Math.class, "random");
        ParameterExpression a = Expressions.parameter(java.math.BigDecimal.class, "a");
        ParameterExpression b = Expressions.parameter(java.math.BigDecimal.class, "b");
        ParameterExpression r1 = Expressions.parameter(double.class, "r1");
        ParameterExpression r2 = Expressions.parameter(double.class, "r2");
        ParameterExpression c = Expressions.parameter(java.math.BigDecimal.class, "c");
        BlockStatement block = Expressions.block(
                Expressions.declare(Modifier.FINAL, a, product),
                Expressions.declare(Modifier.FINAL, r1, random),
                Expressions.declare(Modifier.FINAL, b, product),
                Expressions.declare(Modifier.FINAL, r2, random),
                Expressions.declare(0, c, product));
        List<DeclarationStatement> out = block(RepeatedValues.apply(block));
        assertEquals(a, out.get(2).initializer, "the product is reused");
        assertEquals(random.toString(), out.get(3).initializer.toString(), "a random number is drawn again");
        assertEquals(product.toString(), out.get(4).initializer.toString(), "a variable that is not final is left");
    }

    @Test
    void readsAnAliasAsTheVariableItNames() {
        // final String v = (String) in.get(3); final String l = lower(v); final String w = v; final String m =
        // lower(w): m is l; a string literal that spells the alias's name is not the variable
        ParameterExpression in = Expressions.parameter(Tuple.class, "in");
        ParameterExpression v = Expressions.parameter(String.class, "v");
        ParameterExpression w = Expressions.parameter(String.class, "w");
        ParameterExpression l = Expressions.parameter(String.class, "l");
        ParameterExpression m = Expressions.parameter(String.class, "m");
        ParameterExpression n1 = Expressions.parameter(String.class, "n1");
        ParameterExpression n2 = Expressions.parameter(String.class, "n2");
        BlockStatement block = Expressions.block(
                Expressions.declare(Modifier.FINAL, v, Expressions.convert_(
                        Expressions.call(in, "get", Expressions.constant(3)), String.class)),
                Expressions.declare(Modifier.FINAL, l, lower(v)),
                Expressions.declare(Modifier.FINAL, w, v),
                Expressions.declare(Modifier.FINAL, m, lower(w)),
                Expressions.declare(Modifier.FINAL, n1, lower(Expressions.constant("v"))),
                Expressions.declare(Modifier.FINAL, n2, lower(Expressions.constant("w"))));
        List<DeclarationStatement> out = block(RepeatedValues.apply(block));
        assertEquals(l, out.get(3).initializer, "lower(w) is lower(v)");
        assertEquals(lower(Expressions.constant("w")).toString(), out.get(5).initializer.toString(),
                "the text 'w' is not the variable w");
    }

    private static Expression lower(Expression s) {
        return Expressions.call(org.apache.calcite.runtime.SqlFunctions.class, "lower", s);
    }

    @SuppressWarnings("unchecked")
    private static List<DeclarationStatement> block(BlockStatement b) {
        return (List<DeclarationStatement>) (List<?>) b.statements;
    }
}
