package org.jdbsp.circuit.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@link RowCodec} writes a value of each class into a checkpoint and which reads it back: the built-in
 * codecs (boxed primitives, strings, decimals, {@code java.time}), a codec made by reflection for every record
 * and enum, and the codecs registered with {@link #with}, which win over the others and cover subclasses of the
 * class they are registered for. Immutable; {@link #standard()} is the set with nothing registered.
 *
 * <p>Cost: one lookup per class per checkpoint file (the writer remembers the codec); record codecs are made once
 * per class and cached for the life of the JVM.
 */
public final class RowCodecs {
    private static final RowCodecs STANDARD = new RowCodecs(List.of(), null);
    private static final Map<Class<?>, RowCodec<?>> REFLECTED = new ConcurrentHashMap<>();

    private final List<Registered> registered;
    private final ClassLoader loader;

    private record Registered(Class<?> type, RowCodec<?> codec) {
    }

    private RowCodecs(List<Registered> registered, ClassLoader loader) {
        this.registered = registered;
        this.loader = loader;
    }

    /** The built-in codecs and those of records and enums; nothing registered. */
    public static RowCodecs standard() {
        return STANDARD;
    }

    /**
     * These codecs and {@code codec} for values of {@code type} and its subclasses.
     *
     * @throws IllegalArgumentException if another codec has the same id
     */
    public <T> RowCodecs with(Class<T> type, RowCodec<? super T> codec) {
        if (type == null || codec == null) {
            throw new IllegalArgumentException("with(" + type + ", " + codec + "): null");
        }
        for (Registered r : registered) {
            if (r.codec.id().equals(codec.id()) && r.codec != codec) {
                throw new IllegalArgumentException("two codecs with the id '" + codec.id() + "': for "
                        + r.type.getName() + " and for " + type.getName());
            }
        }
        if (Builtins.byId(codec.id()) != null || codec.id().startsWith("record:") || codec.id().startsWith("enum:")) {
            throw new IllegalArgumentException("codec id '" + codec.id() + "' is reserved for a built-in codec");
        }
        List<Registered> all = new ArrayList<>(registered);
        all.add(new Registered(type, codec));
        return new RowCodecs(List.copyOf(all), loader);
    }

    /** These codecs, finding the record and enum classes named in a checkpoint with {@code loader}. */
    public RowCodecs withClassLoader(ClassLoader loader) {
        return new RowCodecs(registered, loader);
    }

    /**
     * The codec that writes values of class {@code c}.
     *
     * @throws CheckpointException if there is none, naming the class
     */
    public RowCodec<?> forClass(Class<?> c) {
        for (Registered r : registered) {
            if (r.type.isAssignableFrom(c)) {
                return r.codec;
            }
        }
        for (int i = 0; i < Builtins.CLASSES.length; i++) {
            if (Builtins.CLASSES[i] == c) {
                return Builtins.CODECS[i];
            }
        }
        if (c.isRecord() || c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum())) {
            return reflected(c.isRecord() || c.isEnum() ? c : c.getSuperclass());
        }
        throw new CheckpointException("no codec for values of " + c.getName() + ": it is not a record, an enum nor a "
                + "built-in type; register one with RowCodecs.with(" + c.getSimpleName() + ".class, codec)");
    }

    /** The codec a checkpoint names {@code id}; {@code file} is named if there is none. */
    RowCodec<?> forId(String id, String file) {
        RowCodec<?> b = Builtins.byId(id);
        if (b != null) {
            return b;
        }
        for (Registered r : registered) {
            if (r.codec.id().equals(id)) {
                return r.codec;
            }
        }
        boolean record = id.startsWith("record:");
        if (record || id.startsWith("enum:")) {
            String name = id.substring(id.indexOf(':') + 1);
            try {
                ClassLoader l = loader != null ? loader : Thread.currentThread().getContextClassLoader();
                Class<?> c = Class.forName(name, false, l != null ? l : RowCodecs.class.getClassLoader());
                if (record ? c.isRecord() : c.isEnum()) {
                    return reflected(c);
                }
            } catch (ClassNotFoundException e) {
                throw new CheckpointException("checkpoint file " + file + " holds rows of " + name
                        + ", a class this program does not have");
            }
        }
        throw new CheckpointException("checkpoint file " + file + " holds values written by the codec '" + id
                + "', which is not registered; register it with RowCodecs.with");
    }

    /** The reflective codec of record or enum class {@code c}, made once. */
    static RowCodec<?> reflectedCodec(Class<?> c) {
        return reflected(c);
    }

    private static RowCodec<?> reflected(Class<?> c) {
        RowCodec<?> codec = REFLECTED.get(c);
        if (codec == null) {
            codec = c.isEnum() ? new EnumCodec<>(c) : new RecordCodec(c);
            RowCodec<?> earlier = REFLECTED.putIfAbsent(c, codec);
            if (earlier != null) {
                codec = earlier;
            }
        }
        return codec;
    }
}
