package org.jdbsp.sql.pg;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks {@link SqlGen} against PostgreSQL alone, with every feature on: each generated DDL, DML statement and
 * query must run on PostgreSQL without an error, and the queries must return rows often enough to test
 * something. No jdbsp here.
 */
class PgGeneratorTest {
    /** What one check found. */
    record Stats(int statements, int queries, int nonEmpty, List<String> errors) {
    }

    static Stats check(PgCluster cluster, long firstSeed, int seeds, int views, int steps) throws SQLException {
        int statements = 0;
        int queries = 0;
        int nonEmpty = 0;
        List<String> errors = new ArrayList<>();
        try (PgSide pg = new PgSide(cluster)) {
            for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
                SqlGen gen = new SqlGen(seed, Feature.all());
                pg.reset();
                for (String ddl : gen.ddl()) pg.execute(ddl);
                List<String> qs = new ArrayList<>();
                for (int v = 0; v < views; v++) qs.add(gen.query().sql());
                for (int step = 0; step <= steps; step++) {
                    List<String> dml = new ArrayList<>();
                    if (step == 0) {
                        for (String s : gen.initialInserts(pg)) {
                            run(pg, seed, s, errors);
                            statements++;
                        }
                    } else {
                        int n = 1 + gen.random().nextInt(4);
                        for (int i = 0; i < n; i++) {
                            String s = gen.dml(pg);
                            run(pg, seed, s, errors);
                            statements++;
                        }
                    }
                    for (String q : qs) {
                        queries++;
                        try {
                            if (pg.query(q).size() > 0) nonEmpty++;
                        } catch (SQLException e) {
                            errors.add("seed " + seed + ": " + q + "\n    " + e.getMessage().replace("\n", "\n    "));
                        }
                    }
                }
            }
        }
        return new Stats(statements, queries, nonEmpty, errors);
    }

    private static void run(PgSide pg, long seed, String sql, List<String> errors) {
        try {
            pg.execute(sql);
        } catch (SQLException e) {
            errors.add("seed " + seed + ": " + sql + "\n    " + e.getMessage().replace("\n", "\n    "));
        }
    }

    @Test
    void everyGeneratedStatementRunsOnPostgres() throws SQLException {
        try (PgCluster cluster = PgCluster.start()) {
            Stats s = check(cluster, 1, 12, 12, 6);
            String report = s.errors.size() + " errors in " + s.statements + " statements and " + s.queries
                    + " queries (" + s.nonEmpty + " non-empty)";
            System.out.println("PgGeneratorTest: " + report);
            assertTrue(s.errors.isEmpty(), report + ":\n" + String.join("\n", s.errors.subList(0,
                    Math.min(20, s.errors.size()))));
            assertTrue(s.nonEmpty * 3 > s.queries, "too few queries return rows: " + report);
        }
    }

    /** Runs the check for many seeds and prints every error: {@code main firstSeed seeds}. */
    public static void main(String[] args) throws SQLException {
        long first = args.length > 0 ? Long.parseLong(args[0]) : 1;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        try (PgCluster cluster = PgCluster.start()) {
            Stats s = check(cluster, first, seeds, 12, 6);
            s.errors.forEach(System.out::println);
            System.out.println(s.errors.size() + " errors in " + s.statements + " statements and " + s.queries
                    + " queries (" + s.nonEmpty + " non-empty)");
        }
    }
}
