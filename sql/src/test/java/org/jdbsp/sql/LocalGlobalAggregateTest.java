package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A GROUP BY of a TUMBLE's window alone over an append-only table runs in two phases: each worker aggregates its
 * own rows of a step per window first (COUNT, COUNT of a nullable column, SUM of integers and decimals, MIN and MAX
 * of several types, a FILTER), and the global phase merges those rows. Its results equal the naive program's on 1,
 * 2 and 3 workers, over many windows and NULLs, alone and under a join (Nexmark q7's shape); an ordinary table, a
 * key beside the window or an AVG keeps the one-phase aggregate. The largest count per window of a GROUP BY of a
 * key and the window (Nexmark q5's shape) reads only the counts' insertions and runs in two phases too; the
 * smallest count, and counts over an ordinary table, do not.
 */
class LocalGlobalAggregateTest {
    private static final String TABLES = """
            CREATE TABLE bids (auction BIGINT NOT NULL, price BIGINT NOT NULL, qty INT, amount DECIMAL(10, 2),
                channel VARCHAR, t TIMESTAMP(3) NOT NULL, WATERMARK FOR t AS t - INTERVAL '2' SECOND)
                WITH ('append_only' = 'true');
            CREATE TABLE offers (auction BIGINT NOT NULL, price BIGINT NOT NULL, qty INT, amount DECIMAL(10, 2),
                channel VARCHAR, t TIMESTAMP(3) NOT NULL, WATERMARK FOR t AS t - INTERVAL '2' SECOND);
            """;

    private static final String VIEWS = """
            CREATE VIEW per_window AS SELECT window_start, window_end, COUNT(*) AS n, COUNT(qty) AS nq,
                SUM(qty) AS sq, SUM(amount) AS sa, MIN(channel) AS first_channel, MAX(price) AS mx,
                MIN(price) FILTER (WHERE qty > 5) AS min_big, MAX(amount) AS max_amount, MIN(qty) AS min_qty
                FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(t), INTERVAL '1' SECOND))
                GROUP BY window_start, window_end;
            CREATE VIEW highest AS SELECT B.auction, B.price, B.t
                FROM bids B JOIN (SELECT MAX(price) AS maxprice, window_end AS t
                    FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(t), INTERVAL '1' SECOND))
                    GROUP BY window_start, window_end) B1
                ON B.price = B1.maxprice
                WHERE B.t BETWEEN B1.t - INTERVAL '1' SECOND AND B1.t;
            CREATE VIEW offers_per_window AS SELECT window_start, COUNT(*) AS n, MAX(price) AS mx
                FROM TABLE(TUMBLE(TABLE offers, DESCRIPTOR(t), INTERVAL '1' SECOND))
                GROUP BY window_start, window_end;
            CREATE VIEW per_auction_window AS SELECT auction, window_start, COUNT(*) AS n
                FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(t), INTERVAL '1' SECOND))
                GROUP BY auction, window_start, window_end;
            CREATE VIEW average AS SELECT window_start, AVG(price) AS a
                FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(t), INTERVAL '1' SECOND))
                GROUP BY window_start, window_end;
            CREATE VIEW max_count AS SELECT MAX(n) AS mx, window_start FROM (SELECT auction, window_start, window_end,
                    COUNT(*) AS n FROM TABLE(HOP(TABLE bids, DESCRIPTOR(t), INTERVAL '1' SECOND, INTERVAL '2' SECOND))
                    GROUP BY auction, window_start, window_end)
                GROUP BY window_start, window_end;
            CREATE VIEW min_count AS SELECT MIN(n) AS mn, window_start FROM (SELECT auction, window_start, window_end,
                    COUNT(*) AS n FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(t), INTERVAL '1' SECOND))
                    GROUP BY auction, window_start, window_end)
                GROUP BY window_start, window_end;
            CREATE VIEW offers_max_count AS SELECT MAX(n) AS mx, window_start FROM (SELECT auction, window_start,
                    window_end, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE offers, DESCRIPTOR(t), INTERVAL '1' SECOND))
                    GROUP BY auction, window_start, window_end)
                GROUP BY window_start, window_end;
            """;

    private static final List<String> VIEW_NAMES = List.of("per_window", "highest", "offers_per_window",
            "per_auction_window", "average", "max_count", "min_count", "offers_max_count");

    @Test
    void twoPhasesEqualTheNaiveProgramOnAnyWorkerCount() {
        long seed = 61331L;
        List<SqlProgram> programs = new ArrayList<>();
        programs.add(Sql.compile(TABLES + VIEWS, SqlOptions.naive()));
        programs.addAll(WorkerCounts.compile(TABLES + VIEWS, 1, 2, 3));
        try {
            Random r = new Random(seed);
            for (int step = 0; step < 8; step++) {
                int rows = step == 0 ? 20 : 1500;
                for (int i = 0; i < rows; i++) {
                    long t = step * 3000L + r.nextInt(4000); // four windows a step, one shared with the next
                    Object[] row = {(long) r.nextInt(50), (long) r.nextInt(3000),
                            r.nextInt(8) == 0 ? null : r.nextInt(10),
                            r.nextInt(8) == 0 ? null : BigDecimal.valueOf(r.nextInt(100_000) - 20_000, 2),
                            r.nextInt(8) == 0 ? null : "c" + r.nextInt(500), WorkerCounts.ts(t)};
                    for (SqlProgram p : programs) {
                        p.table("bids").insert(row);
                        p.table("offers").insert(row);
                    }
                }
                for (SqlProgram p : programs) p.step();
                WorkerCounts.assertSameViews(programs, VIEW_NAMES, 1, "step " + step + " (seed " + seed + ")");
            }
            assertTrue(programs.get(0).view("per_window").contents().size() >= 24);
            assertTrue(programs.get(0).view("highest").contents().size() >= 24);
        } finally {
            programs.forEach(SqlProgram::close);
        }
    }

    @Test
    void onlyAnAggregateOfTheWindowAloneOverAnAppendOnlyTableHasALocalPhase() {
        for (int workers : new int[] {1, 2}) {
            for (String v : VIEW_NAMES) {
                String view = VIEWS.substring(VIEWS.indexOf("CREATE VIEW " + v + " "));
                view = view.substring(0, view.indexOf(';') + 1);
                try (SqlProgram p = Sql.compile(TABLES + view, SqlOptions.incremental().withWorkers(workers))) {
                    String explain = p.explain(v);
                    boolean split = v.equals("per_window") || v.equals("highest") || v.equals("max_count");
                    assertEquals(split, explain.contains("local aggregate (per pass)"),
                            v + " on " + workers + " worker(s):\n" + explain);
                }
            }
        }
    }
}
