package org.jdbsp.circuit.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every built-in codec, records (nested, generic, with primitives), enums, registered codecs, and their errors. */
class RowCodecsTest {
    @TempDir
    Path dir;

    enum Colour { RED, GREEN }

    record Inner(int a, char c, float f, short s, byte b, boolean z) {
    }

    record Outer(long id, double x, String name, BigDecimal price, Inner inner, Object any, Colour colour) {
    }

    /** Not a record: needs a registered codec. */
    static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Point p && p.x == x && p.y == y;
        }

        @Override
        public int hashCode() {
            return x * 31 + y;
        }
    }

    static final RowCodec<Point> POINT = new RowCodec<>() {
        @Override
        public String id() {
            return "test.point";
        }

        @Override
        public void write(Point p, StateWriter out) {
            out.writeInt(p.x);
            out.writeInt(p.y);
        }

        @Override
        public Point read(StateReader in) {
            return new Point(in.readInt(), in.readInt());
        }
    };

    private List<Object> roundTrip(List<Object> values, RowCodecs codecs) {
        Path f = dir.resolve("values.state");
        StateFile.Written w = StateFile.write(f, "test", codecs, out -> {
            out.writeVarLong(values.size());
            for (Object v : values) {
                out.writeValue(v);
            }
        });
        StateFile.verify(f, w.bytes(), w.checksum());
        List<Object> back = new ArrayList<>();
        StateFile.read(f, "test", codecs, in -> {
            int n = in.readSize();
            for (int i = 0; i < n; i++) {
                back.add(in.readValue());
            }
        });
        return back;
    }

    @Test
    void everyBuiltInTypeAndRecordsComeBackEqual() {
        List<Object> values = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 42, Integer.MIN_VALUE,
                "", "héllo ✓", -0.0d, Double.NaN, 1.5d, true, false, new BigDecimal("-12345678901234567890.123"),
                new BigDecimal("1E+5"), (short) -7, (byte) 3, 2.5f, 'x', new BigInteger("123456789012345678901234567890"),
                BigInteger.valueOf(-5), LocalDate.of(1969, 12, 31), LocalTime.of(23, 59, 59, 999_999_999),
                LocalDateTime.of(2026, 12, 6, 19, 0), Instant.ofEpochSecond(-3, 7), Duration.ofMillis(-1500),
                Colour.GREEN, new Outer(7, 0.25, "n", new BigDecimal("9.99"), new Inner(-1, 'q', 1f, (short) 2,
                        (byte) -3, true), new Outer(1, 2, null, null, null, List.of(), Colour.RED), Colour.RED)));
        values.add(null);
        // many rows of one class after the first: the class is named once
        Random r = new Random(11);
        for (int i = 0; i < 70_000; i++) {
            values.add(new Inner(r.nextInt(), (char) r.nextInt(65536), r.nextFloat(), (short) r.nextInt(),
                    (byte) r.nextInt(), r.nextBoolean()));
        }
        values.set(27, new Outer(1, 2, null, null, null, 5L, Colour.RED)); // List.of() has no codec
        List<Object> back = roundTrip(values, RowCodecs.standard());
        assertEquals(values, back);
        byte[] bytes = {1, 2, 3};
        assertArrayEquals(bytes, (byte[]) roundTrip(List.of(bytes), RowCodecs.standard()).get(0));
    }

    @Test
    void registeredCodecsWinAndAreFoundById() {
        RowCodecs codecs = RowCodecs.standard().with(Point.class, POINT);
        assertEquals(List.of(new Point(1, 2), new Point(-3, 4)), roundTrip(List.of(new Point(1, 2), new Point(-3, 4)),
                codecs));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> roundTrip(List.of(new Point(1, 2)), RowCodecs.standard()));
        assertTrue(e.getMessage().contains(Point.class.getName()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codecs.with(Point.class, new RowCodec<Point>() {
            public String id() {
                return "test.point";
            }

            public void write(Point value, StateWriter out) {
            }

            public Point read(StateReader in) {
                return null;
            }
        }));
        // written with a codec, read without it: named
        Path f = dir.resolve("p.state");
        StateFile.write(f, "p", codecs, out -> out.writeValue(new Point(0, 0)));
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> StateFile.read(f, "p", RowCodecs.standard(), StateReader::readValue));
        assertTrue(missing.getMessage().contains("test.point"), missing.getMessage());
    }

    @Test
    void zsetsAndReadingTooMuchOrTooLittle() {
        Path f = dir.resolve("z.state");
        ZSet<Object> z = new ZSet<>();
        z.add(1L, 3);
        z.add("a", -Long.MAX_VALUE);
        z.add(new Inner(1, 'a', 0, (short) 0, (byte) 0, false), Long.MIN_VALUE);
        StateFile.write(f, "z", RowCodecs.standard(), out -> out.writeZSet(z));
        List<ZSet<Object>> back = new ArrayList<>();
        StateFile.read(f, "z", RowCodecs.standard(), in -> back.add(in.readZSet()));
        assertEquals(z, back.get(0));
        CheckpointException tooLittle = assertThrows(CheckpointException.class,
                () -> StateFile.read(f, "z", RowCodecs.standard(), in -> in.readVarLong()));
        assertTrue(tooLittle.getMessage().contains("did not read"), tooLittle.getMessage());
        CheckpointException tooMuch = assertThrows(CheckpointException.class,
                () -> StateFile.read(f, "z", RowCodecs.standard(), in -> {
                    in.readZSet();
                    in.readLong();
                }));
        assertTrue(tooMuch.getMessage().contains("ends early"), tooMuch.getMessage());
        CheckpointException other = assertThrows(CheckpointException.class,
                () -> StateFile.read(f, "y", RowCodecs.standard(), in -> in.readZSet()));
        assertTrue(other.getMessage().contains("not of y"), other.getMessage());
    }
}
