package org.jdbsp.sql.runtime;

import org.jdbsp.circuit.state.RowCodec;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;

/**
 * Writes SQL rows into checkpoints and journals: the shape of a generated row class (so a row comes back as an
 * instance of the same class, made by its factory) or a mark for an {@link ArrayTuple}, then each value in its
 * internal representation (all of them built-in types of {@link org.jdbsp.circuit.state.RowCodecs}). Cost: a
 * box per primitive column, as {@link Tuple#get} gives.
 */
public final class TupleCodec implements RowCodec<Tuple> {
    /** The one instance. */
    public static final TupleCodec INSTANCE = new TupleCodec();

    /** A generated class's shape, or null for {@link ArrayTuple}. */
    private static final ClassValue<String> SHAPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String prefix = RowClasses.PACKAGE + ".Row_";
            String name = type.getName();
            if (!name.startsWith(prefix)) {
                return null;
            }
            String shape = name.substring(prefix.length());
            return shape.equals("0") ? "" : shape;
        }
    };

    private TupleCodec() {
    }

    @Override
    public String id() {
        return "sql.row";
    }

    @Override
    public void write(Tuple row, StateWriter out) {
        String shape = SHAPES.get(row.getClass());
        out.writeBoolean(shape != null);
        if (shape != null) {
            out.writeString(shape);
        }
        int n = row.size();
        out.writeVarLong(n);
        for (int i = 0; i < n; i++) {
            out.writeValue(row.get(i));
        }
    }

    @Override
    public Tuple read(StateReader in) {
        String shape = in.readBoolean() ? in.readString() : null;
        Object[] values = new Object[in.readSize()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readValue();
        }
        if (shape == null) {
            return Tuple.of(values);
        }
        if (shape.length() != values.length) {
            throw in.corrupt("a row of shape " + shape + " with " + values.length + " values");
        }
        return RowClasses.factory(shape).make(values);
    }
}
