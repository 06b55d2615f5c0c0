package org.jdbsp.circuit.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint files written past the page cache (whole aligned blocks, the last padded and cut back) equal files
 * written through it, byte for byte, at every length around a block and the writer's buffer, and read back.
 */
class StateFileTest {
    private static final int BLOCK = 4096;
    private static final int BUFFER = 1 << 20;
    /** Magic, version and the one-letter name the files below hold. */
    private static final int HEADER = 8 + 4 + 2;

    @TempDir
    Path dir;

    /** Payload lengths that end the file (with its 4-byte trailer) just before, at and after a block or buffer end. */
    private static int[] sizes() {
        int[] ends = {BLOCK, 2 * BLOCK, BUFFER, BUFFER + BLOCK, 3 * BUFFER};
        int[] sizes = new int[2 + ends.length * 5];
        int n = 0;
        sizes[n++] = 0;
        sizes[n++] = 1;
        for (int end : ends) {
            for (int d = -2; d <= 2; d++) {
                sizes[n++] = end - HEADER - StateWriter.TRAILER + d;
            }
        }
        return sizes;
    }

    @Test
    void directAndBufferedFilesAreTheSameBytesAndReadBack() throws IOException {
        for (int size : sizes()) {
            byte[] payload = new byte[size];
            new Random(size).nextBytes(payload);
            Consumer<StateWriter> body = out -> out.writeBytes(payload);
            Path direct = dir.resolve("direct-" + size);
            Path buffered = dir.resolve("buffered-" + size);
            StateFile.Written d = StateFile.write(direct, "t", RowCodecs.standard(), body, true, true);
            StateFile.Written b = StateFile.write(buffered, "t", RowCodecs.standard(), body, true, false);
            assertEquals(b, d, "size " + size);
            assertEquals(HEADER + size + StateWriter.TRAILER, d.bytes(), "size " + size);
            assertEquals(d.bytes(), Files.size(direct), "size " + size);
            assertArrayEquals(Files.readAllBytes(buffered), Files.readAllBytes(direct), "size " + size);
            Path blocks = dir.resolve("blocks-" + size);
            try (FileChannel ch = FileChannel.open(blocks, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                StateWriter out = blockWriter(ch); // the block logic even where the file system refuses direct I/O
                try {
                    body.accept(out);
                    assertEquals(d.bytes(), out.finish(), "size " + size);
                    assertEquals(d.checksum(), out.checksum(), "size " + size);
                } finally {
                    out.release();
                }
            }
            assertArrayEquals(Files.readAllBytes(buffered), Files.readAllBytes(blocks), "size " + size);
            StateFile.verify(direct, d.bytes(), d.checksum());
            StateFile.read(direct, "t", RowCodecs.standard(), in -> {
                byte[] got = new byte[size];
                in.readBytes(got);
                assertArrayEquals(payload, got, "size " + size);
            });
        }
    }

    /**
     * The block logic on its own, on a channel that would take any write: every write but the last goes out whole
     * blocks, and the file is cut back to its length, so the result is the same whatever the file system does.
     */
    @Test
    void blockWritesOnAnyChannelGiveTheSameFile() throws IOException {
        Random r = new Random(7);
        String[] strings = new String[2000];
        for (int i = 0; i < strings.length; i++) {
            char[] c = new char[i == 1000 ? BUFFER + 123 : r.nextInt(300)]; // one longer than the buffer
            for (int k = 0; k < c.length; k++) {
                c[k] = k % 97 == 5 ? 'é' : (char) ('a' + r.nextInt(26));
            }
            strings[i] = new String(c);
        }
        Consumer<StateWriter> body = out -> {
            for (int i = 0; i < strings.length; i++) {
                out.writeVarLong(i * 1_000_003L);
                out.writeString(strings[i]);
                out.writeValue(i % 3 == 0 ? null : (Object) (long) -i);
            }
        };
        Path plain = dir.resolve("plain");
        StateFile.Written w = StateFile.write(plain, "t", RowCodecs.standard(), body, true, false);
        Path blocked = dir.resolve("blocked");
        long length;
        int checksum;
        try (FileChannel ch = FileChannel.open(blocked, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            StateWriter out = blockWriter(ch);
            try {
                body.accept(out);
                length = out.finish();
                checksum = out.checksum();
            } finally {
                out.release();
            }
        }
        assertEquals(w.bytes(), length);
        assertEquals(w.checksum(), checksum);
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(blocked));
        StateFile.read(blocked, "t", RowCodecs.standard(), in -> {
            for (int i = 0; i < strings.length; i++) {
                assertEquals(i * 1_000_003L, in.readVarLong());
                assertEquals(strings[i], in.readString());
                assertEquals(i % 3 == 0 ? null : (Object) (long) -i, in.readValue());
            }
        });
    }

    /** A writer in whole blocks on {@code ch}, whatever it was opened for, with a file's header written. */
    private static StateWriter blockWriter(FileChannel ch) {
        StateWriter out = new StateWriter(ch, BLOCK, RowCodecs.standard());
        out.writeLong(0x4A44425350535400L);
        out.writeInt(StateFile.VERSION);
        out.writeString("t");
        return out;
    }

    /**
     * A direct write refused after the probe passed (as a file system may refuse a real file's write): the file is
     * written again through the page cache, whole, and the file system is written that way from then on; an error
     * that writing through the cache meets too is thrown, naming the file, and changes nothing remembered.
     */
    @Test
    void aRefusedDirectWriteFallsBackToThePageCache() {
        try {
            int[] calls = {0};
            Path f = dir.resolve("refused");
            StateFile.Written w = StateFile.write(f, "t", RowCodecs.standard(), out -> {
                if (calls[0]++ == 0 && DirectIo.block(dir) > 0) {
                    throw new java.io.UncheckedIOException(new IOException("Invalid argument"));
                }
                out.writeVarLong(7);
            }, true, true);
            StateFile.verify(f, w.bytes(), w.checksum());
            StateFile.read(f, "t", RowCodecs.standard(), in -> assertEquals(7, in.readVarLong()));
            assertEquals(0, DirectIo.block(dir));
            DirectIo.forget();
            int before = DirectIo.block(dir);
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                    () -> StateFile.write(dir.resolve("full"), "t", RowCodecs.standard(), out -> {
                        throw new java.io.UncheckedIOException(new IOException("No space left on device"));
                    }, true, true));
            assertTrue(e.getMessage().contains("full") && e.getMessage().contains("No space left"), e.getMessage());
            assertEquals(before, DirectIo.block(dir));
        } finally {
            DirectIo.forget();
        }
    }

