package org.jdbsp.sql.pg;

import org.jdbsp.sql.SqlOptions;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential test of jdbsp's SQL against a real PostgreSQL (started by {@link PgCluster}): for several
 * seeds, the same random schema in both, random views ({@link SqlGen}) defined in one jdbsp program, then steps of
 * random INSERT/UPDATE/DELETE run on both; after every step each view's contents in jdbsp must equal, as a
 * multiset, PostgreSQL's result of the view's SELECT over the same tables.
 *
 * <p>Any difference, any jdbsp exception, and any view jdbsp rejects (unsupported or otherwise) fails the test,
 * printing the seed and a reproducer reduced by delta debugging: the CREATE TABLEs, the fewest DML statements
 * that still show it, and the view's SELECT, as a script for bin/sql and one for psql. Features that jdbsp does
 * not support are switched off only in {@link Feature#DISABLED}, each with its reason.
 *
 * <p>Properties: {@code -Djdbsp.pg.seed=N} (first seed, default 1), {@code -Djdbsp.pg.seeds=N} (default 12),
 * {@code -Djdbsp.pg.views=N} (default 8), {@code -Djdbsp.pg.steps=N} (default 24),
 * {@code -Djdbsp.pg.reduce=N} (problems to reduce, default 3).
 */
class PgDifferentialTest {
    @Test
    void jdbspAgreesWithPostgres() throws SQLException {
        long first = Long.getLong("jdbsp.pg.seed", 1);
        int seeds = Integer.getInteger("jdbsp.pg.seeds", 12);
        int views = Integer.getInteger("jdbsp.pg.views", 8);
        int steps = Integer.getInteger("jdbsp.pg.steps", 24);
        int toReduce = Integer.getInteger("jdbsp.pg.reduce", 3);
        long start = System.nanoTime();
        Differential.Totals totals = new Differential.Totals();
        String report;
        try (PgCluster cluster = PgCluster.start(); PgSide pg = new PgSide(cluster)) {
            Differential d = new Differential(pg, Feature.enabled(), SqlOptions.incremental());
            for (long seed = first; seed < first + seeds; seed++) d.run(seed, views, steps, totals);
            long runMillis = (System.nanoTime() - start) / 1_000_000;
            report = summary(totals, first, seeds, runMillis);
            System.out.println(report);
            report += reduceAndPrint(d, totals.problems, toReduce);
        }
        assertTrue(totals.problems.isEmpty(), report);
        assertTrue(totals.checks >= Math.min(2000, seeds * views * (steps + 1) / 2),
                "too few checks (views rejected?): " + report);
    }

    static String summary(Differential.Totals t, long first, int seeds, long millis) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("PgDifferentialTest: seeds %d..%d, %d views, %d DML statements, %d view-step checks "
                        + "(%d non-empty), %d problems, %.1f s%n", first, first + seeds - 1, t.views, t.statements,
                t.checks, t.nonEmptyChecks, t.problems.size(), millis / 1000.0));
        if (!Feature.DISABLED.isEmpty()) {
            sb.append("  features switched off: ").append(Feature.DISABLED.keySet()).append('\n');
        }
        Map<String, Integer> bySignature = new LinkedHashMap<>();
        for (Differential.Problem p : t.problems) bySignature.merge(p.signature(), 1, Integer::sum);
        bySignature.forEach((k, v) -> sb.append("  ").append(v).append(" x ").append(k).append('\n'));
        return sb.toString();
    }

    /** Reduces up to {@code limit} problems of distinct signatures; prints and returns every reproducer. */
    static String reduceAndPrint(Differential d, List<Differential.Problem> problems, int limit) throws SQLException {
        Map<String, Differential.Problem> first = new LinkedHashMap<>();
        for (Differential.Problem p : problems) first.putIfAbsent(p.signature(), p);
        int reduced = 0;
        StringBuilder all = new StringBuilder();
        for (Differential.Problem p : first.values()) {
            if (reduced < limit) {
                d.reduce(p, 30_000);
                reduced++;
            }
            String r = p.reproducer();
            System.out.println(r);
            all.append('\n').append(r);
        }
        return all.toString();
    }
}
