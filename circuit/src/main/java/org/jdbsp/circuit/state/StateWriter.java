package org.jdbsp.circuit.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jdbsp.zset.ZSet;

/**
 * Writes one operator's state into a checkpoint file (or a step's input into a journal record): fixed-width and
 * variable-length numbers, strings, rows of any type with a {@link RowCodec}, and whole Z-sets. Operators write
 * what they keep in {@link Checkpointable#writeState} and read it back in the same order with a
 * {@link StateReader}.
 *
 * <p>Rows are written with a tag naming their codec: the first row of a class writes the codec's id once, later
 * rows of the class write a small number, so a file needs no schema and a row of an unexpected class is named
 * when read. Cost: a 1 MB buffer per file (with direct I/O, pooled ones, written while the next fills; a
 * journal's record buffer is on the heap, grown to the largest record and kept); per value a comparison with the last value's class (or an identity-map lookup)
 * plus the codec's work; per string a copy of its UTF-8 bytes; the CRC-32C of a file is computed as the buffer is
 * written out. Not thread-safe.
 */
public final class StateWriter {
    /** The CRC-32C that ends a file. */
    static final int TRAILER = 4;

    private final FileChannel channel;
    /**
     * Writes to the channel go in whole blocks of this many bytes from a buffer aligned to it (the channel was
     * opened for direct I/O, past the page cache), or 0 for any length.
     */
    private final int block;
    private final RowCodecs codecs;
    /** The buffer; in memory (no channel) it grows to hold everything written. */
    private ByteBuffer buf;
    /** With direct I/O, the writes in flight; otherwise null. */
    private final BlockWrites writes;
    private final CRC32C crc = new CRC32C();
    private final Map<Class<?>, Integer> slots = new IdentityHashMap<>();
    private final Map<Class<?>, RowCodec<Object>> slotCodecs = new IdentityHashMap<>();
    private long written;
    /** The class of the last value written, its tag and codec. */
    private Class<?> lastClass;
    private long lastTag;
    private RowCodec<Object> lastCodec;

    /** A writer into memory ({@link #toByteArray}), for a journal record. */
    StateWriter(RowCodecs codecs) {
        this.channel = null;
        this.block = 0;
        this.codecs = codecs;
        this.buf = ByteBuffer.allocate(4096);
        this.writes = null;
        resetSlots();
    }

    /**
     * A writer into {@code channel} through a 1 MB buffer; {@code block} > 0 if the channel was opened for direct I/O:
     * then the buffers are aligned to the block, taken from {@link DirectIo}'s pool, and written in whole blocks on
     * an I/O thread while the next fills ({@link BlockWrites}). Call {@link #release} when done.
     */
    StateWriter(FileChannel channel, int block, RowCodecs codecs) {
        this.channel = channel;
        this.block = block;
        this.codecs = codecs;
        this.buf = block > 0 ? DirectIo.take(block) : ByteBuffer.allocate(DirectIo.BUFFER);
        this.writes = block > 0 ? new BlockWrites(channel) : null;
        resetSlots();
    }

    private void resetSlots() {
        slots.clear();
        slotCodecs.clear();
        lastClass = null;
        int n = 0;
        for (Class<?> c : Builtins.CLASSES) {
            slots.put(c, n++);
        }
    }

    /**
     * In memory: starts a journal record in the buffer kept from the last one, after {@code header} bytes left for
     * {@link #finishRecord}; the record names its codecs afresh, as it is read alone.
     */
    void startRecord(int header) {
        buf.clear();
        buf.position(header);
        resetSlots();
    }

    /** In memory: the buffer from its start to what was written, ready to be written out (not to be kept). */
    ByteBuffer finishRecord() {
        return buf.flip();
    }

    public void writeByte(int v) {
        ensure(1);
        buf.put((byte) v);
    }

    public void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    public void writeInt(int v) {
        ensure(4);
        buf.putInt(v);
    }

    public void writeLong(long v) {
        ensure(8);
        buf.putLong(v);
    }

