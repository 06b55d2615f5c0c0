package org.jdbsp.circuit.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * One checkpoint file: a header (magic, format {@link #VERSION}, what the file holds), the payload written by a
 * {@link StateWriter}, and a trailer with the CRC-32C of everything before it. {@link #write} forces the file to
 * disk before it returns; {@link #verify} re-reads a file and checks its length and checksum, so a torn or
 * damaged file is found before anything is restored from it. Cost: writing streams through a 1 MB buffer (past the
 * page cache, pooled buffers of direct memory written on an I/O thread while the next fills: {@link BlockWrites});
 * verifying reads the file once more.
 */
public final class StateFile {
    /** "JDBSPST" and a byte: what every checkpoint file starts with. */
    private static final long MAGIC = 0x4A44425350535400L;
    /** The file format; a reader refuses other versions. */
    public static final int VERSION = 1;
    private static final int TRAILER = StateWriter.TRAILER;

    private StateFile() {
    }

    /** What was written: the file's length and checksum, to be kept in the manifest. */
    public record Written(long bytes, int checksum) {
    }

    /**
     * Writes {@code file} (replacing it) with the header naming {@code holds} and the payload {@code body} writes,
     * then forces it to disk.
     */
    public static Written write(Path file, String holds, RowCodecs codecs, Consumer<StateWriter> body) {
        return write(file, holds, codecs, body, true);
    }

    /** Forces a file written without forcing to disk. */
    public static void force(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("forcing checkpoint file " + file, e);
        }
    }

    /**
     * As {@link #write(Path, String, RowCodecs, Consumer)}, past the page cache where the file system allows it;
     * without {@code force} the caller forces the file later ({@link #force}), so that the disk writes back some
     * files while others are being written.
     */
    public static Written write(Path file, String holds, RowCodecs codecs, Consumer<StateWriter> body,
                                boolean force) {
        return write(file, holds, codecs, body, force, true);
    }

    /**
     * As {@link #write(Path, String, RowCodecs, Consumer, boolean)}, with {@code directIo} saying whether to write
     * past the page cache (O_DIRECT, in whole aligned blocks, the file cut back to its length at the end) where the
     * file system allows it, or through it. A file system found to refuse direct writes, at the probe or at a write
     * (the file is then written again through the cache), is written through the cache from then on. On the
     * virtual disk measured here, direct writes of 2 GB ran at 1.4 GB/s and buffered ones, forced at the end, at
     * 320 MB/s; buffered writes also stall once the kernel holds too many unwritten pages.
     */
    public static Written write(Path file, String holds, RowCodecs codecs, Consumer<StateWriter> body,
                                boolean force, boolean directIo) {
        Path dir = file.toAbsolutePath().getParent();
        int block = directIo ? DirectIo.block(dir) : 0;
        if (block > 0) {
            try {
                return write(file, holds, codecs, body, force, block);
            } catch (UncheckedIOException refused) {
                Written w = write(file, holds, codecs, body, force, 0); // throws if the cause was not direct I/O
                DirectIo.refused(dir);
                return w;
            }
        }
        return write(file, holds, codecs, body, force, 0);
    }

    private static Written write(Path file, String holds, RowCodecs codecs, Consumer<StateWriter> body,
                                 boolean force, int block) {
        try (FileChannel ch = DirectIo.open(file, block > 0)) {
            StateWriter w = new StateWriter(ch, block, codecs);
            try {
                w.writeLong(MAGIC);
                w.writeInt(VERSION);
                w.writeString(holds);
                body.accept(w);
                long length = w.finish();
                if (force) {
                    ch.force(true);
                }
                return new Written(length, w.checksum());
            } finally {
                w.release(); // before the channel closes: no write is left in flight
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing checkpoint file " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("writing checkpoint file " + file + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * Checks that {@code file} is {@code bytes} long and its payload's CRC-32C is {@code checksum} and matches its
     * trailer.
     *
     * @throws CheckpointException saying what is wrong with the file
     */
    public static void verify(Path file, long bytes, int checksum) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != bytes) {
                throw new CheckpointException(file + " is " + size + " bytes long; the manifest says " + bytes);
            }
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long left = size - TRAILER;
            while (left > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                int n = ch.read(buf);
                if (n < 0) {
                    throw new CheckpointException(file + " ends early");
                }
                left -= n;
                buf.flip();
                crc.update(buf);
            }
            buf.clear().limit(TRAILER);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read the trailer
            }
            buf.flip();
            int stored = buf.getInt();
            int actual = (int) crc.getValue();
            if (actual != stored || actual != checksum) {
                throw new CheckpointException(file + " is damaged: its checksum is " + Integer.toHexString(actual)
                        + ", its trailer says " + Integer.toHexString(stored) + " and the manifest "
                        + Integer.toHexString(checksum));
            }
        } catch (IOException e) {
            throw new CheckpointException("reading " + file + ": " + e, e);
        }
    }

    /**
     * Reads a {@linkplain #verify verified} file: checks its header holds {@code holds}, lets {@code body} read the
     * payload, and checks that it read all of it.
     */
    public static void read(Path file, String holds, RowCodecs codecs, Consumer<StateReader> body) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            StateReader r = new StateReader(ch, codecs, file.toString(), ch.size() - TRAILER);
            if (r.readLong() != MAGIC) {
                throw r.corrupt("not a jdbsp checkpoint file");
            }
            int version = r.readInt();
            if (version != VERSION) {
                throw r.corrupt("format version " + version + "; this jdbsp reads version " + VERSION);
            }
            String h = r.readString();
            if (!h.equals(holds)) {
                throw r.corrupt("holds the state of " + h + ", not of " + holds);
            }
            body.accept(r);
            if (!r.atEnd()) {
                throw r.corrupt("has bytes its reader did not read (the operator wrote more than it read back)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading checkpoint file " + file, e);
        }
    }
}
