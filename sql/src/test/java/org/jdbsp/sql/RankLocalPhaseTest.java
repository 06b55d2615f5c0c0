package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A ROW_NUMBER filter over an append-only table cuts each worker's part of a step down to the first k rows of each
 * partition before the rows move (a local phase): on 2 and 3 workers its results equal those on 1, with the rank
 * read or not, a partition of one integer column or of several, k of 1 and more, and a window top-N whose windows
 * the watermark drops; most rows of a step repeat a partition of the same step.
 */
class RankLocalPhaseTest {
    private static final String SCRIPT = """
            CREATE TABLE bids (auction BIGINT NOT NULL, bidder BIGINT NOT NULL, price BIGINT NOT NULL,
                t TIMESTAMP(3) NOT NULL, WATERMARK FOR t AS t - INTERVAL '2' SECOND) WITH ('append_only' = 'true');
            CREATE VIEW last_per_pair AS SELECT auction, bidder, price, t FROM (SELECT *, ROW_NUMBER() OVER
                (PARTITION BY bidder, auction ORDER BY t DESC, price DESC) AS rn FROM bids) WHERE rn <= 1;
            CREATE VIEW top3_per_auction AS SELECT * FROM (SELECT auction, bidder, price, ROW_NUMBER() OVER
                (PARTITION BY auction ORDER BY price DESC, bidder, t) AS rn FROM bids) WHERE rn <= 3;
            CREATE VIEW top2_per_window AS SELECT * FROM (SELECT window_start, auction, price, ROW_NUMBER() OVER
                (PARTITION BY window_start ORDER BY price DESC, auction, bidder) AS rn
                FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(t), INTERVAL '2' SECOND))) WHERE rn <= 2;
            """;

    private static final List<String> VIEWS = List.of("last_per_pair", "top3_per_auction", "top2_per_window");

    private static LocalDateTime ts(long ms) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    @Test
    void equalsOneWorker() {
        long seed = 31337L;
        List<SqlProgram> programs = new ArrayList<>();
        for (int workers : new int[] {1, 2, 3}) {
            programs.add(Sql.compile(SCRIPT, SqlOptions.incremental().withWorkers(workers)));
        }
        try {
            Random r = new Random(seed);
            for (int step = 0; step < 12; step++) {
                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    // few pairs and auctions: most rows repeat a partition of the same step
                    long auction = r.nextInt(12) - 6;
                    rows.add(new Object[] {auction, (long) r.nextInt(5), (long) r.nextInt(10_000),
                        ts(step * 1000L + r.nextInt(1500))});
                }
                for (SqlProgram p : programs) {
                    for (Object[] row : rows) p.table("bids").insert(row);
                    p.step();
                }
                for (String v : VIEWS) {
                    String at = v + ", step " + step + " (seed " + seed + ")";
                    List<String> one = sorted(programs.get(0).view(v).contents());
                    assertTrue(one.size() >= 2, at + ": only " + one.size() + " rows");
                    for (int p = 1; p < programs.size(); p++) {
                        assertEquals(one, sorted(programs.get(p).view(v).contents()), at + ", " + (p + 1) + " workers");
                    }
                }
            }
        } finally {
            programs.forEach(SqlProgram::close);
        }
    }

    private static List<String> sorted(Rows rows) {
        return AppendOnlyTableTest.rows(rows).stream().sorted().toList();
    }
}