    public void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    /** A non-negative number in 1 to 10 bytes (small numbers, sizes, counts). */
    public void writeVarLong(long v) {
        ensure(10);
        if ((v & ~0x7FL) == 0) {
            buf.put((byte) v);
            return;
        }
        while ((v & ~0x7FL) != 0) {
            buf.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        buf.put((byte) v);
    }

    /** Any number, small magnitudes in few bytes (weights). */
    public void writeSignedVarLong(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    /** A string as its length and UTF-8 bytes (for ASCII text the JDK copies them in one go). */
    public void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(b.length);
        writeBytes(b);
    }

    public void writeBytes(byte[] b) {
        int off = 0;
        while (off < b.length) {
            ensure(channel == null ? b.length - off : 1);
            int n = Math.min(buf.remaining(), b.length - off);
            buf.put(b, off, n);
            off += n;
        }
    }

    /**
     * A row or value of any type that has a codec (null included): the built-in types, records and enums, and the
     * codecs registered with the store.
     *
     * @throws CheckpointException if no codec writes values of its class
     */
    @SuppressWarnings("unchecked")
    public void writeValue(Object v) {
        if (v == null) {
            writeVarLong(0);
            return;
        }
        Class<?> c = v.getClass();
        if (c == lastClass) { // rows of a Z-set are mostly of one class: no map lookup
            writeVarLong(lastTag);
            lastCodec.write(v, this);
            return;
        }
        Integer slot = slots.get(c);
        RowCodec<Object> codec;
        if (slot == null) {
            codec = (RowCodec<Object>) codecs.forClass(c);
            slot = slots.size();
            slots.put(c, slot);
            slotCodecs.put(c, codec);
            writeVarLong(1);
            writeString(codec.id());
        } else {
            writeVarLong(slot + 2);
            codec = slot < Builtins.CLASSES.length ? (RowCodec<Object>) Builtins.CODECS[slot] : slotCodecs.get(c);
        }
        lastClass = c;
        lastTag = slot + 2;
        lastCodec = codec;
        codec.write(v, this);
    }

    /**
     * A value of a type known to the reader (a record component of a final class): a null mark, then the value by
     * {@code codec}, without naming the codec.
     */
    @SuppressWarnings("unchecked")
    void writeKnown(Object v, RowCodec<?> codec) {
        if (v == null) {
            writeByte(0);
            return;
        }
        writeByte(1);
        ((RowCodec<Object>) codec).write(v, this);
    }

    /** A Z-set: its size, then each row and weight. */
    public void writeZSet(ZSet<?> z) {
        writeVarLong(z.size());
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            writeValue(z.elementAt(s));
            writeSignedVarLong(z.weightAt(s));
        }
    }

    private void ensure(int n) {
        if (buf.remaining() < n) {
            if (channel == null) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            } else {
                flush();
            }
        }
    }

    /** In memory: the bytes written. */
    byte[] toByteArray() {
        return java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    /**
     * Writes out the buffer, adding it to the checksum; with direct I/O, only its whole blocks, on an I/O thread,
     * the rest going to the start of the next buffer.
     */
    private void flush() {
        buf.flip();
        int n = block == 0 ? buf.limit() : buf.limit() - buf.limit() % block;
        crc.update(buf.duplicate().limit(n));
        if (writes == null) {
            writeOut(buf.duplicate().limit(n));
            buf.position(n);
            buf.compact();
        } else {
            ByteBuffer next = DirectIo.take(block);
            next.put(buf.duplicate().position(n)); // less than a block: the start of the next buffer
            try {
                writes.submit(buf.limit(n), written);
            } catch (RuntimeException e) {
                DirectIo.give(next);
                throw e;
            }
            buf = next;
        }
        written += n;
    }

    /**
     * Ends the file: writes out what is buffered and then the CRC-32C of everything before it (4 bytes); with direct
     * I/O the last block is padded, every write awaited and the file cut back to its length.
     *
     * @return the file's length
     */
    long finish() {
        if (buf.remaining() < TRAILER + block) {
            flush();
        }
        crc.update(buf.duplicate().flip());
        buf.putInt(checksum());
        long length = written + buf.position();
        if (writes == null) {
            writeOut(buf.flip());
            buf.clear();
        } else {
            while (buf.position() % block != 0) {
                buf.put((byte) 0);
            }
            writes.submit(buf.flip(), written);
            buf = null; // the writes' now
            writes.awaitAll();
            try {
                channel.truncate(length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        written = length;
        return length;
    }

    /** With direct I/O: waits for the writes in flight and gives the buffers back to the pool. */
    void release() {
        if (writes != null) {
            writes.abandon();
            if (buf != null) {
                DirectIo.give(buf);
                buf = null;
            }
        }
    }

    private void writeOut(ByteBuffer out) {
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CRC-32C of everything written out (after {@link #finish}: of everything before the trailer). */
    int checksum() {
        return (int) crc.getValue();
    }
}
