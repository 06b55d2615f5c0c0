package org.jdbsp.nexmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.jdbsp.nexmark.io.EventJsonReader;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.queries.Q1;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    private static final List<String> FIELDS = List.of("query", "events", "seconds", "eventsPerSecond",
            "eventsPerSecondPerCore", "stepLatencyP50Ms", "stepLatencyP99Ms", "peakHeapBytes", "stateRows",
            "outputChanges", "checked", "retainedHeapBytes", "steps", "workers", "cores", "cpuSeconds", "callerCpuSeconds", "maxWorkerCpuSeconds", "gcSeconds", "jitSeconds", "mode", "batch", "warmupEvents",
            "warmupRounds", "round", "sourceSeconds", "prepareSeconds");

    @TempDir
    Path dir;

    /**
     * Without {@code --check} the events are generated a chunk at a time as the run goes; with it, once and held.
     * Both runs see the same events: over several chunks the output changes agree, step by step summed.
     */
    @Test
    void eventsGeneratedAsTheRunGoesEqualHeldOnes() throws IOException {
        int n = 2 * EventSource.CHUNK_EVENTS + 30_000;
        Path streamed = dir.resolve("streamed.json");
        Path held = dir.resolve("held.json");
        for (Path json : List.of(streamed, held)) {
            List<String> args = new java.util.ArrayList<>(List.of("--query", "q2", "--events", String.valueOf(n),
                    "--batch", "30000", "--warmup", "0", "--workers", "1", "--json", json.toString()));
            if (json == held) {
                args.add("--check");
            }
            HarnessRun r = HarnessRun.run(args.toArray(new String[0]));
            assertEquals(0, r.status(), r.toString());
        }
        JsonNode s = new ObjectMapper().readTree(streamed.toFile()).get(0);
        JsonNode h = new ObjectMapper().readTree(held.toFile()).get(0);
        assertEquals(n, s.get("events").asLong());
        assertEquals(h.get("steps").asLong(), s.get("steps").asLong());
        assertTrue(h.get("outputChanges").asLong() > 0, h.toString());
        assertEquals(h.get("outputChanges").asLong(), s.get("outputChanges").asLong());
        assertTrue(s.get("sourceSeconds").asDouble() > 0, s.toString());
        assertEquals(0, h.get("sourceSeconds").asDouble());
    }

    @Test
    void jsonHasEveryFieldForEveryQuery() throws IOException {
        Path json = dir.resolve("r.json");
        HarnessRun r = HarnessRun.run("--query", "q0,q1,q2,q3", "--events", "4000", "--batch", "500", "--warmup",
                "500", "--check", "--json", json.toString());
        assertEquals(0, r.status(), r.toString());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertTrue(root.isArray());
        assertEquals(4, root.size());
        for (int i = 0; i < 4; i++) {
            JsonNode q = root.get(i);
            assertEquals("q" + i, q.get("query").asText());
            for (String f : FIELDS) {
                assertTrue(q.has(f), "q" + i + " lacks " + f + ": " + q);
            }
            assertEquals(4000, q.get("events").asLong());
            assertEquals(8, q.get("steps").asLong());
            int workers = Engines.defaultWorkers(); // the default: the available cores
            assertEquals(workers, q.get("workers").asInt());
            assertEquals(Engines.coresUsed(workers), q.get("cores").asInt());
            assertTrue(q.get("seconds").asDouble() > 0, q.toString());
            assertEquals(q.get("eventsPerSecond").asDouble(), 4000 / q.get("seconds").asDouble(),
                    1e-6 * q.get("eventsPerSecond").asDouble());
            assertEquals(q.get("eventsPerSecond").asDouble() / q.get("cores").asInt(),
                    q.get("eventsPerSecondPerCore").asDouble(), 1e-6 * q.get("eventsPerSecond").asDouble());
            assertTrue(q.get("stepLatencyP50Ms").asDouble() <= q.get("stepLatencyP99Ms").asDouble());
            assertTrue(q.get("peakHeapBytes").asLong() > 0);
            assertTrue(q.get("cpuSeconds").asDouble() > 0, q.toString());
            assertTrue(q.get("callerCpuSeconds").asDouble() + q.get("maxWorkerCpuSeconds").asDouble()
                    <= q.get("cpuSeconds").asDouble() + 1e-9, q.toString());
            assertTrue(q.get("gcSeconds").asDouble() >= 0, q.toString());
            // the JVMs we run on measure compilation time; a JVM that does not writes null (NaN)
            assertTrue(q.get("jitSeconds").asDouble() >= 0, q.toString());
            int rounds = q.get("warmupRounds").asInt();
            assertTrue(rounds >= 1 && rounds <= Options.DEFAULT_WARMUP_ROUNDS, q.toString());
            assertTrue(q.get("checked").asBoolean());
            assertTrue(q.get("error").isNull());
        }
        assertTrue(root.get(0).get("outputChanges").asLong() > 0);

        HarnessRun unchecked = HarnessRun.run("--query", "q2", "--events", "1000", "--json", json.toString());
        assertEquals(0, unchecked.status(), unchecked.toString());
        assertTrue(new ObjectMapper().readTree(json.toFile()).get(0).get("checked").isNull());

        HarnessRun one = HarnessRun.run("--query", "q2", "--events", "1000", "--workers", "1", "--json",
                json.toString());
        assertEquals(0, one.status(), one.toString());
        JsonNode q = new ObjectMapper().readTree(json.toFile()).get(0);
        assertEquals(1, q.get("workers").asInt());
        assertEquals(1, q.get("cores").asInt());
        assertEquals(q.get("eventsPerSecond").asDouble(), q.get("eventsPerSecondPerCore").asDouble(), 1e-9);

        int many = Engines.availableCores() + 1; // more workers than cores: per core divides by the cores
        HarnessRun over = HarnessRun.run("--query", "q2", "--events", "1000", "--workers", String.valueOf(many),
                "--json", json.toString());
        assertEquals(0, over.status(), over.toString());
        q = new ObjectMapper().readTree(json.toFile()).get(0);
        assertEquals(many, q.get("workers").asInt());
        assertEquals(Engines.availableCores(), q.get("cores").asInt());
    }

    @Test
    void severalWorkerCountsAlternateByRoundAndReportSpeedUps() throws IOException {
        Path json = dir.resolve("scaling.json");
        HarnessRun r = HarnessRun.run("--query", "q1,q4", "--workers", "1,2", "--rounds", "3", "--events", "3000",
                "--batch", "500", "--warmup", "500", "--check", "--json", json.toString());
        assertEquals(0, r.status(), r.toString());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(12, root.size(), root.toString());
        // per query: round 1 in the listed order, round 2 reversed, round 3 listed again
        int[][] expected = {{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 3}, {2, 3}};
        for (int i = 0; i < 12; i++) {
            JsonNode q = root.get(i);
            assertEquals(i < 6 ? "q1" : "q4", q.get("query").asText());
            assertEquals(expected[i % 6][0], q.get("workers").asInt(), q.toString());
            assertEquals(expected[i % 6][1], q.get("round").asInt(), q.toString());
            assertTrue(q.get("checked").asBoolean(), q.toString());
        }
        assertTrue(r.out().contains("q4 w2 r3"), r.out());
        List<String> speedUps = r.out().lines().filter(l -> l.matches("q[14] +2 +3 .*x +\\d+\\.\\d+x")).toList();
        assertEquals(2, speedUps.size(), r.out());
        assertTrue(r.err().contains("q4 (2 workers, round 3)"), r.err());
    }

    @Test
    void scalingMedianIsTheMiddleOrTheMeanOfTheMiddleTwo() {
        assertEquals(2.0, Scaling.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Scaling.median(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, Scaling.median(new double[] {7}));
    }

    record Tricky(String text, Long n, BigDecimal price) {
    }

    @Test
    void csvQuotesSortsAndWeighs() throws IOException {
        ZSet<Tricky> view = new ZSet<>();
        view.add(new Tricky("plain", 10L, new BigDecimal("1.500")), 1);
        view.add(new Tricky("a,b", 2L, BigDecimal.ONE), 3);
        view.add(new Tricky("say \"hi\"", 2L, BigDecimal.ONE), -1);
        view.add(new Tricky("two\nlines", null, null), 1);
        view.add(new Tricky(" padded", 1L, BigDecimal.TEN), 2);
        view.add(new Tricky("plain", 9L, BigDecimal.ONE), 1);
        view.add(new Tricky("", 0L, null), 1);
        view.add(new Tricky(null, 0L, null), 1);
        StringWriter out = new StringWriter();
        CsvDump.write(view, Tricky.class, out);
        assertEquals("text,n,price,weight\n"
                + ",0,,1\n"
                + "\"\",0,,1\n"
                + "\" padded\",1,10,2\n"
                + "\"a,b\",2,1,3\n"
                + "plain,9,1,1\n"
                + "plain,10,1.500,1\n"
                + "\"say \"\"hi\"\"\",2,1,-1\n"
                + "\"two\nlines\",,,1\n", out.toString());

        StringWriter empty = new StringWriter();
        CsvDump.write(new ZSet<>(), Q1.Row.class, empty);
        assertEquals("auction,bidder,price,dateTime,extra,weight\n", empty.toString());
    }

    @Test
    void dumpOutputWritesOneSortedCsvPerQuery() throws IOException {
        Path out = dir.resolve("views");
        HarnessRun r = HarnessRun.run("--query", "q2,q3", "--events", "30000", "--dump-output", out.toString());
        assertEquals(0, r.status(), r.toString());
        List<String> q2 = Files.readAllLines(out.resolve("q2.csv"), StandardCharsets.UTF_8);
        assertEquals("auction,price,weight", q2.get(0));
        assertTrue(q2.size() > 2, q2.toString());
        long previous = Long.MIN_VALUE;
        for (String line : q2.subList(1, q2.size())) {
            String[] f = line.split(",");
            assertEquals(3, f.length, line);
            assertEquals(0, Long.parseLong(f[0]) % 123, line);
            assertTrue(Long.parseLong(f[0]) >= previous, "sorted by auction: " + line);
            previous = Long.parseLong(f[0]);
            assertTrue(Long.parseLong(f[2]) >= 1, line);
        }
        List<String> q3 = Files.readAllLines(out.resolve("q3.csv"), StandardCharsets.UTF_8);
        assertEquals("name,city,state,id,weight", q3.get(0));
    }

    @Test
    void eventsRoundTripThroughDumpAndReplay() throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path generatedViews = dir.resolve("generated");
        Path replayedViews = dir.resolve("replayed");
        HarnessRun dump = HarnessRun.run("--query", "q1,q3", "--events", "5000", "--dump-events", events.toString(),
                "--dump-output", generatedViews.toString());
        assertEquals(0, dump.status(), dump.toString());

        List<Event> read = EventJsonReader.readAll(events);
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        assertEquals(5000, read.size());
        for (Event e : read) {
            assertEquals(g.next(), e);
        }

        HarnessRun replay = HarnessRun.run("--query", "q1,q3", "--events-from", events.toString(), "--check",
                "--dump-output", replayedViews.toString());
        assertEquals(0, replay.status(), replay.toString());
        assertTrue(replay.err().contains("read 5,000 events from"), replay.toString());
        for (String q : List.of("q1.csv", "q3.csv")) {
            assertEquals(Files.readString(generatedViews.resolve(q)), Files.readString(replayedViews.resolve(q)), q);
        }

        HarnessRun prefix = HarnessRun.run("--query", "q0", "--events-from", events.toString(), "--events", "1200");
        assertEquals(0, prefix.status(), prefix.toString());
        assertTrue(prefix.out().lines().anyMatch(l -> l.startsWith("q0 ") && l.contains(" 1,200 ")),
                prefix.toString());
    }

    @Test
    void dumpEventsAloneRunsNoQueryAndTheGeneratorTakesItsParameters() throws IOException {
        Path events = dir.resolve("shaped.jsonl");
        HarnessRun r = HarnessRun.run("--events", "3000", "--dump-events", events.toString(), "--base-time",
                "1700000000000", "--generator", "proportions=1:1:8,hot-bidders-ratio=4,avg-bid-bytes=50");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.err().contains("no query run"), r.toString());
        assertEquals("", r.out(), "no result table");
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().baseTime(1_700_000_000_000L)
                .proportions(1, 1, 8).hotBiddersRatio(4).avgBidByteSize(50).numEvents(3000).build());
        List<Event> read = EventJsonReader.readAll(events);
        assertEquals(3000, read.size());
        for (Event e : read) {
            assertEquals(g.next(), e);
        }
        assertEquals(1_700_000_000_000L, read.get(0).dateTime());
    }

    @Test
    void malformedReplayLineStopsWithFileAndLine() throws IOException {
        Path events = dir.resolve("events.jsonl");
        assertEquals(0, HarnessRun.run("--query", "q0", "--events", "10", "--dump-events", events.toString()).status());
        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        lines.set(6, lines.get(6).substring(0, 30));
        Files.write(events, lines, StandardCharsets.UTF_8);
        Path json = dir.resolve("never.json");
        HarnessRun r = HarnessRun.run("--query", "q0", "--events-from", events.toString(), "--json", json.toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains(events + ":7: "), r.toString());
        assertEquals("", r.out(), "no query ran");
        assertFalse(Files.exists(json));

        HarnessRun missing = HarnessRun.run("--query", "q0", "--events-from", dir.resolve("nope").toString());
        assertEquals(1, missing.status(), missing.toString());
        assertTrue(missing.err().contains("nope"), missing.toString());
    }

    @Test
    void percentileIsNearestRank() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        assertEquals(50, Main.percentile(v, 0.50));
        assertEquals(99, Main.percentile(v, 0.99));
        assertEquals(7, Main.percentile(new long[] {7}, 0.99));
        assertEquals(Q1.Row.class, Main.rowType(new Q1()));
    }
}
