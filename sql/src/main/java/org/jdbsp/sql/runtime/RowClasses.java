package org.jdbsp.sql.runtime;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generates a row class per shape, once per JVM, into one class loader that generated expression code can see.
 * A shape spells the fields in order, one letter each as in JVM descriptors: {@code Z B S I J F D} for a
 * primitive {@code boolean byte short int long float double}, {@code L} for an object (a nullable column, or a
 * type held as an object: strings, decimals). The class for shape {@code JJL} is
 * {@code org.jdbsp.sql.generated.Row_JJL}: final fields {@code f0, f1, f2}, a constructor taking them in order,
 * the typed getters of {@link Tuple}, and equality and a hash equal to {@link Values}' for the same values, so
 * that its rows meet rows of other classes. Costs one Janino compilation (about a millisecond) per new shape;
 * the classes stay loaded for the life of the JVM, and the shapes of real schemas are few.
 */
public final class RowClasses {
    /** The package of generated row classes. */
    public static final String PACKAGE = "org.jdbsp.sql.generated";

    private static final Loader LOADER = new Loader(RowClasses.class.getClassLoader());
    private static final Map<String, TupleFactory> FACTORIES = new ConcurrentHashMap<>();

    private RowClasses() {
    }

    /** The loader holding every generated row class: the parent for code that names them. */
    public static ClassLoader loader() {
        return LOADER;
    }

    /** The name of the row class of {@code shape}. */
    public static String className(String shape) {
        return PACKAGE + ".Row_" + (shape.isEmpty() ? "0" : shape);
    }

    /** The factory of {@code shape}'s rows, generating the class on first use. */
    public static TupleFactory factory(String shape) {
        TupleFactory f = FACTORIES.get(shape);
        if (f == null) {
            synchronized (RowClasses.class) {
                f = FACTORIES.get(shape);
                if (f == null) {
                    f = generate(shape);
                    FACTORIES.put(shape, f);
                }
            }
        }
        return f;
    }

