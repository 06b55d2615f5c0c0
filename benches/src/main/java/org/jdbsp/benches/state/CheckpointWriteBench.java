package org.jdbsp.benches.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbsp.benches.nexmark.NexmarkEvents;
import org.jdbsp.circuit.state.RowCodecs;
import org.jdbsp.circuit.state.StateFile;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast one thread writes checkpoint state: the bids of 1,000,000 Nexmark events (about 920,000), ten to a
 * Z-set as in a join's trace, written to one checkpoint file under {@code target/} and forced to disk, per row.
 * {@code io} compares writing past the page cache with writing through it, and with writing to {@code /dev/null}
 * unforced (the serialising alone); {@code encodeBidsByHand} encodes the same rows by hand into memory, the most one
 * core can do. Divide the file's bytes per row (printed at set-up) by
 * the time per row for MB/s. Run: {@code bin/bench CheckpointWriteBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Xms3g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CheckpointWriteBench {
    private static final int EVENTS = 1_000_000;
    /** The bids among them (46 in 50 events). */
    private static final int ROWS = 920_000;

    @Param({"direct", "buffered", "discard"})
    public String io;

    private final List<ZSet<Bid>> groups = new ArrayList<>();
    private int rows;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ZSet<Bid> group = null;
        for (Event e : NexmarkEvents.generate(EVENTS)) {
            if (e instanceof Bid b) {
                if (group == null || group.size() == 10) {
                    group = new ZSet<>();
                    groups.add(group);
                }
                group.add(b, 1);
                rows++;
            }
        }
        if (rows != ROWS) {
            throw new IllegalStateException(rows + " bids in " + EVENTS + " events, not " + ROWS);
        }
        dir = Files.createDirectories(Path.of("target", "checkpoint-write-bench"));
        long bytes = write().bytes();
        System.out.printf("%n%d rows, %.1f bytes per row%n", rows, bytes / (double) rows);
    }

    private StateFile.Written write() {
        boolean discard = io.equals("discard"); // the serialising alone: to /dev/null, not forced
        return StateFile.write(discard ? Path.of("/dev/null") : dir.resolve("bids"), "bench", RowCodecs.standard(),
                out -> {
                    for (ZSet<Bid> g : groups) {
                        out.writeZSet(g);
                    }
                }, !discard, io.equals("direct"));
    }

    /** Per row: the time to write and force a file of all of them. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long writeBids() {
        return write().bytes();
    }

    private final byte[] scratch = new byte[1 << 20];

    /**
     * Per row: the same bids encoded by hand (each field written directly, strings by the JDK's low-byte copy) into a
     * reused array and not written anywhere: what one core can do at best, the bound's S ({@code io} plays no part).
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long encodeBidsByHand() {
        byte[] b = scratch;
        int p = 0;
        long total = 0;
        for (ZSet<Bid> g : groups) {
            for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                if (p > b.length - 4096) {
                    total += p;
                    p = 0;
                }
                Bid bid = g.elementAt(s);
                p = varLong(b, p, bid.auction());
                p = varLong(b, p, bid.bidder());
                p = varLong(b, p, bid.price());
                p = ascii(b, p, bid.channel());
                p = ascii(b, p, bid.url());
                p = varLong(b, p, bid.dateTime());
                p = ascii(b, p, bid.extra());
                p = varLong(b, p, g.weightAt(s));
            }
        }
        return total + p;
    }

    private static int varLong(byte[] b, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    @SuppressWarnings("deprecation")
    private static int ascii(byte[] b, int p, String s) {
        int n = s.length();
        p = varLong(b, p, n);
        s.getBytes(0, n, b, p);
        return p + n;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("bids"));
    }
}
