package org.jdbsp.nexmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine sql}: every query with a SQL text, compiled from it, equals the plain-Java reference on the same
 * events, on 1 worker in batches of 1,000 and on 2 in random batches; every query has one.
 */
class SqlEngineTest {
    @TempDir
    Path dir;

    @Test
    void everySqlTextEqualsItsReference() throws IOException {
        List<String> queries = SqlEngine.available();
        assertEquals(23, queries.size(), "every query has a SQL text: " + queries);
        String[][] runs = {{"1", "1000"}, {"2", "1-700"}}; // the second in random batches of 1 to 700 events
        for (String[] run : runs) {
            Path json = dir.resolve("sql-" + run[0] + ".json");
            HarnessRun r = HarnessRun.run("--engine", "sql", "--query", String.join(",", queries), "--events", "30000",
                    "--batch", run[1], "--warmup", "0", "--workers", run[0], "--check", "--json", json.toString());
            assertEquals(0, r.status(), r.toString());
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            assertEquals(queries.size(), root.size());
            for (JsonNode q : root) {
                assertEquals("sql", q.get("engine").asText(), q.toString());
                assertTrue(q.get("checked").asBoolean(), q.toString());
                assertTrue(q.get("outputChanges").asLong() > 0, q.toString());
            }
        }
    }

    @Test
    void enginesComparedAlternateByRoundAndReportTheirRatio() throws IOException {
        Path json = dir.resolve("engines.json");
        HarnessRun r = HarnessRun.run("--engine", "circuit,sql", "--workers", "1,2", "--rounds", "2", "--query",
                "q1,q4", "--events", "3000", "--batch", "500", "--warmup", "500", "--check", "--json",
                json.toString());
        assertEquals(0, r.status(), r.toString());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(16, root.size(), root.toString());
        // per query: round 1 engines first then counts in the listed order, round 2 the reverse
        String[] expected = {"circuit 1 1", "circuit 2 1", "sql 1 1", "sql 2 1",
            "sql 2 2", "sql 1 2", "circuit 2 2", "circuit 1 2"};
        for (int i = 0; i < 16; i++) {
            JsonNode q = root.get(i);
            assertEquals(i < 8 ? "q1" : "q4", q.get("query").asText());
            assertEquals(expected[i % 8], q.get("engine").asText() + " " + q.get("workers").asInt() + " "
                    + q.get("round").asInt(), q.toString());
            assertTrue(q.get("checked").asBoolean(), q.toString());
        }
        assertTrue(r.out().contains("q4 sql w1 r2"), r.out());
        List<String> ratios = r.out().lines().filter(l -> l.matches("q[14] +sql +[12] +2 .*x +\\d+\\.\\d+x"))
                .toList();
        assertEquals(4, ratios.size(), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.matches("q[14] +circuit +1 +2 .* - +-")).count(), r.out());
        assertTrue(r.err().contains("q4 (sql, 2 workers, round 2)"), r.err());
    }

    @Test
    void anUnknownEngineIsRefused() {
        HarnessRun bad = HarnessRun.run("--engine", "flink");
        assertEquals(2, bad.status(), bad.toString());
        assertTrue(bad.err().contains("--engine: expected circuit, sql or a comma list of them, got 'flink'"),
                bad.toString());
        HarnessRun twice = HarnessRun.run("--engine", "sql,SQL");
        assertEquals(2, twice.status(), twice.toString());
        assertTrue(twice.err().contains("--engine: sql is listed twice in 'sql,SQL'"), twice.toString());
        HarnessRun journal = HarnessRun.run("--engine", "circuit,sql", "--journal", "j");
        assertEquals(2, journal.status(), journal.toString());
        assertTrue(journal.err().contains("--journal runs the circuit engine"), journal.toString());
    }
}
