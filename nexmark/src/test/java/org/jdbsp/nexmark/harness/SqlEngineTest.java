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
    void anUnknownEngineIsRefused() {
        HarnessRun bad = HarnessRun.run("--engine", "flink");
        assertEquals(2, bad.status(), bad.toString());
        assertTrue(bad.err().contains("--engine: expected circuit or sql, got 'flink'"), bad.toString());
    }
}
