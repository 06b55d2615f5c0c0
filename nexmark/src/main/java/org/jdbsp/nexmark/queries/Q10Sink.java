package org.jdbsp.nexmark.queries;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jdbsp.zset.ZSet;

/**
 * The file sink of {@link Q10}: appends the rows of each output delta to
 * {@code DIR/dt=<dt>/hm=<hm>/part-0.csv}, one file per partition, like Flink's partitioned {@code filesystem}
 * sink in CSV (the partition columns are in the path, not in the file).
 *
 * <p>Usage: {@code try (Q10Sink sink = new Q10Sink(dir)) { ... sink.accept(output.delta()); ... }} after every
 * step. A row of weight {@code w > 0} is appended {@code w} times; a delta with a negative weight (a
 * retraction, which an append-only file cannot express; q10 never produces one) is rejected before anything
 * is written. Lines are {@code auction,bidder,price,dateTime,extra} with {@code dateTime} as
 * {@code yyyy-MM-dd HH:mm:ss.SSS} UTC and {@code extra} quoted per RFC 4180 when it contains a comma, quote,
 * CR or LF. Within one delta the row order is the Z-set's (unspecified); across deltas, append order.
 *
 * <p>Partition directories are named literally {@code hm=HH:mm} (Flink and Hive escape the colon as
 * {@code %3A}; this sink does not). At most {@value #MAX_OPEN} files are kept open (least recently used are
 * closed, and reopened in append mode if needed); {@link #flush()} flushes them, {@link #close()} closes them.
 * Not thread-safe.
 */
public final class Q10Sink implements Closeable {
    static final int MAX_OPEN = 16;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final LinkedHashMap<Path, BufferedWriter> open = new LinkedHashMap<>(MAX_OPEN, 0.75f, true);
    private long rowsWritten;

    /** A sink writing under {@code dir} (created when the first row arrives). */
    public Q10Sink(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The file of partition {@code (dt, hm)} under {@code dir}. */
    public static Path partFile(Path dir, String dt, String hm) {
        return dir.resolve("dt=" + dt).resolve("hm=" + hm).resolve("part-0.csv");
    }

    /** One CSV line (without line terminator) for {@code row}. */
    public static String csvLine(Q10.Row row) {
        return row.auction() + "," + row.bidder() + "," + row.price() + ","
                + TIMESTAMP.format(Instant.ofEpochMilli(row.dateTime())) + "," + quote(row.extra());
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Appends the rows of {@code delta} to their partitions' files.
     *
     * @throws IllegalArgumentException if a row has a negative weight (nothing is written)
     * @throws UncheckedIOException on an I/O error (rows before it may have been written)
     */
    public void accept(ZSet<Q10.Row> delta) {
        for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
            if (delta.weightAt(s) < 0) {
                throw new IllegalArgumentException("q10 sink: cannot retract " + delta.elementAt(s) + " (weight "
                        + delta.weightAt(s) + ") from an append-only file");
            }
        }
        try {
            for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
                Q10.Row row = delta.elementAt(s);
                BufferedWriter w = writer(partFile(dir, row.dt(), row.hm()));
                String line = csvLine(row);
                for (long i = delta.weightAt(s); i > 0; i--) {
                    w.write(line);
                    w.write('\n');
                    rowsWritten++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("q10 sink: cannot write under " + dir, e);
        }
    }

    /** Rows appended so far (weights counted). */
    public long rowsWritten() {
        return rowsWritten;
    }

    private BufferedWriter writer(Path file) throws IOException {
        BufferedWriter w = open.get(file);
        if (w == null) {
            if (open.size() >= MAX_OPEN) {
                Iterator<Map.Entry<Path, BufferedWriter>> eldest = open.entrySet().iterator();
                BufferedWriter old = eldest.next().getValue();
                eldest.remove();
                old.close();
            }
            Files.createDirectories(file.getParent());
            w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            open.put(file, w);
        }
        return w;
    }

    /** Flushes every open file. */
    public void flush() {
        try {
            for (BufferedWriter w : open.values()) {
                w.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("q10 sink: cannot flush under " + dir, e);
        }
    }

    /** Closes every open file (the first failure is thrown after trying all). */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (BufferedWriter w : open.values()) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
