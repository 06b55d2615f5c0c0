package org.jdbsp.nexmark.queries;

import static org.jdbsp.nexmark.queries.Q4Test.bid;
import static org.jdbsp.nexmark.queries.Q4Test.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Q10Test {
    private static final List<Event> EVENTS = QueryChecks.events(40_000);

    private static Q10.Row row(Bid b, String dt, String hm) {
        return new Q10.Row(b.auction(), b.bidder(), b.price(), b.dateTime(), b.extra(), dt, hm);
    }

    @Test
    void literal() {
        long t = 1_436_918_400_000L + 13 * 3_600_000L + 59 * 60_000L + 59_999L; // 2015-07-15 13:59:59.999 UTC
        Bid b1 = bid(1, 7, 10, t);
        Bid b2 = bid(1, 7, 10, t + 1);
        Bid b3 = bid(2, 8, 3, 0);
        Bid b4 = bid(3, 9, 4, -1); // 1969-12-31 23:59:59.999
        List<Event> events = List.of(b1, b2, b3, b4, b3);
        ZSet<Q10.Row> expected = ZSet.<Q10.Row>builder(4)
                .add(row(b1, "2015-07-15", "13:59"), 1).add(row(b2, "2015-07-15", "14:00"), 1)
                .add(row(b3, "1970-01-01", "00:00"), 2).add(row(b4, "1969-12-31", "23:59"), 1).build();
        Q10 q = new Q10();
        assertEquals(expected, q.reference(events));
        assertEquals(expected, run(q, Mode.INCREMENTAL, events));
        assertEquals(expected, run(q, Mode.NAIVE, events));
    }

    @Test
    void largeBatches() {
        QueryChecks.check(new Q10(), EVENTS, Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallBatches() {
        QueryChecks.check(new Q10(), EVENTS, Mode.INCREMENTAL, 100, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(new Q10(), EVENTS.subList(0, 3_000), Mode.NAIVE, 500, 3);
    }

    /** Bids spread over 30 minutes (30 partitions, more than the sink keeps open), fed in random batches. */
    @Test
    void sinkWritesEveryDeltaToItsPartition(@TempDir Path dir) throws IOException {
        Random random = new Random(5);
        long base = 1_436_918_400_000L;
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            long t = base + random.nextInt(30 * 60_000);
            String extra = i % 100 == 0 ? "with, comma \"and quote\"" : "x" + i;
            events.add(new Bid(i % 50, i % 7, i, "c", "u", t, extra));
        }
        events.add(events.get(0)); // a duplicate bid: written twice
        Q10 q = new Q10();
        QueryCircuit<Q10.Row> qc = new QueryCircuit<>(q, Mode.INCREMENTAL);
        try (Q10Sink sink = new Q10Sink(dir)) {
            int fed = 0;
            while (fed < events.size()) {
                int n = Math.min(events.size() - fed, 1 + random.nextInt(200));
                qc.push(events.subList(fed, fed + n).toArray(new Event[0]), 0, n);
                fed += n;
                qc.step();
                sink.accept(qc.output().delta());
            }
            sink.flush();
            assertEquals(events.size(), sink.rowsWritten());
        }
        Map<Path, List<String>> expected = new HashMap<>();
        q.reference(events).forEach((r, w) -> {
            for (long i = 0; i < w; i++) {
                expected.computeIfAbsent(Q10Sink.partFile(dir, r.dt(), r.hm()), k -> new ArrayList<>())
                        .add(Q10Sink.csvLine(r));
            }
        });
        assertEquals(30, expected.size());
        List<Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        assertEquals(expected.keySet(), Map.copyOf(files.stream().collect(Collectors.toMap(p -> p, p -> 0)))
                .keySet());
        for (Map.Entry<Path, List<String>> e : expected.entrySet()) {
            List<String> lines = new ArrayList<>(Files.readAllLines(e.getKey(), StandardCharsets.UTF_8));
            List<String> want = new ArrayList<>(e.getValue());
            lines.sort(null);
            want.sort(null);
            assertEquals(want, lines, e.getKey().toString());
        }
        assertEquals(dir.resolve("dt=2015-07-15").resolve("hm=00:07").resolve("part-0.csv"),
                Q10Sink.partFile(dir, "2015-07-15", "00:07"));
    }

    @Test
    void sinkLineFormat() {
        Bid b = new Bid(1, 2, 3, "c", "u", 1_436_918_400_123L, "a,\"b\"");
        assertEquals("1,2,3,2015-07-15 00:00:00.123,\"a,\"\"b\"\"\"", Q10Sink.csvLine(row(b, "d", "h")));
        assertEquals("1,2,3,2015-07-15 00:00:00.123,plain",
                Q10Sink.csvLine(row(new Bid(1, 2, 3, "c", "u", 1_436_918_400_123L, "plain"), "d", "h")));
    }

    @Test
    void sinkRejectsRetractionsBeforeWriting(@TempDir Path dir) throws IOException {
        Q10.Row r = row(bid(1, 2, 3, 0), "1970-01-01", "00:00");
        Q10.Row s = row(bid(1, 2, 4, 0), "1970-01-01", "00:00");
        try (Q10Sink sink = new Q10Sink(dir)) {
            assertThrows(IllegalArgumentException.class,
                    () -> sink.accept(ZSet.<Q10.Row>builder(2).add(r, 1).add(s, -1).build()));
            assertEquals(0, sink.rowsWritten());
        }
        assertFalse(Files.exists(dir.resolve("dt=1970-01-01")));
    }
}