    /** The generated row class of {@code shape}, generating it on first use. */
    public static Class<?> rowClass(String shape) {
        factory(shape);
        try {
            return Class.forName(className(shape), false, LOADER);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The primitive shape letters, and per letter its class, wrapper and typed getter of {@link Tuple}. */
    private static final String PRIMITIVES = "ZBSIJFD";
    private static final Class<?>[] CLASSES = {
        boolean.class, byte.class, short.class, int.class, long.class, float.class, double.class};
    private static final String[] WRAPPERS = {"Boolean", "Byte", "Short", "Integer", "Long", "Float", "Double"};
    private static final String[] GETTERS = {
        "getBoolean", "getByte", "getShort", "getInt", "getLong", "getFloat", "getDouble"};

    /** The shape letter of a field of Java class {@code c}: its descriptor letter if primitive, else L. */
    public static char letter(Class<?> c) {
        for (int i = 0; i < CLASSES.length; i++) {
            if (CLASSES[i] == c) return PRIMITIVES.charAt(i);
        }
        return 'L';
    }

    /** The position of a primitive letter in {@link #PRIMITIVES}; -1 for L. */
    private static int index(char l) {
        int i = PRIMITIVES.indexOf(l);
        if (i < 0 && l != 'L') throw new IllegalArgumentException("not a shape letter: " + l);
        return i;
    }

    /** The Java class of a field of shape letter {@code l}: a primitive, or Object for L. */
    public static Class<?> javaClass(char l) {
        int i = index(l);
        return i < 0 ? Object.class : CLASSES[i];
    }

    /** The Java type of a field of shape letter {@code l}, as source. */
    public static String javaType(char l) {
        int i = index(l);
        return i < 0 ? "Object" : CLASSES[i].getName();
    }

    /** The typed getter of {@link Tuple} for a field of letter {@code l}, or {@code get} for L. */
    public static String getter(char l) {
        int i = index(l);
        return i < 0 ? "get" : GETTERS[i];
    }

    private static TupleFactory generate(String shape) {
        for (int i = 0; i < shape.length(); i++) javaType(shape.charAt(i));
        String cls = className(shape);
        String simple = cls.substring(PACKAGE.length() + 1);
        String source = "package " + PACKAGE + ";\n" + rowSource(simple, shape, factorySource(simple, shape));
        try {
            SimpleCompiler c = new SimpleCompiler();
            c.setParentClassLoader(RowClasses.class.getClassLoader());
            c.cook(source);
            for (Map.Entry<String, byte[]> e : c.getBytecodes().entrySet()) LOADER.define(e.getKey(), e.getValue());
            return (TupleFactory) LOADER.loadClass(cls + "$F").getDeclaredConstructor().newInstance();
        } catch (CompileException | ReflectiveOperationException e) {
            throw new IllegalStateException("generating the row class of shape " + shape + ":\n" + source, e);
        }
    }

    private static String rowSource(String simple, String shape, String factory) {
        int n = shape.length();
        StringBuilder s = new StringBuilder();
        s.append("public final class ").append(simple).append(" extends org.jdbsp.sql.runtime.Tuple {\n");
        for (int i = 0; i < n; i++) s.append("  public final ").append(javaType(shape.charAt(i))).append(" f").append(i).append(";\n");
        s.append("  public static final F FACTORY = new F();\n");
        s.append("  private int hash;\n");
        s.append("  public ").append(simple).append("(");
        for (int i = 0; i < n; i++) s.append(i > 0 ? ", " : "").append(javaType(shape.charAt(i))).append(" f").append(i);
        s.append(") {\n");
        for (int i = 0; i < n; i++) s.append("    this.f").append(i).append(" = f").append(i).append(";\n");
        s.append("  }\n");
        s.append("  public int size() { return ").append(n).append("; }\n");
        s.append("  public Object get(int i) {\n    switch (i) {\n");
        for (int i = 0; i < n; i++) s.append("      case ").append(i).append(": return ").append(box(shape.charAt(i), "f" + i)).append(";\n");
        s.append("      default: throw new IndexOutOfBoundsException(\"column \" + i + \" of ").append(n).append("\");\n    }\n  }\n");
        s.append("  public boolean isNull(int i) {\n    switch (i) {\n");
        for (int i = 0; i < n; i++) {
            if (shape.charAt(i) == 'L') s.append("      case ").append(i).append(": return f").append(i).append(" == null;\n");
        }
        s.append("      default: if (i < 0 || i >= ").append(n).append(") throw new IndexOutOfBoundsException(\"column \" + i + \" of ")
                .append(n).append("\"); return false;\n    }\n  }\n");
        for (char l : "ZBSIJFD".toCharArray()) {
            if (shape.indexOf(l) < 0) continue;
            s.append("  public ").append(javaType(l)).append(' ').append(getter(l)).append("(int i) {\n    switch (i) {\n");
            for (int i = 0; i < n; i++) {
                if (shape.charAt(i) == l) s.append("      case ").append(i).append(": return f").append(i).append(";\n");
            }
            s.append("      default: return super.").append(getter(l)).append("(i);\n    }\n  }\n");
        }
        s.append("  public int compareColumn(int i, org.jdbsp.sql.runtime.Tuple o, boolean nullsFirst) {\n    switch (i) {\n");
        for (int i = 0; i < n; i++) {
            char l = shape.charAt(i);
            if (l == 'L') continue;
            s.append("      case ").append(i).append(": return o.isNull(").append(i).append(") ? (nullsFirst ? 1 : -1) : ")
                    .append(wrapper(l)).append(".compare(f").append(i).append(", o.")
                    .append(getter(l)).append("(").append(i).append("));\n");
        }
        s.append("      default: return super.compareColumn(i, o, nullsFirst);\n    }\n  }\n");
        String[] fields = new String[n];
        for (int i = 0; i < n; i++) fields[i] = "f" + i;
        s.append("  public int hashCode() {\n    int h = hash;\n    if (h == 0) {\n");
        s.append(hashStatements(shape, fields));
        s.append("      hash = h;\n    }\n    return h;\n  }\n");
        s.append("  public boolean equals(Object o) {\n    if (o == this) return true;\n");
        s.append("    if (o instanceof ").append(simple).append(") {\n      ").append(simple).append(" r = (").append(simple).append(") o;\n");
        if (shape.indexOf('L') >= 0) s.append("      if (hashCode() != r.hashCode()) return false;\n");
        s.append("      return true");
        for (int i = 0; i < n; i++) s.append("\n        && ").append(equal(shape.charAt(i), "f" + i, "r.f" + i));
        s.append(";\n    }\n    return o instanceof org.jdbsp.sql.runtime.Tuple && equalValues((org.jdbsp.sql.runtime.Tuple) o);\n  }\n");
        s.append(factory);
        s.append("}\n");
        return s.toString();
    }

    private static String factorySource(String simple, String shape) {
        int n = shape.length();
        StringBuilder s = new StringBuilder();
        s.append("  public static final class F implements org.jdbsp.sql.runtime.TupleFactory {\n");
        s.append("  public org.jdbsp.sql.runtime.Tuple make(Object[] v) {\n");
        s.append("    if (v.length != ").append(n).append(") throw new IllegalArgumentException(\"a row of \" + v.length + \" values for shape ")
                .append(shape).append("\");\n");
        StringBuilder nulls = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (shape.charAt(i) != 'L') nulls.append(nulls.length() > 0 ? " || " : "").append("v[").append(i).append("] == null");
        }
        if (nulls.length() > 0) s.append("    if (").append(nulls).append(") return org.jdbsp.sql.runtime.Tuple.of((Object[]) v.clone());\n");
        s.append("    return new ").append(simple).append("(");
        for (int i = 0; i < n; i++) s.append(i > 0 ? ", " : "").append(unbox(shape.charAt(i), "v[" + i + "]"));
        s.append(");\n  }\n");
        s.append("  public org.jdbsp.sql.runtime.Tuple make(long[] j, double[] d, Object[] o) {\n");
        s.append("    return new ").append(simple).append("(");
        for (int i = 0; i < n; i++) s.append(i > 0 ? ", " : "").append(fromSlots(shape.charAt(i), i));
        s.append(");\n  }\n");
        s.append("  public String shape() { return \"").append(shape).append("\"; }\n");
        s.append("}\n");
        return s.toString();
    }

    /** A field's value from the slots of {@link TupleFactory#make(long[], double[], Object[])}. */
    private static String fromSlots(char l, int i) {
        switch (l) {
            case 'Z': return "j[" + i + "] != 0";
            case 'B': return "(byte) j[" + i + "]";
            case 'S': return "(short) j[" + i + "]";
            case 'I': return "(int) j[" + i + "]";
            case 'J': return "j[" + i + "]";
            case 'F': return "(float) d[" + i + "]";
            case 'D': return "d[" + i + "]";
            default: return "o[" + i + "]";
        }
    }

    /** The wrapper class of a primitive letter, as source. */
    private static String wrapper(char l) {
        int i = index(l);
        if (i < 0) throw new IllegalArgumentException("no wrapper for " + l);
        return WRAPPERS[i];
    }

    private static String box(char l, String f) {
        return l == 'L' ? f : wrapper(l) + ".valueOf(" + f + ")";
    }

    private static String unbox(char l, String v) {
        if (l == 'L') return v;
        return l == 'Z' ? "((Boolean) " + v + ").booleanValue()" : "((Number) " + v + ")." + javaType(l) + "Value()";
    }

    /**
     * Java statements that set the declared {@code int h} to the hash code of a row of {@code shape} whose column
     * {@code i} has the value of the expression {@code values[i]} (of the column's type): the code of the row
     * classes' {@code hashCode}, for code that hashes a row it does not make.
     */
    public static String hashStatements(String shape, String[] values) {
        StringBuilder s = new StringBuilder("      h = 1;\n");
        for (int i = 0; i < shape.length(); i++) {
            s.append("      h = org.jdbsp.sql.runtime.Values.mix(h, ").append(hash(shape.charAt(i), values[i])).append(");\n");
        }
        return s.append("      if (h == 0) h = 1;\n").toString();
    }

    /** The hash of a field, equal to {@link Values#hash} of its boxed value. */
    private static String hash(char l, String f) {
        switch (l) {
            case 'F': return "(" + f + " == 0.0f ? 0 : Float.hashCode(" + f + "))";
            case 'D': return "(" + f + " == 0.0 ? 0 : Double.hashCode(" + f + "))";
            case 'L': return "org.jdbsp.sql.runtime.Values.hash(" + f + ")";
            default: return wrapper(l) + ".hashCode(" + f + ")";
        }
    }

    /** Equality of two fields, as {@link Values#equal} of their boxed values. */
    private static String equal(char l, String a, String b) {
        switch (l) {
            case 'F':
            case 'D':
                return "(" + a + " == " + b + " || (" + a + " != " + a + " && " + b + " != " + b + "))";
            case 'L':
                return "org.jdbsp.sql.runtime.Values.equal(" + a + ", " + b + ")";
            default:
                return a + " == " + b;
        }
    }

    /** The loader of generated row classes: defines each class once from Janino's bytecode. */
    private static final class Loader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        Loader(ClassLoader parent) {
            super(parent);
        }

        void define(String name, byte[] bytes) {
            defineClass(name, bytes, 0, bytes.length);
        }
    }
}
