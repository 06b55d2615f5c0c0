package org.jdbsp.circuit.state;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Writes a record as its components in declaration order: a primitive component as itself; a component whose
 * declared type is a built-in type or a record (final classes) with that type's codec and a null mark, naming no
 * codec; any other with the codec of its value's class ({@link StateWriter#writeValue}), so records nest and
 * generic components hold rows of any type. Made by reflection once per class; reads call the canonical
 * constructor, so a record's checks run again on restore. Cost: a reflective call per component (and a box per
 * primitive component); meant for checkpoints, not steps.
 */
final class RecordCodec implements RowCodec<Object> {
    private final Class<?> type;
    private final Method[] accessors;
    private final Class<?>[] types;
    private final Constructor<?> constructor;
    /** Per component of a final built-in or record type, its codec; null for the others. */
    private final RowCodec<?>[] known;
    /**
     * Per component, its accessor as a function made by {@code LambdaMetafactory} (a {@code ToLongFunction},
     * {@code ToIntFunction}, {@code ToDoubleFunction}, or {@code Function} for the rest), so that reading a record
     * for a checkpoint neither reflects nor boxes; null where it could not be made (then reflection is used).
     */
    private final Object[] getters;

    RecordCodec(Class<?> type) {
        this.type = type;
        RecordComponent[] cs = type.getRecordComponents();
        accessors = new Method[cs.length];
        types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            accessors[i] = cs[i].getAccessor();
            accessors[i].setAccessible(true);
            types[i] = cs[i].getType();
        }
        known = new RowCodec<?>[cs.length];
        getters = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            known[i] = knownCodec(types[i]);
            getters[i] = getter(type, accessors[i], types[i]);
        }
        try {
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new CheckpointException("record " + type.getName() + " has no canonical constructor to restore it "
                    + "with", e);
        }
    }

    /** The codec of a component type every value of which has it: a built-in final type, or a record. */
    private RowCodec<?> knownCodec(Class<?> t) {
        for (int i = 0; i < Builtins.CLASSES.length; i++) {
            if (Builtins.CLASSES[i] == t) {
                return Builtins.CODECS[i];
            }
        }
        if (t.isRecord()) {
            return new NestedRecord(t); // looked up when first used: records may nest each other
        }
        return null;
    }

    /** The codec of a record component's record type, found when first used. */
    private static final class NestedRecord implements RowCodec<Object> {
        private final Class<?> type;
        private RowCodec<Object> codec;

        NestedRecord(Class<?> type) {
            this.type = type;
        }

        @SuppressWarnings("unchecked")
        private RowCodec<Object> codec() {
            if (codec == null) {
                codec = (RowCodec<Object>) RowCodecs.reflectedCodec(type);
            }
            return codec;
        }

        @Override
        public String id() {
            return "record:" + type.getName();
        }

        @Override
        public void write(Object value, StateWriter out) {
            codec().write(value, out);
        }

        @Override
        public Object read(StateReader in) {
            return codec().read(in);
        }
    }

    @Override
    public String id() {
        return "record:" + type.getName();
    }

    /** Component {@code m} of {@code record} as a function object without reflection, or null if it cannot be made. */
    private static Object getter(Class<?> record, Method m, Class<?> t) {
        try {
            java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.privateLookupIn(record,
                    java.lang.invoke.MethodHandles.lookup());
            java.lang.invoke.MethodHandle h = lookup.unreflect(m);
            String name;
            Class<?> iface;
            Class<?> ret;
            if (t == long.class) {
                name = "applyAsLong";
                iface = java.util.function.ToLongFunction.class;
                ret = long.class;
            } else if (t == int.class) {
                name = "applyAsInt";
                iface = java.util.function.ToIntFunction.class;
                ret = int.class;
            } else if (t == double.class) {
                name = "applyAsDouble";
                iface = java.util.function.ToDoubleFunction.class;
                ret = double.class;
            } else {
                name = "apply";
                iface = java.util.function.Function.class;
                ret = Object.class;
            }
            return java.lang.invoke.LambdaMetafactory.metafactory(lookup, name,
                    java.lang.invoke.MethodType.methodType(iface),
                    java.lang.invoke.MethodType.methodType(ret, Object.class), h,
                    java.lang.invoke.MethodType.methodType(t.isPrimitive() && ret != Object.class ? t : boxed(t),
                            record)).getTarget().invoke();
        } catch (Throwable e) {
            return null; // reflection then
        }
    }

    private static Class<?> boxed(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return java.lang.invoke.MethodType.methodType(t).wrap().returnType();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(Object value, StateWriter out) {
        for (int i = 0; i < accessors.length; i++) {
            Object g = getters[i];
            if (g != null) {
                Class<?> t = types[i];
                if (t == long.class) {
                    out.writeSignedVarLong(((java.util.function.ToLongFunction<Object>) g).applyAsLong(value));
                    continue;
                }
                if (t == int.class) {
                    out.writeSignedVarLong(((java.util.function.ToIntFunction<Object>) g).applyAsInt(value));
                    continue;
                }
                if (t == double.class) {
                    out.writeDouble(((java.util.function.ToDoubleFunction<Object>) g).applyAsDouble(value));
                    continue;
                }
                if (!t.isPrimitive()) {
                    Object v = ((java.util.function.Function<Object, Object>) g).apply(value);
                    if (known[i] != null) {
                        out.writeKnown(v, known[i]);
                    } else {
                        out.writeValue(v);
                    }
                    continue;
                }
            }
            Object v;
            try {
                v = accessors[i].invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new CheckpointException("reading " + type.getName() + "." + accessors[i].getName() + "()", e);
            }
            Class<?> t = types[i];
            if (t == long.class) {
                out.writeSignedVarLong((Long) v);
            } else if (t == int.class) {
                out.writeSignedVarLong((Integer) v);
            } else if (t == double.class) {
                out.writeDouble((Double) v);
            } else if (t == boolean.class) {
                out.writeBoolean((Boolean) v);
            } else if (t == short.class) {
                out.writeSignedVarLong((Short) v);
            } else if (t == byte.class) {
                out.writeByte((Byte) v);
            } else if (t == float.class) {
                out.writeInt(Float.floatToRawIntBits((Float) v));
            } else if (t == char.class) {
                out.writeVarLong((Character) v);
            } else if (known[i] != null) {
                out.writeKnown(v, known[i]);
            } else {
                out.writeValue(v);
            }
        }
    }

    @Override
    public Object read(StateReader in) {
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == long.class) {
                args[i] = in.readSignedVarLong();
            } else if (t == int.class) {
                args[i] = (int) in.readSignedVarLong();
            } else if (t == double.class) {
                args[i] = in.readDouble();
            } else if (t == boolean.class) {
                args[i] = in.readBoolean();
            } else if (t == short.class) {
                args[i] = (short) in.readSignedVarLong();
            } else if (t == byte.class) {
                args[i] = (byte) in.readByte();
            } else if (t == float.class) {
                args[i] = Float.intBitsToFloat(in.readInt());
            } else if (t == char.class) {
                args[i] = (char) in.readVarLong();
            } else if (known[i] != null) {
                args[i] = in.readKnown(known[i]);
            } else {
                Object v = in.readValue();
                if (v != null && !t.isInstance(v)) {
                    throw in.corrupt("component " + i + " of " + type.getName() + " is a " + v.getClass().getName()
                            + ", not a " + t.getName());
                }
                args[i] = v;
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw in.corrupt("restoring a " + type.getName() + ": " + (e.getCause() != null ? e.getCause() : e));
        }
    }
}
