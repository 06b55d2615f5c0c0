package org.jdbsp.nexmark.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.queries.Queries;
import org.jdbsp.nexmark.queries.Q0;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

    @Test
    void defaults() throws UsageException {
        Options o = Options.parse(new String[0]);
        assertEquals(Queries.COUNT, o.queries.size());
        assertEquals("q0", o.queries.get(0));
        assertEquals("q22", o.queries.get(22));
        assertEquals(-1, o.events);
        assertEquals(Options.DEFAULT_EVENTS, o.eventsToRun(Options.DEFAULT_EVENTS));
        assertEquals(Options.DEFAULT_BATCH, o.batch);
        assertEquals(Mode.INCREMENTAL, o.mode);
        assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), Engines.MAX_WORKERS), o.workers);
        assertEquals(Engines.defaultWorkers(), o.workers);
        assertEquals(Options.DEFAULT_WARMUP, o.warmupFor(10_000_000));
        assertEquals(500, o.warmupFor(500));
        assertEquals(Options.DEFAULT_WARMUP_ROUNDS, o.warmupRounds);
        assertArrayEquals(new int[] {o.workers}, o.workerCounts);
        assertEquals(1, o.rounds);
        assertFalse(o.check);
        assertNull(o.json);
        assertNull(o.progress);
        assertFalse(o.help);
    }

    @Test
    void everyOption() throws UsageException {
        Options o = Options.parse(new String[] {"--query", "q4", "--query=q1,Q2, 3", "-q", "q4", "--events", "1_500k",
            "--batch=40,000", "--mode", "NAIVE", "--workers", "3", "--warmup", "0", "--warmup-rounds", "7", "--check", "--json", "r.json",
            "--dump-events", "e.jsonl", "--events-from", "in.jsonl", "--dump-output", "out", "--no-progress"});
        assertEquals(List.of("q4", "q1", "q2", "q3"), o.queries);
        assertEquals(1_500_000, o.events);
        assertEquals(40_000, o.batch);
        assertEquals(40_000, o.batchMin);
        Options random = Options.parse(new String[] {"--batch", "1-2k"});
        assertEquals(1, random.batchMin);
        assertEquals(2_000, random.batch);
        assertEquals(Mode.NAIVE, o.mode);
        assertEquals(3, o.workers);
        assertEquals(1, Options.parse(new String[] {"--workers=1"}).workers);
        Options scaling = Options.parse(new String[] {"--workers", "2,1, 4", "--rounds", "5"});
        assertArrayEquals(new int[] {2, 1, 4}, scaling.workerCounts);
        assertEquals(2, scaling.workers);
        assertEquals(5, scaling.rounds);
        assertEquals(0, o.warmupFor(1000));
        assertEquals(7, o.warmupRounds);
        assertTrue(o.check);
        assertEquals(Path.of("r.json"), o.json);
        assertEquals(Path.of("e.jsonl"), o.dumpEvents);
        assertEquals(Path.of("in.jsonl"), o.eventsFrom);
        assertEquals(Path.of("out"), o.dumpOutput);
        assertEquals(Boolean.FALSE, o.progress);
        assertEquals(1_000, o.eventsToRun(1_000)); // a shorter replay file runs all of itself
        assertEquals(Boolean.TRUE, Options.parse(new String[] {"--progress"}).progress);
        assertTrue(Options.parse(new String[] {"-h"}).help);
        assertEquals(23, Options.parse(new String[] {"--query", "q1,all"}).queries.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--frobnicate                 | unknown option '--frobnicate'",
        "--events                     | --events needs a value",
        "--events abc                 | --events: expected a whole number, got 'abc'",
        "--events 0                   | --events: must be at least 1",
        "--events 99999999999999999999 | --events: expected a whole number",
        "--batch -5                   | --batch: must be at least 1",
        "--batch 9-3                  | --batch: a range LO-HI needs LO <= HI, got '9-3'",
        "--batch 0-3                  | --batch: must be at least 1",
        "--warmup x                   | --warmup: expected a whole number",
        "--warmup-rounds 0            | --warmup-rounds: must be at least 1",
        "--warmup-rounds 1001         | --warmup-rounds: at most 1000, got '1001'",
        "--mode fast                  | --mode: expected incremental or naive, got 'fast'",
        "--workers 1,1                | --workers: 1 is listed twice in '1,1'",
        "--workers 1,                 | --workers: expected a worker count or a comma list of them, got '1,'",
        "--workers 1,x                | --workers: expected a whole number, got 'x'",
        "--rounds 0                   | --rounds: must be at least 1",
        "--rounds 1001                | --rounds: at most 1000, got '1001'",
        "--query q23                  | --query: unknown query 'q23'",
        "--query bids                 | --query: unknown query 'bids'",
        "--query=                     | --query needs a query name",
        "--check=yes                  | --check takes no value",
        "q3                           | unexpected argument 'q3'",
        "--json=                      | --json needs a file name",
        "--generator hot=3            | --generator: unknown parameter 'hot'",
        "--generator proportions=1:2  | --generator proportions: expected persons:auctions:bids",
        "--generator event-rate=0     | --generator event-rate",
        "--generator rate-shape=tri   | --generator rate-shape: expected square or sine",
        "--base-time -5               | --base-time",
    })
    void badCommandLines(String line, String message) {
        UsageException e = assertThrows(UsageException.class, () -> Options.parse(line.trim().split(" +")));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        HarnessRun r = HarnessRun.run(line.trim().split(" +"));
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains(message) && r.err().contains("--help"), r.toString());
        assertEquals("", r.out());
    }

    @Test
    void helpExitsZeroAndStatesTheDefaults() {
        HarnessRun r = HarnessRun.run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Usage: bin/nexmark"), r.out());
        assertTrue(r.out().contains("default 1,000,000"), r.out());
        assertTrue(r.out().contains("--workers"), r.out());
        assertTrue(r.out().contains("warm-up"), r.out());
    }

    @Test
    void workersOutOfRangeAreAUsageError() {
        HarnessRun zero = HarnessRun.run("--workers", "0", "--query", "q0");
        assertEquals(2, zero.status(), zero.toString());
        assertTrue(zero.err().contains("--workers: must be at least 1"), zero.toString());
        int tooMany = Engines.MAX_WORKERS + 1;
        HarnessRun r = HarnessRun.run("--workers", String.valueOf(tooMany), "--query", "q0");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("--workers " + tooMany + ": at most " + Engines.MAX_WORKERS), r.toString());
        assertEquals(2, HarnessRun.run("--workers", "two").status());
        HarnessRun inList = HarnessRun.run("--workers", "1," + tooMany, "--query", "q0");
        assertEquals(2, inList.status(), inList.toString());
        assertTrue(inList.err().contains("--workers " + tooMany + ": at most"), inList.toString());
    }

    @Test
    void severalWorkersRunAndCheck() {
        HarnessRun r = HarnessRun.run("--workers", "3", "--query", "q0,q13,q4", "--events", "6000", "--batch", "700",
                "--warmup", "500", "--check");
        assertEquals(0, r.status(), r.toString());
        assertEquals(3, r.out().lines().filter(l -> l.endsWith(" ok")).count(), r.toString());
    }

    @Test
    void aMissingQueryIsNamed() {
        HarnessRun r = HarnessRun.run(name -> {
            if (name.equals("q0")) {
                return new Q0();
            }
            throw new IllegalArgumentException("query " + name + " is not implemented (no class Q" + name.substring(1)
                    + ")");
        }, "--query", "all", "--events", "100");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("query q1 is not implemented"), r.toString());
    }
}
