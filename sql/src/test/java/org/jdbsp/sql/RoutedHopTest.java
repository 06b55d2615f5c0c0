package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.OperatorProfile;
import org.junit.jupiter.api.Test;

/**
 * A GROUP BY of a column and the window over HOP (a row in several windows) moves each input row to its worker once,
 * by that column, before the windows are made, and the grouping adds no exchange; its results on 2 and 3 workers
 * equal those on 1, with and without a watermark that drops passed windows, with negative keys and deletes. A
 * TUMBLE (one window per row) keeps the exchange after the windows.
 */
class RoutedHopTest {
    private static final String SCRIPT = """
            CREATE TABLE bids (auction BIGINT NOT NULL, price BIGINT NOT NULL, t TIMESTAMP(3) NOT NULL,
                WATERMARK FOR t AS t - INTERVAL '3' SECOND);
            CREATE TABLE offers (auction BIGINT NOT NULL, price BIGINT NOT NULL, t TIMESTAMP(3) NOT NULL);
            CREATE VIEW hop_expiring AS SELECT auction, window_start, window_end, COUNT(*) AS n, SUM(price) AS s
                FROM TABLE(HOP(TABLE bids, DESCRIPTOR(t), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
                GROUP BY auction, window_start, window_end;
            CREATE VIEW hop_plain AS SELECT window_end, auction, MAX(price) AS mx
                FROM TABLE(HOP(TABLE offers, DESCRIPTOR(t), INTERVAL '1' SECOND, INTERVAL '3' SECOND))
                GROUP BY window_start, window_end, auction;
            CREATE VIEW tumble AS SELECT auction, window_start, COUNT(*) AS n
                FROM TABLE(TUMBLE(TABLE offers, DESCRIPTOR(t), INTERVAL '2' SECOND))
                GROUP BY auction, window_start, window_end;
            """;

    private static final List<String> VIEWS = List.of("hop_expiring", "hop_plain", "tumble");

    @Test
    void hopWindowsGroupedByAColumnEqualOneWorker() {
        long seed = 55017L;
        List<SqlProgram> programs = WorkerCounts.compile(SCRIPT, 1, 2, 3);
        try {
            Random r = new Random(seed);
            List<Object[]> offers = new ArrayList<>();
            for (int step = 0; step < 10; step++) {
                List<Object[]> bids = new ArrayList<>();
                List<Object[]> changes = new ArrayList<>(); // {is a delete, the row}, in order
                for (int i = 0; i < 300; i++) {
                    long auction = r.nextInt(60) - 30;
                    long t = step * 1500L + r.nextInt(2500);
                    bids.add(new Object[] {auction, (long) r.nextInt(1000), WorkerCounts.ts(t)});
                    if (!offers.isEmpty() && r.nextInt(6) == 0) {
                        changes.add(new Object[] {true, offers.remove(r.nextInt(offers.size()))});
                    } else {
                        Object[] o = {auction, (long) r.nextInt(1000), WorkerCounts.ts(t)};
                        offers.add(o);
                        changes.add(new Object[] {false, o});
                    }
                }
                for (SqlProgram p : programs) {
                    for (Object[] b : bids) p.table("bids").insert(b);
                    for (Object[] c : changes) {
                        if ((Boolean) c[0]) p.table("offers").delete((Object[]) c[1]);
                        else p.table("offers").insert((Object[]) c[1]);
                    }
                    p.step();
                }
                WorkerCounts.assertSameViews(programs, VIEWS, 31, "step " + step + " (seed " + seed + ")");
            }
        } finally {
            programs.forEach(SqlProgram::close);
        }
    }

    @Test
    void theRowsMoveBeforeTheHopAndNotAfter() {
        String tables = SCRIPT.substring(0, SCRIPT.indexOf("CREATE VIEW"));
        for (String v : VIEWS) {
            String view = SCRIPT.substring(SCRIPT.indexOf("CREATE VIEW " + v + " "));
            view = view.substring(0, view.indexOf(';') + 1);
            try (SqlProgram p = Sql.compile(tables + view, SqlOptions.incremental().withWorkers(2))) {
                p.profile(true);
                p.table("bids").insert(1L, 5L, WorkerCounts.ts(1000));
                p.table("offers").insert(1L, 5L, WorkerCounts.ts(1000));
                p.step();
                List<String> exchanges = new ArrayList<>();
                for (OperatorProfile.Operator o : p.profile().operators()) {
                    if (o.name().startsWith("exchange:")) exchanges.add(o.name().substring(0, o.name().indexOf('#')));
                }
                assertEquals(v.equals("tumble") ? List.of("exchange:aggregate") : List.of("exchange:hop"),
                        exchanges, v);
            }
        }
    }
}
