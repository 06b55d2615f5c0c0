package org.jdbsp.sql.pg;

import org.jdbsp.sql.Row;
import org.jdbsp.sql.Rows;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlOptions;
import org.jdbsp.sql.SqlProgram;
import org.jdbsp.sql.UnsupportedSqlException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A property of every generated view, without PostgreSQL: run incrementally, naively ({@link SqlOptions#naive()})
 * and incrementally on 2 workers, the same program gives the same changes at every step (and so the same
 * contents). Same generator, features and reduction as {@link PgDifferentialTest}.
 *
 * <p>Properties: {@code -Djdbsp.modes.seed=N} (first seed, default 1001), {@code -Djdbsp.modes.seeds=N}
 * (default 6), {@code -Djdbsp.modes.views=N} (default 8), {@code -Djdbsp.modes.steps=N} (default 16).
 */
class ModesDifferentialTest {
    private static final String[] NAMES = {"incremental", "naive", "incremental on 2 workers"};

    private static SqlOptions[] modes() {
        return new SqlOptions[] {SqlOptions.incremental(), SqlOptions.naive(), SqlOptions.incremental().withWorkers(2)};
    }

    @Test
    void incrementalNaiveAndTwoWorkersAgree() throws Exception {
        long first = Long.getLong("jdbsp.modes.seed", 1001);
        int seeds = Integer.getInteger("jdbsp.modes.seeds", 6);
        int views = Integer.getInteger("jdbsp.modes.views", 8);
        int steps = Integer.getInteger("jdbsp.modes.steps", 16);
        long start = System.nanoTime();
        Differential.Totals totals = new Differential.Totals();
        for (long seed = first; seed < first + seeds; seed++) run(seed, views, steps, totals);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String report = PgDifferentialTest.summary(totals, first, seeds, millis).replace("PgDifferentialTest",
                "ModesDifferentialTest");
        System.out.println(report);
        Set<String> seen = new HashSet<>();
        int reduced = 0;
        for (Differential.Problem p : totals.problems) {
            if (!seen.add(p.signature())) continue;
            if (reduced++ < 3) Differential.reduce(p, 40_000, (candidate, query) -> replay(p, candidate, query));
            String r = p.reproducer().replace("PostgreSQL (psql)", "the same without the view (psql)");
            System.out.println(r);
            report += "\n" + r;
        }
        assertTrue(totals.problems.isEmpty(), report);
    }

    private static void run(long seed, int views, int steps, Differential.Totals totals) throws Exception {
        totals.seeds++;
        SqlGen gen = new SqlGen(seed, Feature.enabled());
        List<String> ddl = gen.ddl();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < views; i++) queries.add(gen.query().sql());
        List<List<String>> history = new ArrayList<>();
        SqlProgram[] programs = new SqlProgram[3];
        try {
            for (int m = 0; m < 3; m++) programs[m] = Sql.compile(String.join(";\n", ddl) + ";", modes()[m]);
            boolean[] active = new boolean[views];
            for (int i = 0; i < views; i++) {
                String q = queries.get(i);
                try {
                    for (SqlProgram p : programs) p.execute("CREATE VIEW v" + i + " AS " + q);
                    active[i] = true;
                    totals.views++;
                } catch (UnsupportedSqlException e) {
                    totals.problems.add(new Differential.Problem(seed, Differential.Kind.UNSUPPORTED, q, ddl, history,
                            e.getMessage()));
                } catch (RuntimeException | AssertionError | StackOverflowError e) {
                    totals.problems.add(new Differential.Problem(seed, Differential.Kind.REJECTED, q, ddl, history,
                            Differential.describe(e)));
                }
            }
            Oracle oracle = new Oracle(programs[0]);
            for (int step = 0; step <= steps; step++) {
                List<String> stmts = new ArrayList<>();
                history.add(stmts);
                oracle.pending = 0;
                List<String> batch = new ArrayList<>();
                if (step == 0) {
                    batch.addAll(gen.initialInserts(oracle));
                } else {
                    int n = 1 + gen.random().nextInt(4);
                    for (int i = 0; i < n; i++) batch.add(null);
                }
                for (String c : batch) {
                    String s = c != null ? c : gen.dml(oracle);
                    if (s == null) continue;
                    stmts.add(s);
                    totals.statements++;
                    oracle.pending += Differential.splitInsert(s).size();
                    for (int m = 0; m < 3; m++) {
                        try {
                            programs[m].execute(s);
                        } catch (RuntimeException | AssertionError | StackOverflowError e) {
                            totals.problems.add(new Differential.Problem(seed, Differential.Kind.DML_FAILED, null, ddl,
                                    history, NAMES[m] + ": " + Differential.describe(e)));
                            return;
                        }
                    }
                }
                for (int m = 0; m < 3; m++) {
                    try {
                        programs[m].step();
                    } catch (RuntimeException | AssertionError | StackOverflowError e) {
                        totals.problems.add(new Differential.Problem(seed, Differential.Kind.FAILED, null, ddl, history,
                                NAMES[m] + " step: " + Differential.describe(e)));
                        return;
                    }
                }
                for (int i = 0; i < views; i++) {
                    if (!active[i]) continue;
                    totals.checks++;
                    String diff;
                    try {
                        diff = compare(programs, "v" + i);
                    } catch (RuntimeException | AssertionError | StackOverflowError e) {
                        diff = "reading the view: " + Differential.describe(e);
                    }
                    if (diff != null) {
                        totals.problems.add(new Differential.Problem(seed, Differential.Kind.DIFFERENT, queries.get(i),
                                ddl, history, "after step " + (step + 1) + ": " + diff));
                        active[i] = false;
                    } else if (programs[0].view("v" + i).contents().size() > 0) {
                        totals.nonEmptyChecks++;
                    }
                }
            }
        } finally {
            for (SqlProgram p : programs) if (p != null) p.close();
        }
    }

    /** The first difference between the programs' changes or contents of {@code view}, or null. */
    private static String compare(SqlProgram[] programs, String view) {
        Bag changes0 = bag(programs[0].view(view).changes());
        Bag contents0 = bag(programs[0].view(view).contents());
        for (int m = 1; m < programs.length; m++) {
            List<String> d = Bag.diff(bag(programs[m].view(view).changes()), changes0, NAMES[m], NAMES[0], false);
            if (!d.isEmpty()) return "the changes differ:\n" + String.join("\n", d.subList(0, Math.min(12, d.size())));
            d = Bag.diff(bag(programs[m].view(view).contents()), contents0, NAMES[m], NAMES[0], true);
            if (!d.isEmpty()) return "the contents differ:\n" + String.join("\n", d.subList(0, Math.min(12, d.size())));
        }
        return null;
    }

    private static Bag bag(Rows rows) {
        Bag b = new Bag();
        b.setWidth(rows.schema().size());
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            List<Object> values = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) values.add(row.get(c));
            b.add(values, rows.weight(r));
        }
        return b;
    }

    /** Replays the view over {@code steps} in the three modes: the problem's message when they differ, else null. */
    private static String replay(Differential.Problem p, List<List<String>> steps, String query) {
        SqlProgram[] programs = new SqlProgram[3];
        try {
            for (int m = 0; m < 3; m++) {
                programs[m] = Sql.compile(String.join(";\n", p.ddl) + ";", modes()[m]);
                if (query != null) {
                    try {
                        programs[m].execute("CREATE VIEW v AS " + query);
                    } catch (RuntimeException | AssertionError | StackOverflowError e) {
                        return Differential.sameRejection(p, e) ? Differential.rejection(e) : null;
                    }
                }
            }
            if (p.kind == Differential.Kind.UNSUPPORTED || p.kind == Differential.Kind.REJECTED) return null;
            for (int step = 0; step < steps.size(); step++) {
                for (String s : steps.get(step)) {
                    for (int m = 0; m < 3; m++) {
                        try {
                            programs[m].execute(s);
                        } catch (RuntimeException | AssertionError | StackOverflowError e) {
                            return p.kind == Differential.Kind.DML_FAILED ? NAMES[m] + ": " + Differential.describe(e)
                                    : null;
                        }
                    }
                }
                for (int m = 0; m < 3; m++) {
                    try {
                        programs[m].step();
                    } catch (RuntimeException | AssertionError | StackOverflowError e) {
                        return p.kind == Differential.Kind.FAILED ? NAMES[m] + " step: " + Differential.describe(e)
                                : null;
                    }
                }
                if (query == null) continue;
                String diff;
                try {
                    diff = compare(programs, "v");
                } catch (RuntimeException | AssertionError | StackOverflowError e) {
                    diff = "reading the view: " + Differential.describe(e);
                }
                if (diff != null && p.kind == Differential.Kind.DIFFERENT) return "after step " + (step + 1) + ": " + diff;
            }
            return null;
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return null;
        } finally {
            for (SqlProgram prog : programs) if (prog != null) prog.close();
        }
    }

    /** Row counts and keys read from a program's committed tables, plus the rows inserted in this step. */
    private static final class Oracle implements SqlGen.Oracle {
        private final SqlProgram program;
        int pending;

        Oracle(SqlProgram program) {
            this.program = program;
        }

        @Override
        public long rowCount(SqlGen.Table t) {
            return program.table(t.name()).size() + pending;
        }

        @Override
        public Set<List<String>> keys(SqlGen.Table t) {
            Set<List<String>> out = new HashSet<>();
            Rows rows = program.table(t.name()).contents();
            for (Row r : rows) {
                List<String> key = new ArrayList<>();
                for (int k : t.pk()) key.add(SqlGen.keyOf(r.get(k)));
                out.add(key);
            }
            return out;
        }
    }
}
