package org.jdbsp.sql.compiler;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MethodDeclaration;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexVisitorImpl;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.ClassBodyEvaluator;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.UnsupportedSqlException;
import org.jdbsp.sql.runtime.RowClasses;
import org.jdbsp.sql.runtime.Tuple;

import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles a Calcite {@link RexProgram} (a condition and projections over an input row) into a
 * {@link RowFunction}: Calcite's {@link RexToLixTranslator} writes the Java code, with SQL's null rules, checked
 * arithmetic and its runtime library ({@code SqlFunctions}), and Janino compiles it to bytecode once. Rows are
 * {@link Tuple}s: the code reads input columns with the row's typed getters and builds the output row of its
 * shape's generated class ({@link RowClasses}), so NOT NULL numbers are never boxed. Costs one class (about a
 * millisecond) per distinct program: a program whose code was generated before reuses that class.
 */
final class ExpressionCompiler {
    private static final AtomicLong CLASSES = new AtomicLong();
    /**
     * The functions compiled so far, by their source: a program compiled again (the same views in another
     * {@code SqlProgram}, a restored one, a benchmark's next round) reuses the class, its JIT-compiled code and the
     * type profiles of the operators that call it, and adds no class. Functions keep no state, so one instance
     * serves all. Bounded: past {@link #MAX_CACHED} sources new ones are compiled but not kept.
     */
    private static final java.util.Map<String, Object> FUNCTIONS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED = 20_000;

    private ExpressionCompiler() {
    }

    /**
     * @param notNull per input column, whether it is known to hold no NULL ({@link NullableCasts}); null: none
     */
    static RowFunction compile(RexProgram program, JavaTypeFactory typeFactory, Statement.QueryText where,
            boolean[] notNull) {
        ParameterExpression in = Expressions.parameter(Tuple.class, "in");
        return (RowFunction) compile(program, typeFactory, where, notNull, List.of(in), Integer.MAX_VALUE,
                RowFunction.class);
    }

    /**
     * {@link #compile} of a program over the row of a joined pair, as a function of the pair's two rows: column
     * {@code c} is read from the left row when {@code c < leftWidth}, else column {@code c - leftWidth} of the
     * right row, so the joined row is never made (an inner join's condition and the projection above it).
     */
    static PairFunction compilePair(RexProgram program, int leftWidth, JavaTypeFactory typeFactory,
            Statement.QueryText where, boolean[] notNull) {
        List<ParameterExpression> rows = List.of(Expressions.parameter(Tuple.class, "in"),
                Expressions.parameter(Tuple.class, "right"));
        return (PairFunction) compile(program, typeFactory, where, notNull, rows, leftWidth, PairFunction.class);
    }

    /**
     * The generated {@code apply} of {@code type} over the rows {@code rows}: columns below {@code leftWidth} are
     * read from the first, the others from the second. Kept by source ({@link #FUNCTIONS}).
     */
    private static Object compile(RexProgram program, JavaTypeFactory typeFactory, Statement.QueryText where,
            boolean[] notNull, List<ParameterExpression> rows, int leftWidth, Class<?> type) {
        checkSupported(program, where);
        program = NullableCasts.apply(program, typeFactory, notNull);
        program = CheapConditionsFirst.apply(program, typeFactory);
        BlockBuilder body = new BlockBuilder();
        body.add(Expressions.declare(Modifier.FINAL, DataContext.ROOT,
                Expressions.constant(null, DataContext.class)));
        PhysType inType = PhysTypeImpl.of(typeFactory, program.getInputRowType(), JavaRowFormat.ARRAY, false);
        RexToLixTranslator.InputGetter getter = (list, index, storageType) -> {
            Type field = inType.fieldClass(index);
            char l = field instanceof Class<?> c ? RowClasses.letter(c) : 'L';
            boolean left = index < leftWidth;
            Expression read = Expressions.call(rows.get(left ? 0 : 1), RowClasses.getter(l),
                    Expressions.constant(left ? index : index - leftWidth));
            Type to = storageType == null ? field : storageType;
            // text is held as a String: a cast, where EnumUtils would read it twice and call toString()
            if (l == 'L' && to == String.class) return Expressions.convert_(read, String.class);
            return EnumUtils.convert(read, to);
        };
        if (program.getCondition() != null) {
            Expression cond = RexToLixTranslator.translateCondition(program, typeFactory, body, getter, null,
                    Planner.CONFORMANCE);
            // through a call, so that a condition Calcite proved constant leaves no unreachable code behind
            body.add(Expressions.ifThen(Expressions.not(Expressions.call(org.jdbsp.sql.runtime.Conditions.class, "truth", cond)),
                    Expressions.return_(null, Expressions.constant(null, Tuple.class))));
        }
        List<Expression> values = RexToLixTranslator.translateProjects(program, typeFactory, Planner.CONFORMANCE,
                body, null, null, DataContext.ROOT, getter, null);
        body.add(Expressions.return_(null, newRow(Shapes.of(program.getOutputRowType(), typeFactory), values)));
        LiteralHoisting literals = new LiteralHoisting();
        org.apache.calcite.linq4j.tree.BlockStatement block = (org.apache.calcite.linq4j.tree.BlockStatement)
                RepeatedValues.apply((org.apache.calcite.linq4j.tree.BlockStatement) body.toBlock()
                        .accept(new NarrowingRewrite())).accept(new TimestampArguments()).accept(literals);
        MethodDeclaration method = Expressions.methodDecl(Modifier.PUBLIC, Tuple.class, "apply", rows, block);
        String source = literals.fields() + Expressions.toString(method);
        if (Boolean.getBoolean("jdbsp.sql.debug")) {
            System.out.println(program.getInputRowType().getFullTypeString() + " -> "
                    + program.getOutputRowType().getFullTypeString() + "\n" + source);
        }
        String key = type.getName() + "\n" + source;
        Object known = FUNCTIONS.get(key);
        if (known != null) return known;
        Object made = make(source, type, where);
        if (FUNCTIONS.size() < MAX_CACHED) FUNCTIONS.putIfAbsent(key, made);
        return made;
    }

