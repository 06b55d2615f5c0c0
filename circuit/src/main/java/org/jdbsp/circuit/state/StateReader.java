package org.jdbsp.circuit.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * Reads one operator's state back from a checkpoint file, in the order {@link StateWriter} wrote it. The file's
 * checksum is verified before any reader is made, so what a reader meets was written by a writer; a value that
 * does not fit (a codec missing, a class that no longer exists, reading past the end) throws a
 * {@link CheckpointException} naming the file. Cost: a 64 KB buffer; per value one array read of its codec.
 */
public final class StateReader {
    private static final int BUFFER = 1 << 16;

    private final FileChannel channel;
    private final RowCodecs codecs;
    private final String file;
    private final ByteBuffer buf;
    /** Bytes of the file that belong to the payload (the trailer excluded), still unread. */
    private long left;
    private final List<RowCodec<?>> slots = new ArrayList<>(List.of(Builtins.CODECS));

    /** A reader of bytes in memory (a journal record); {@code where} names them in errors. */
    StateReader(byte[] data, int off, int len, RowCodecs codecs, String where) {
        this.channel = null;
        this.codecs = codecs;
        this.file = where;
        this.left = 0;
        this.buf = ByteBuffer.wrap(data, off, len).slice();
    }

    StateReader(FileChannel channel, RowCodecs codecs, String file, long payload) {
        this.channel = channel;
        this.codecs = codecs;
        this.file = file;
        this.left = payload;
        this.buf = ByteBuffer.allocate(BUFFER);
        buf.limit(0);
    }

    public int readByte() {
        need(1);
        return buf.get();
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public int readInt() {
        need(4);
        return buf.getInt();
    }

    public long readLong() {
        need(8);
        return buf.getLong();
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw corrupt("a number longer than 10 bytes");
    }

    public long readSignedVarLong() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A count or size written with {@link StateWriter#writeVarLong}, checked to fit an array. */
    public int readSize() {
        long n = readVarLong();
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw corrupt("a size of " + n);
        }
        return (int) n;
    }

    public String readString() {
        byte[] b = new byte[readSize()];
        readBytes(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public void readBytes(byte[] b) {
        int off = 0;
        while (off < b.length) {
            need(1);
            int n = Math.min(buf.remaining(), b.length - off);
            buf.get(b, off, n);
            off += n;
        }
    }

    /** A value written with {@link StateWriter#writeValue}. */
    public Object readValue() {
        long tag = readVarLong();
        if (tag == 0) {
            return null;
        }
        RowCodec<?> codec;
        if (tag == 1) {
            String id = readString();
            codec = codecs.forId(id, file);
            slots.add(codec);
        } else if (tag - 2 < slots.size()) {
            codec = slots.get((int) (tag - 2));
        } else {
            throw corrupt("codec number " + (tag - 2) + " before its definition");
        }
        return codec.read(this);
    }

    /** A value written with {@link StateWriter#writeKnown} by {@code codec}. */
    Object readKnown(RowCodec<?> codec) {
        return readByte() == 0 ? null : codec.read(this);
    }

    /** A Z-set written with {@link StateWriter#writeZSet}, of the rows as read (unchecked as to their class). */
    @SuppressWarnings("unchecked")
    public <T> ZSet<T> readZSet() {
        int n = readSize();
        ZSet<T> z = new ZSet<>(n);
        for (int i = 0; i < n; i++) {
            T row = (T) readValue();
            long w = readSignedVarLong();
            if (w == 0) {
                throw corrupt("a row of weight 0");
            }
            z.add(row, w);
        }
        return z;
    }

    /** True when every byte of the payload has been read. */
    public boolean atEnd() {
        return left == 0 && !buf.hasRemaining();
    }

    /** A failure naming this file and what was wrong. */
    public CheckpointException corrupt(String what) {
        return new CheckpointException("checkpoint file " + file + ": " + what);
    }

    private void need(int n) {
        if (buf.remaining() >= n) {
            return;
        }
        if (channel == null) {
            throw corrupt("ends early (the reader read more than was written)");
        }
        buf.compact();
        try {
            while (buf.position() < n) {
                if (left == 0) {
                    throw corrupt("ends early (the operator read more than was written)");
                }
                int want = (int) Math.min(buf.remaining(), left);
                int before = buf.limit();
                buf.limit(buf.position() + want);
                int got = channel.read(buf);
                buf.limit(before);
                if (got < 0) {
                    throw corrupt("ends early");
                }
                left -= got;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buf.flip();
        }
    }
}
