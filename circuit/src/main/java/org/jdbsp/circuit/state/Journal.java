package org.jdbsp.circuit.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * An append-only log of steps' inputs, forced to disk record by record, in segments that start at a checkpoint
 * ({@code journal-<step>.log} holds the steps after {@code step}). A record is its length, its CRC-32C and its
 * payload (the step number, then what the caller wrote); a step recorded again (its first attempt failed) is
 * superseded by the later record. On {@link #open}, a record cut short by a crash at the end of the last segment
 * (a torn tail) is cut off and reported; a damaged record with records after it is an error, since steps after
 * it would be lost. Cost per record: its bytes written once and one {@code fdatasync}.
 */
public final class Journal implements AutoCloseable {
    private static final long MAGIC = 0x4A44425350534A00L; // "JDBSPSJ" and a byte
    private static final int HEADER = 12;
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";

    private final Path dir;
    private final RowCodecs codecs;
    private FileChannel current;
    private long currentStart;
    private final String tornTail;
    /** The record being written: one buffer, grown to the largest step's input and kept. */
    private final StateWriter record;

    /** One step's record as read back: its step number and a reader of what the caller wrote. */
    public record Entry(long step, StateReader body) {
    }

    private Journal(Path dir, RowCodecs codecs, String tornTail) {
        this.dir = dir;
        this.codecs = codecs;
        this.tornTail = tornTail;
        this.record = new StateWriter(codecs);
    }

    /**
     * Opens the journal in {@code dir} (created if missing), cutting off a torn tail of its last segment. Appends go
     * to the last segment, or to a new one starting at {@code step} if there is none.
     *
     * @throws CheckpointException if a record before the last is damaged
     */
    public static Journal open(Path dir, RowCodecs codecs, long step) {
        try {
            Files.createDirectories(dir);
            List<Path> segments = segments(dir);
            String torn = null;
            for (int i = 0; i < segments.size(); i++) {
                Path p = segments.get(i);
                long good = scan(p, i == segments.size() - 1, null, codecs);
                long size = Files.size(p);
                if (good < size) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.truncate(good);
                        ch.force(true);
                    }
                    torn = p.getFileName() + ": a record cut short by a crash (" + (size - good)
                            + " bytes) was dropped";
                }
            }
            Journal j = new Journal(dir, codecs, torn);
            if (segments.isEmpty()) {
                j.startSegment(step);
            } else {
                Path last = segments.get(segments.size() - 1);
                if (Files.size(last) < HEADER) {
                    j.startSegment(startOf(last)); // created, then killed before its header was on disk: again
                } else {
                    j.current = FileChannel.open(last, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    j.currentStart = startOf(last);
                }
            }
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("opening journal " + dir, e);
        }
    }

    /** What {@link #open} cut off, or null. */
    public String tornTail() {
        return tornTail;
    }

    /** Appends the record of step {@code step}, written by {@code body}, and forces it to disk. */
    public void append(long step, Consumer<StateWriter> body) {
        StateWriter w = record;
        w.startRecord(8);
        w.writeVarLong(step);
        body.accept(w);
        ByteBuffer rec = w.finishRecord();
        int len = rec.limit() - 8;
        CRC32C crc = new CRC32C();
        crc.update(rec.array(), rec.arrayOffset() + 8, len);
        rec.putInt(0, len).putInt(4, (int) crc.getValue());
        long start = -1;
        try {
            start = current.size();
            while (rec.hasRemaining()) {
                current.write(rec);
            }
            current.force(false);
        } catch (IOException e) {
            try {
                if (start >= 0) {
                    current.truncate(start); // no fragment before the next attempt's record
                }
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw new UncheckedIOException("appending to journal " + dir, e);
        }
    }

    /**
     * Starts a new segment at {@code step} (just checkpointed) and deletes the segments that hold only steps up to
     * {@code keepFrom} (the oldest checkpoint kept), which no restore will replay.
     */
    public void rotate(long step, long keepFrom) {
        try {
            if (step != currentStart) {
                current.close();
                startSegment(step);
            }
            List<Path> all = segments(dir);
            for (int i = 0; i + 1 < all.size(); i++) {
                // a segment holds the steps from its start to the next one's: needed while that is after keepFrom
                if (startOf(all.get(i + 1)) <= keepFrom) {
                    Files.delete(all.get(i));
                }
            }
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("rotating journal " + dir, e);
        }
    }

    /**
     * Hands every record of a step after {@code after} to {@code replay}, in step order, each step once (the last
     * record of a step recorded twice).
     *
     * @throws CheckpointException if the steps after {@code after} do not follow each other (steps are lost)
     */
    public void replay(long after, Consumer<Entry> replay) {
        Entry[] held = new Entry[1];
        long[] expected = {after + 1};
        Consumer<Entry> each = e -> {
            if (e.step() <= after) {
                return;
            }
            if (held[0] != null && held[0].step() != e.step()) {
                replay.accept(held[0]);
                expected[0] = held[0].step() + 1;
            }
            if (e.step() != expected[0] && (held[0] == null || e.step() != held[0].step())) {
                throw new CheckpointException("the journal in " + dir + " goes from step " + (expected[0] - 1)
                        + " to step " + e.step() + ": the steps between are lost");
            }
            held[0] = e;
        };
        try {
            for (Path p : segments(dir)) {
                scan(p, true, each, codecs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading journal " + dir, e);
        }
        if (held[0] != null) {
            replay.accept(held[0]);
        }
    }

    /**
     * Replays the steps after {@code after} onto a circuit or program that stands at step {@code after}: each step's
     * record goes to {@code apply}, which pushes it and runs the step, returning null, or why the step failed
     * again. Only the last step may fail (it failed before the crash too); that is noted in {@code notes}, which
     * also get what {@link #open} cut off. Returns the number of steps replayed.
     *
     * @throws CheckpointException if a step other than the last fails again, or steps are missing
     */
    public long replaySteps(long after, Function<StateReader, String> apply, List<String> notes) {
        if (tornTail != null) {
            notes.add(tornTail);
        }
        long[] at = {after};
        long[] replayed = {0};
        replay(after, e -> {
            if (e.step() != at[0] + 1) { // only the last step may fail again
                throw new CheckpointException("step " + (at[0] + 1) + " of the journal in " + dir
                        + " failed on replay, and steps after it were recorded: " + notes);
            }
            String failed = apply.apply(e.body());
            if (failed != null) {
                notes.add("step " + e.step() + " failed again on replay, as before the crash: " + failed);
                return;
            }
            at[0]++;
            replayed[0]++;
        });
        return replayed[0];
    }

    @Override
    public void close() {
        try {
            current.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startSegment(long step) throws IOException {
        Path p = dir.resolve(String.format("%s%012d%s", PREFIX, step, SUFFIX));
        current = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ByteBuffer h = ByteBuffer.allocate(HEADER).putLong(MAGIC).putInt(StateFile.VERSION).flip();
        while (h.hasRemaining()) {
            current.write(h);
        }
        current.force(true);
        currentStart = step;
        forceDirectory(dir);
    }

    /**
     * Reads a segment's records, handing each to {@code each} (if not null); returns the length of its good
     * prefix. A bad record is a torn tail if nothing valid could follow it ({@code last} segment, and its length
     * runs past the end or its bytes end the file); otherwise the journal is damaged.
     */
    private static long scan(Path p, boolean last, Consumer<Entry> each, RowCodecs codecs) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER) {
                if (last) {
                    return 0;
                }
                throw new CheckpointException("journal segment " + p + " has no header");
            }
            ByteBuffer h = read(ch, HEADER);
            if (h.getLong() != MAGIC || h.getInt() != StateFile.VERSION) {
                throw new CheckpointException(p + " is not a jdbsp journal of format version " + StateFile.VERSION);
            }
            long at = HEADER;
            while (at < size) {
                if (size - at < 8) {
                    return torn(p, last, at);
                }
                ByteBuffer rh = read(ch, 8);
                int len = rh.getInt();
                int crc = rh.getInt();
                if (len == 0 && !zerosFrom(ch, at, size)) { // every record holds its step: 0 is damage
                    throw new CheckpointException(p + " is damaged at byte " + at + ", with records after it: the "
                            + "steps recorded there cannot be replayed");
                }
                if (len <= 0 || len > size - at - 8) { // cut short, or zeros a crash left at the end
                    return torn(p, last, at);
                }
                byte[] payload = new byte[len];
                ByteBuffer pb = ByteBuffer.wrap(payload);
                while (pb.hasRemaining() && ch.read(pb) >= 0) {
                    // read the payload
                }
                CRC32C c = new CRC32C();
                c.update(payload);
                if ((int) c.getValue() != crc) {
                    if (at + 8 + len == size) {
                        return torn(p, last, at);
                    }
                    throw new CheckpointException(p + " is damaged at byte " + at + ", with records after it: the "
                            + "steps recorded there cannot be replayed");
                }
                if (each != null) {
                    StateReader r = new StateReader(payload, 0, len, codecs, p + " at byte " + at);
                    each.accept(new Entry(r.readVarLong(), r));
                }
                at += 8 + len;
            }
            return size;
        }
    }

    /** True when every byte of the file from {@code at} on is zero (what a file system may leave after a crash). */
    private static boolean zerosFrom(FileChannel ch, long at, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        for (long pos = at; pos < size; ) {
            b.clear();
            int n = ch.read(b, pos);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) != 0) {
                    return false;
                }
            }
            pos += n;
        }
        return true;
    }

    private static ByteBuffer read(FileChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining() && ch.read(b) >= 0) {
            // fill
        }
        return b.flip();
    }

    private static long torn(Path p, boolean last, long at) {
        if (!last) {
            throw new CheckpointException(p + " ends in a damaged record at byte " + at + ", and later segments "
                    + "follow it");
        }
        return at;
    }

    private static List<Path> segments(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted().forEach(all::add);
        }
        return all;
    }

    private static long startOf(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // a platform that cannot open directories orders its renames itself
        }
    }
}