    /** The number of function classes compiled so far in this JVM (for tests). */
    static long classesCompiled() {
        return CLASSES.get();
    }

    /** Compiles {@code source}, the body of a class implementing {@code type}, and makes one. */
    private static Object make(String source, Class<?> type, Statement.QueryText where) {
        try {
            ClassBodyEvaluator cbe = new ClassBodyEvaluator();
            cbe.setClassName("org.jdbsp.sql.generated.Fn" + CLASSES.incrementAndGet());
            cbe.setImplementedInterfaces(new Class<?>[] {type});
            cbe.setParentClassLoader(RowClasses.loader());
            cbe.cook(source);
            return cbe.getClazz().getDeclaredConstructor().newInstance();
        } catch (CompileException e) {
            throw new SqlException(where.where(1, 1) + ": internal error compiling an expression: " + e.getMessage()
                    + "\n" + source, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new row of {@code shape} holding {@code values}: the shape's constructor when every primitive field gets
     * a primitive value, else (a value Calcite computes as an object, which might be null) its factory.
     */
    static Expression newRow(String shape, List<Expression> values) {
        if (values.isEmpty()) return Expressions.field(null, Tuple.class, "EMPTY");
        Class<?> row = RowClasses.rowClass(shape);
        List<Expression> args = new ArrayList<>();
        boolean direct = true;
        for (int i = 0; i < values.size(); i++) {
            Expression e = values.get(i);
            char l = shape.charAt(i);
            if (l == 'L') {
                args.add(boxed(e));
            } else if (isPrimitive(e)) {
                args.add(EnumUtils.convert(e, RowClasses.javaClass(l)));
            } else {
                direct = false;
                break;
            }
        }
        if (direct) return Expressions.new_(row, args);
        List<Expression> boxed = new ArrayList<>();
        for (Expression e : values) boxed.add(boxed(e));
        return Expressions.call(Expressions.field(null, row, "FACTORY"), "make",
                Expressions.newArrayInit(Object.class, boxed));
    }

    private static boolean isPrimitive(Expression e) {
        return e.getType() instanceof Class<?> c && c.isPrimitive();
    }

    /** {@code e} as an object: boxed if it is of a primitive type. */
    private static Expression boxed(Expression e) {
        return isPrimitive(e) ? Expressions.box(e) : e;
    }

    /** Rejects functions whose value is not a function of the row: their results could not be retracted. */
    private static void checkSupported(RexProgram program, Statement.QueryText where) {
        RexVisitorImpl<Void> v = new RexVisitorImpl<>(true) {
            @Override
            public Void visitCall(RexCall call) {
                if (call.getOperator().isDynamicFunction() || !call.getOperator().isDeterministic()) {
                    throw new UnsupportedSqlException(where.where(1, 1) + ": function " + call.getOperator().getName()
                            + " is not supported in a view: its value is not a function of the row");
                }
                return super.visitCall(call);
            }
        };
        for (RexNode e : program.getExprList()) e.accept(v);
    }
}
