package org.jdbsp.circuit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.jdbsp.circuit.state.CheckpointException;
import org.jdbsp.circuit.state.StateFile;

/**
 * The last file of a checkpoint, which makes it complete: the step, the worker count, the circuit's fingerprint
 * and, per state file, its length and checksum; a line of text each, then the CRC-32C of those lines. Written
 * to {@code MANIFEST.tmp}, forced to disk, renamed atomically to {@code MANIFEST} and the directory forced, so a
 * crash leaves either no manifest (the checkpoint is ignored) or a whole one.
 */
record CheckpointManifest(long step, int workers, String mode, String fingerprint, List<Entry> files) {
    static final String NAME = "MANIFEST";
    private static final String HEADER = "jdbsp-checkpoint " + StateFile.VERSION;

    /** One state file: its name in the checkpoint directory, length, checksum and what it holds. */
    record Entry(String file, long bytes, int checksum, String holds) {
    }

    long bytes() {
        long n = 0;
        for (Entry e : files) {
            n += e.bytes;
        }
        return n;
    }

    void write(Path dir) {
        StringBuilder s = new StringBuilder();
        s.append(HEADER).append('\n');
        s.append("step ").append(step).append('\n');
        s.append("workers ").append(workers).append('\n');
        s.append("mode ").append(mode).append('\n');
        s.append("fingerprint ").append(fingerprint).append('\n');
        for (Entry e : files) {
            s.append("file ").append(e.file).append(' ').append(e.bytes).append(' ')
                    .append(Integer.toHexString(e.checksum)).append(' ').append(e.holds).append('\n');
        }
        byte[] body = s.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] end = ("crc " + Long.toHexString(crc.getValue()) + "\n").getBytes(StandardCharsets.UTF_8);
        Path tmp = dir.resolve(NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(body));
            ch.write(java.nio.ByteBuffer.wrap(end));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + tmp, e);
        }
        try {
            Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("renaming " + tmp + " to " + NAME, e);
        }
        forceDirectory(dir);
    }

    /**
     * The manifest of the checkpoint in {@code dir}.
     *
     * @throws CheckpointException if it is missing, damaged or of another format version
     */
    static CheckpointManifest read(Path dir) {
        Path p = dir.resolve(NAME);
        String text;
        try {
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(dir + " has no " + NAME + " (an unfinished checkpoint)");
        } catch (IOException e) {
            throw new CheckpointException("reading " + p + ": " + e, e);
        }
        int cut = text.lastIndexOf("crc ");
        if (cut < 0 || !text.endsWith("\n")) {
            throw new CheckpointException(p + " is damaged: it has no checksum line");
        }
        CRC32C crc = new CRC32C();
        crc.update(text.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        if (!text.substring(cut + 4, text.length() - 1).equals(Long.toHexString(crc.getValue()))) {
            throw new CheckpointException(p + " is damaged: its checksum does not match");
        }
        String[] lines = text.substring(0, cut).split("\n");
        if (!lines[0].equals(HEADER)) {
            throw new CheckpointException(p + " is of format '" + lines[0] + "'; this jdbsp reads '" + HEADER + "'");
        }
        try {
            long step = Long.parseLong(value(lines[1], "step"));
            int workers = Integer.parseInt(value(lines[2], "workers"));
            String mode = value(lines[3], "mode");
            String fingerprint = value(lines[4], "fingerprint");
            List<Entry> files = new ArrayList<>();
            for (int i = 5; i < lines.length; i++) {
                String[] f = value(lines[i], "file").split(" ", 4);
                files.add(new Entry(f[0], Long.parseLong(f[1]), Integer.parseUnsignedInt(f[2], 16), f[3]));
            }
            return new CheckpointManifest(step, workers, mode, fingerprint, List.copyOf(files));
        } catch (RuntimeException e) {
            throw new CheckpointException(p + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("expected '" + key + " ...', found '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }

    /** Forces a directory's entries to disk (where the platform can open a directory; Linux can). */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // a platform that cannot open directories (Windows) orders renames itself
        }
    }
}
