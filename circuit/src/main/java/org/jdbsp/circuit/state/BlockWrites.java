package org.jdbsp.circuit.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The writes of one checkpoint file opened for direct I/O: each a buffer of whole blocks written at its position on
 * an I/O thread ({@link DirectIo#submit}) while the writer fills the next buffer, so that serialising and the disk's
 * work overlap. At most two writes are in flight; the buffers come from and go back to {@link DirectIo}'s pool. Not
 * thread-safe: one writer uses it.
 */
final class BlockWrites {
    private static final int IN_FLIGHT = 2;

    private record Pending(ByteBuffer buffer, Future<?> done) {
    }

    private final FileChannel channel;
    private final int block;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    BlockWrites(FileChannel channel, int block) {
        this.channel = channel;
        this.block = block;
    }

    /**
     * Writes {@code b} (from its position to its limit, whole blocks) at {@code at} in the file, on an I/O thread,
     * after waiting for the oldest write if two are in flight.
     *
     * @return an empty buffer, aligned, to fill next
     * @throws UncheckedIOException if an earlier write failed
     */
    ByteBuffer submit(ByteBuffer b, long at) {
        if (pending.size() >= IN_FLIGHT) {
            awaitOldest();
        }
        pending.add(new Pending(b, DirectIo.submit(() -> {
            ByteBuffer d = b.duplicate();
            long p = at;
            while (d.hasRemaining()) {
                p += channel.write(d, p);
            }
            return null;
        })));
        return DirectIo.take(block);
    }

    /** Waits for every write, giving their buffers back. */
    void awaitAll() {
        while (!pending.isEmpty()) {
            awaitOldest();
        }
    }

    /** Waits for every write, ignoring their failures (the file is being abandoned), and gives the buffers back. */
    void abandon() {
        while (!pending.isEmpty()) {
            try {
                awaitOldest();
            } catch (UncheckedIOException ignored) {
                // the first failure was reported already, or the file is abandoned for another reason
            }
        }
    }

    private void awaitOldest() {
        Pending p = pending.poll();
        try {
            p.done().get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? new UncheckedIOException(io)
                    : new UncheckedIOException(new IOException(String.valueOf(c), c));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while writing", e));
        } finally {
            DirectIo.give(p.buffer());
        }
    }
}
