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
 * work overlap. At most two writes are in flight; a buffer goes back to {@link DirectIo}'s pool once its write has
 * ended, never before. The first failure is kept and reported by every later call. Not thread-safe: one writer uses
 * it.
 */
final class BlockWrites {
    /** Writes in flight per file: with the buffer being filled, three buffers a file. */
    static final int IN_FLIGHT = 2;

    private record Pending(ByteBuffer buffer, Future<?> done) {
    }

    private final FileChannel channel;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private UncheckedIOException failure;

    BlockWrites(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Writes {@code b} (from its position to its limit, whole blocks) at {@code at} in the file, on an I/O thread,
     * after waiting for the oldest write if two are in flight. From then on the buffer is this object's: it goes
     * back to the pool when written.
     *
     * @throws UncheckedIOException if a write failed (then {@code b} is still the caller's)
     */
    void submit(ByteBuffer b, long at) {
        if (pending.size() >= IN_FLIGHT) {
            awaitOldest();
        }
        check();
        pending.add(new Pending(b, DirectIo.submit(() -> {
            ByteBuffer d = b.duplicate();
            long p = at;
            while (d.hasRemaining()) {
                p += channel.write(d, p);
            }
            return null;
        })));
    }

    /**
     * Waits for every write.
     *
     * @throws UncheckedIOException if one failed
     */
    void awaitAll() {
        while (!pending.isEmpty()) {
            awaitOldest();
        }
        check();
    }

    /** Waits for every write, whatever became of them (the file is being closed), giving their buffers back. */
    void abandon() {
        while (!pending.isEmpty()) {
            awaitOldest();
        }
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits for the oldest write to end (through interrupts: its buffer is read until then) and keeps its failure. */
    private void awaitOldest() {
        Pending p = pending.poll();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    p.done().get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Error err) {
                        throw err;
                    }
                    if (failure == null) {
                        failure = c instanceof IOException io ? new UncheckedIOException(io)
                                : new UncheckedIOException(new IOException("checkpoint write failed: " + c, c));
                    }
                    return;
                }
            }
        } finally {
            DirectIo.give(p.buffer());
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
