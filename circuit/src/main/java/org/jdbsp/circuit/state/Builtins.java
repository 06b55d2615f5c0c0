package org.jdbsp.circuit.state;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The codecs every checkpoint knows without naming them: each class has a fixed number (its index here), written
 * as the value's tag, so a row of {@code Long}s costs a byte of tag per value. The order is part of the file format:
 * append only, and raise {@code StateFile.VERSION} on any other change.
 */
final class Builtins {
    private Builtins() {
    }

    static final Class<?>[] CLASSES = {
        Long.class, Integer.class, String.class, Double.class, Boolean.class, BigDecimal.class, Short.class,
        Byte.class, Float.class, Character.class, BigInteger.class, LocalDate.class, LocalTime.class,
        LocalDateTime.class, Instant.class, Duration.class, byte[].class, long[].class, int[].class, double[].class,
        Object[].class};

    static final RowCodec<?>[] CODECS = {
        codec("long", Long.class, (v, o) -> o.writeSignedVarLong(v), StateReader::readSignedVarLong),
        codec("int", Integer.class, (v, o) -> o.writeSignedVarLong(v), i -> (int) i.readSignedVarLong()),
        codec("string", String.class, (v, o) -> o.writeString(v), StateReader::readString),
        codec("double", Double.class, (v, o) -> o.writeDouble(v), StateReader::readDouble),
        codec("boolean", Boolean.class, (v, o) -> o.writeBoolean(v), StateReader::readBoolean),
        codec("decimal", BigDecimal.class, (v, o) -> {
            o.writeSignedVarLong(v.scale());
            writeBig(v.unscaledValue(), o);
        }, i -> {
            int scale = (int) i.readSignedVarLong();
            return new BigDecimal(readBig(i), scale);
        }),
        codec("short", Short.class, (v, o) -> o.writeSignedVarLong(v), i -> (short) i.readSignedVarLong()),
        codec("byte", Byte.class, (v, o) -> o.writeByte(v), i -> (byte) i.readByte()),
        codec("float", Float.class, (v, o) -> o.writeInt(Float.floatToRawIntBits(v)),
                i -> Float.intBitsToFloat(i.readInt())),
        codec("char", Character.class, (v, o) -> o.writeVarLong(v), i -> (char) i.readVarLong()),
        codec("biginteger", BigInteger.class, Builtins::writeBig, Builtins::readBig),
        codec("date", LocalDate.class, (v, o) -> o.writeSignedVarLong(v.toEpochDay()),
                i -> LocalDate.ofEpochDay(i.readSignedVarLong())),
        codec("time", LocalTime.class, (v, o) -> o.writeVarLong(v.toNanoOfDay()),
                i -> LocalTime.ofNanoOfDay(i.readVarLong())),
        codec("timestamp", LocalDateTime.class, (v, o) -> {
            o.writeSignedVarLong(v.toLocalDate().toEpochDay());
            o.writeVarLong(v.toLocalTime().toNanoOfDay());
        }, i -> LocalDateTime.of(LocalDate.ofEpochDay(i.readSignedVarLong()), LocalTime.ofNanoOfDay(i.readVarLong()))),
        codec("instant", Instant.class, (v, o) -> {
            o.writeSignedVarLong(v.getEpochSecond());
            o.writeVarLong(v.getNano());
        }, i -> Instant.ofEpochSecond(i.readSignedVarLong(), i.readVarLong())),
        codec("duration", Duration.class, (v, o) -> {
            o.writeSignedVarLong(v.getSeconds());
            o.writeVarLong(v.getNano());
        }, i -> Duration.ofSeconds(i.readSignedVarLong(), i.readVarLong())),
        codec("bytes", byte[].class, (v, o) -> {
            o.writeVarLong(v.length);
            o.writeBytes(v);
        }, i -> {
            byte[] b = new byte[i.readSize()];
            i.readBytes(b);
            return b;
        }),
        codec("longs", long[].class, (v, o) -> {
            o.writeVarLong(v.length);
            for (long x : v) {
                o.writeSignedVarLong(x);
            }
        }, i -> {
            long[] a = new long[i.readSize()];
            for (int k = 0; k < a.length; k++) {
                a[k] = i.readSignedVarLong();
            }
            return a;
        }),
        codec("ints", int[].class, (v, o) -> {
            o.writeVarLong(v.length);
            for (int x : v) {
                o.writeSignedVarLong(x);
            }
        }, i -> {
            int[] a = new int[i.readSize()];
            for (int k = 0; k < a.length; k++) {
                a[k] = (int) i.readSignedVarLong();
            }
            return a;
        }),
        codec("doubles", double[].class, (v, o) -> {
            o.writeVarLong(v.length);
            for (double x : v) {
                o.writeDouble(x);
            }
        }, i -> {
            double[] a = new double[i.readSize()];
            for (int k = 0; k < a.length; k++) {
                a[k] = i.readDouble();
            }
            return a;
        }),
        codec("values", Object[].class, (v, o) -> {
            o.writeVarLong(v.length);
            for (Object x : v) {
                o.writeValue(x);
            }
        }, i -> {
            Object[] a = new Object[i.readSize()];
            for (int k = 0; k < a.length; k++) {
                a[k] = i.readValue();
            }
            return a;
        }),
    };

    static {
        if (CLASSES.length != CODECS.length) {
            throw new AssertionError("every built-in class needs its codec");
        }
    }

    private static void writeBig(BigInteger v, StateWriter o) {
        if (v.bitLength() < 64) {
            o.writeByte(0);
            o.writeSignedVarLong(v.longValue());
        } else {
            o.writeByte(1);
            byte[] b = v.toByteArray();
            o.writeVarLong(b.length);
            o.writeBytes(b);
        }
    }

    private static BigInteger readBig(StateReader i) {
        if (i.readByte() == 0) {
            return BigInteger.valueOf(i.readSignedVarLong());
        }
        byte[] b = new byte[i.readSize()];
        i.readBytes(b);
        return new BigInteger(b);
    }

    /** The built-in codec named {@code id}, or null. */
    static RowCodec<?> byId(String id) {
        for (RowCodec<?> c : CODECS) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static <T> RowCodec<T> codec(String id, Class<T> type, BiConsumer<T, StateWriter> write,
                                         Function<StateReader, T> read) {
        return new RowCodec<>() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void write(T value, StateWriter out) {
                write.accept(value, out);
            }

            @Override
            public T read(StateReader in) {
                return read.apply(in);
            }

            @Override
            public String toString() {
                return id + " codec (" + type.getSimpleName() + ")";
            }
        };
    }
}
