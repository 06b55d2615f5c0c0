package org.jdbsp.sql.compiler;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.ClassBodyEvaluator;
import org.jdbsp.sql.runtime.RowClasses;
import org.jdbsp.sql.runtime.Tuple;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates {@link RowCombiner}s: the code that picks columns of a joined pair of rows into a row of the output
 * shape's class, reading each column with its typed getter, so a join's output row costs one object and no
 * boxes; and {@link PickedKey}s, key functions of some columns of a row. One class per distinct (left shape,
 * right shape, picked columns, output shape), or (shape, key columns), cached for the JVM's life: schemas repeat,
 * so the classes are few. Internal.
 */
final class Combiners {
    private static final AtomicLong CLASSES = new AtomicLong();
    private static final Map<String, RowCombiner> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Class<?>> KEYS = new ConcurrentHashMap<>();

    private Combiners() {
    }

    /**
     * A combiner whose output column {@code i} is column {@code picked[i]} of the left row's columns followed by
     * the right row's ({@code picked} null: all of them, in order).
     */
    static RowCombiner of(String left, String right, int[] picked, String out) {
        String joined = left + right;
        if (picked == null) picked = Keys.range(joined.length());
        if (picked.length != out.length()) {
            throw new IllegalArgumentException(picked.length + " columns picked for shape " + out);
        }
        String key = left + "|" + right + "|" + java.util.Arrays.toString(picked) + "|" + out;
        RowCombiner c = CACHE.get(key);
        if (c == null) {
            c = generate(left.length(), joined, picked, out);
            CACHE.putIfAbsent(key, c);
        }
        return c;
    }

    /**
     * A new key function of {@code columns} of rows of {@code shape}: the columns as a row of their shape's class
     * ({@link #of} with no right side), and its hash from the columns. The class is generated once per shape and
     * columns; each call makes an instance, so that {@link PickedKey#withNullKey} sets only its own.
     */
    static PickedKey key(String shape, int[] columns) {
        StringBuilder picked = new StringBuilder();
        for (int c : columns) picked.append(shape.charAt(c));
        String cacheKey = shape + "|" + java.util.Arrays.toString(columns);
        Class<?> c = KEYS.get(cacheKey);
        if (c == null) {
            c = generateKey(shape, columns, picked.toString());
            KEYS.putIfAbsent(cacheKey, c);
        }
        try {
            return (PickedKey) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("making a key function of " + c, e);
        }
    }

    private static Class<?> generateKey(String shape, int[] columns, String out) {
        String t = Tuple.class.getName();
        String row = RowClasses.rowClass(out).getName();
        StringBuilder args = new StringBuilder();
        StringBuilder boxed = new StringBuilder();
        StringBuilder nulls = new StringBuilder();
        String[] values = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int col = columns[i];
            char l = out.charAt(i);
            values[i] = l == 'L' ? "a.get(" + col + ")" : "a." + RowClasses.getter(l) + "(" + col + ")";
            args.append(i > 0 ? ", " : "").append(values[i]);
            boxed.append(i > 0 ? ", " : "").append("a.get(").append(col).append(")");
            if (l != 'L') nulls.append(nulls.length() > 0 ? " || " : "").append("a.isNull(").append(col).append(")");
        }
        // a NULL where the letter is primitive: the null key, or a row of the values that keeps the NULL
        String withNull = "nullKey != null ? nullKey : " + row + ".FACTORY.make(new Object[] {" + boxed + "})";
        String guard = nulls.length() == 0 ? "" : "  if (" + nulls + ") return ";
        String source = "public Object apply(Object o) {\n  " + t + " a = (" + t + ") o;\n"
                + (guard.isEmpty() ? "" : guard + withNull + ";\n")
                + "  return new " + row + "(" + args + ");\n}\n"
                + "public int keyHash(Object o) {\n  " + t + " a = (" + t + ") o;\n"
                + (guard.isEmpty() ? "" : guard + "(" + withNull + ").hashCode();\n")
                + "  int h;\n" + RowClasses.hashStatements(out, values) + "  return h;\n}\n";
        try {
            ClassBodyEvaluator cbe = new ClassBodyEvaluator();
            cbe.setClassName("org.jdbsp.sql.generated.Key" + CLASSES.incrementAndGet());
            cbe.setExtendedClass(PickedKey.class);
            cbe.setParentClassLoader(RowClasses.loader());
            cbe.cook(source);
            return cbe.getClazz();
        } catch (CompileException e) {
            throw new IllegalStateException("generating a key function:\n" + source, e);
        }
    }

    private static RowCombiner generate(int leftWidth, String joined, int[] picked, String out) {
        String row = RowClasses.rowClass(out).getName();
        StringBuilder args = new StringBuilder();
        StringBuilder nulls = new StringBuilder();
        boolean direct = true;
        for (int i = 0; i < picked.length; i++) {
            int c = picked[i];
            char from = joined.charAt(c), to = out.charAt(i);
            String side = c < leftWidth ? "a" : "b";
            int col = c < leftWidth ? c : c - leftWidth;
            if (to != 'L' && from != to) {
                direct = false; // an object (maybe NULL) into a primitive field: the factory decides
                break;
            }
            if (i > 0) args.append(", ");
            if (to == 'L') {
                args.append(side).append(".get(").append(col).append(")");
            } else {
                args.append(side).append('.').append(RowClasses.getter(to)).append('(').append(col).append(')');
                nulls.append(nulls.length() > 0 ? " || " : "").append(side).append(".isNull(").append(col).append(")");
            }
        }
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < picked.length; i++) {
            int c = picked[i];
            all.append(i > 0 ? ", " : "").append(c < leftWidth ? "a.get(" + c + ")" : "b.get(" + (c - leftWidth) + ")");
        }
        // the factory keeps a NULL (which Calcite's NOT NULL may hide) in an array row
        String viaFactory = "return " + row + ".FACTORY.make(new Object[] {" + all + "});";
        String body;
        if (direct) {
            body = (nulls.length() > 0 ? "if (" + nulls + ") " + viaFactory + "\n  " : "")
                    + "return new " + row + "(" + args + ");";
        } else {
            body = viaFactory;
        }
        String t = Tuple.class.getName();
        String source = "public " + t + " combine(" + t + " a, " + t + " b) {\n  " + body + "\n}\n";
        try {
            ClassBodyEvaluator cbe = new ClassBodyEvaluator();
            cbe.setClassName("org.jdbsp.sql.generated.Combine" + CLASSES.incrementAndGet());
            cbe.setImplementedInterfaces(new Class<?>[] {RowCombiner.class});
            cbe.setParentClassLoader(RowClasses.loader());
            cbe.cook(source);
            return (RowCombiner) cbe.getClazz().getDeclaredConstructor().newInstance();
        } catch (CompileException | ReflectiveOperationException e) {
            throw new IllegalStateException("generating a row combiner:\n" + source, e);
        }
    }
}