    /**
     * A block write that fails while others are in flight is reported (by the next write or by the end, never
     * lost), and every buffer goes back to the pool once, whichever write fails.
     */
    @Test
    void aFailedBlockWriteIsReportedAndNoBufferIsGivenBackTwice() throws IOException {
        byte[] payload = new byte[5 * BUFFER + 1234];
        new Random(5).nextBytes(payload);
        for (int failing = 0; failing < 6; failing++) { // five whole buffers, then the last
            Path f = dir.resolve("failing-" + failing);
            try (FileChannel real = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileChannel ch = new FailingChannel(real, failing)) {
                StateWriter out = blockWriter(ch);
                try {
                    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> {
                        out.writeBytes(payload);
                        out.finish();
                    }, "write " + failing);
                    assertTrue(e.getCause().getMessage().contains("write " + failing + " refused"), e.toString());
                } finally {
                    out.release();
                }
            }
            assertTrue(DirectIo.poolHoldsEachOnce(), "after failing write " + failing);
        }
    }

    /** A channel that fails its {@code failing}-th positional write (counted from 0); all else goes to {@code real}. */
    private static final class FailingChannel extends FileChannel {
        private final FileChannel real;
        private final int failing;
        private final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

        FailingChannel(FileChannel real, int failing) {
            this.real = real;
            this.failing = failing;
        }

        @Override
        public int write(java.nio.ByteBuffer src, long position) throws IOException {
            int k = writes.getAndIncrement();
            if (k == failing) {
                throw new IOException("write " + k + " refused");
            }
            return real.write(src, position);
        }

        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(java.nio.ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int write(java.nio.ByteBuffer src) throws IOException {
            return real.write(src);
        }

        @Override
        public long write(java.nio.ByteBuffer[] srcs, int offset, int length) throws IOException {
            return real.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            real.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target)
                throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(java.nio.channels.ReadableByteChannel src, long position, long count)
                throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public int read(java.nio.ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public java.nio.channels.FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public java.nio.channels.FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }

    /** A file written again over a longer one is cut to its own length, directly or not. */
    @Test
    void rewritingAShorterFileLeavesNoTail() {
        for (boolean directIo : new boolean[] {true, false}) {
            Path f = dir.resolve("again-" + directIo);
            StateFile.write(f, "t", RowCodecs.standard(), out -> out.writeBytes(new byte[3 * BLOCK + 7]), true,
                    directIo);
            StateFile.Written w = StateFile.write(f, "t", RowCodecs.standard(), out -> out.writeVarLong(42), true,
                    directIo);
            StateFile.verify(f, w.bytes(), w.checksum());
            StateFile.read(f, "t", RowCodecs.standard(), in -> assertEquals(42, in.readVarLong()));
            assertThrows(CheckpointException.class, () -> StateFile.verify(f, w.bytes() + 1, w.checksum()));
        }
    }
}
