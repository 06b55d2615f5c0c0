package org.jdbsp.circuit.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writing checkpoint files past the page cache (O_DIRECT): which file systems allow it, found once each by writing
 * a probe file and remembered (a refusal seen later is remembered too); the 1 MB buffers aligned to a block that
 * such writes need, pooled and reused from file to file (direct memory is freed only by a collection); the threads
 * the writes are made on ({@link BlockWrites}); and opening a file either way. Thread-safe: checkpoint files are written on several threads at once.
 */
final class DirectIo {
    /** The bytes a writer buffers before it writes them out. */
    static final int BUFFER = 1 << 20;
    /** The smallest alignment used: what direct writes need on the usual disks (512 B or 4 KB sectors). */
    private static final int MIN_BLOCK = 4096;

    /** Per file system, the block direct writes use, or 0 if it refuses them. */
    private static final Map<FileStore, Integer> BLOCKS = new ConcurrentHashMap<>();
    /** The directory asked about last, with its answer: the files of one checkpoint share a directory. */
    private static volatile Known last;
    /** Aligned buffers not in use, at most {@link #POOLED}. */
    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
    /** Enough for every writer of a checkpoint (one per core) with its writes in flight. */
    private static final int POOLED = (BlockWrites.IN_FLIGHT + 1) * Runtime.getRuntime().availableProcessors();

    private record Known(Path dir, int block) {
    }

    private DirectIo() {
    }

    /**
     * The block direct writes into {@code dir} use (a power of two, at least 4 KB), or 0 where its file system
     * refuses them. A probe that fails for a reason that may pass (no space, too many open files) is not
     * remembered.
     */
    static int block(Path dir) {
        Known k = last;
        if (k != null && k.dir().equals(dir)) {
            return k.block();
        }
        FileStore store;
        try {
            store = Files.getFileStore(dir);
        } catch (IOException e) {
            return 0;
        }
        Integer known = BLOCKS.get(store);
        if (known == null) {
            known = probe(dir, store);
            if (known < 0) {
                return 0;
            }
            BLOCKS.put(store, known);
        }
        last = new Known(dir, known);
        return known;
    }

    /** Remembers that a direct write into {@code dir} failed where a write through the page cache then worked. */
    static void refused(Path dir) {
        try {
            BLOCKS.put(Files.getFileStore(dir), 0);
        } catch (IOException e) {
            // the file system is gone: nothing to remember
        }
        last = new Known(dir, 0);
    }

    /** Forgets what was found of every file system; for tests. */
    static void forget() {
        BLOCKS.clear();
        last = null;
    }

    /** 0 if the file system refuses direct writes, the block if one was written, -1 if the probe failed otherwise. */
    private static int probe(Path dir, FileStore store) {
        int b;
        try {
            long size = store.getBlockSize();
            b = (int) Math.max(MIN_BLOCK, Math.min(size, BUFFER));
        } catch (IOException | UnsupportedOperationException e) {
            b = MIN_BLOCK;
        }
        if (Integer.bitCount(b) != 1) {
            b = MIN_BLOCK;
        }
        Path probe = dir.resolve(".direct-io-probe");
        try {
            try (FileChannel ch = open(probe, true)) {
                ch.write(ByteBuffer.allocateDirect(2 * b).alignedSlice(b).limit(b));
            } finally {
                Files.deleteIfExists(probe);
            }
            return b;
        } catch (UnsupportedOperationException e) {
            return 0;
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            return m.contains("Invalid argument") || m.contains("not supported") || m.contains("multiple of")
                    ? 0 : -1;
        }
    }

    /** An aligned buffer of {@link #BUFFER} bytes, cleared: one from the pool if there is one. */
    static ByteBuffer take(int block) {
        for (ByteBuffer b; (b = POOL.poll()) != null; ) {
            if (b.alignmentOffset(0, block) == 0) {
                return b.clear();
            }
        }
        return ByteBuffer.allocateDirect(BUFFER + block).alignedSlice(block).limit(BUFFER).slice();
    }

    /** Gives back a buffer from {@link #take} once its writer is done with it. */
    static void give(ByteBuffer b) {
        if (POOL.size() < POOLED) {
            POOL.offer(b);
        }
    }

    /** The threads that wait for direct writes: daemons, made as needed and kept a minute when idle. */
    private static final java.util.concurrent.ExecutorService IO = java.util.concurrent.Executors.newCachedThreadPool(
            r -> {
                Thread t = new Thread(r, "jdbsp-checkpoint-io");
                t.setDaemon(true);
                return t;
            });

    /** Runs {@code write} on an I/O thread. */
    static java.util.concurrent.Future<?> submit(java.util.concurrent.Callable<Void> write) {
        return IO.submit(write);
    }

    /** Whether no buffer is in the pool twice; for tests. */
    static boolean poolHoldsEachOnce() {
        java.util.Set<ByteBuffer> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ByteBuffer b : POOL) {
            if (!seen.add(b)) {
                return false;
            }
        }
        return true;
    }

    /** Opens {@code file} for writing from its start (created, or emptied), past the page cache or through it. */
    static FileChannel open(Path file, boolean direct) throws IOException {
        return direct
                ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, com.sun.nio.file.ExtendedOpenOption.DIRECT)
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
    }
}
