package org.jdbsp.sql;

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

    @Test
    void equalsOneWorker() {
        long seed = 31337L;
        List<SqlProgram> programs = WorkerCounts.compile(SCRIPT, 1, 2, 3);
        try {
            Random r = new Random(seed);
            for (int step = 0; step < 12; step++) {
                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    // few pairs and auctions: most rows repeat a partition of the same step
                    long auction = r.nextInt(12) - 6;
                    rows.add(new Object[] {auction, (long) r.nextInt(5), (long) r.nextInt(10_000),
                        WorkerCounts.ts(step * 1000L + r.nextInt(1500))});
                }
                for (SqlProgram p : programs) {
                    for (Object[] row : rows) p.table("bids").insert(row);
                    p.step();
                }
                WorkerCounts.assertSameViews(programs, VIEWS, 2, "step " + step + " (seed " + seed + ")");
            }
        } finally {
            programs.forEach(SqlProgram::close);
        }
    }
}
