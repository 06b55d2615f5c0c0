package org.jdbsp.benches.ivm;

import org.jdbsp.sql.RowWriter;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlOptions;
import org.jdbsp.sql.SqlProgram;
import org.jdbsp.sql.SqlTable;

/**
 * The views of {@link Workload} written in SQL and run by the SQL front end over the same rows and the same
 * sliding window: each {@link #step()} deletes the {@code change} oldest rows and inserts {@code change} new ones
 * through a {@link RowWriter} of the table (numbers not boxed), then steps the program. The hand-wired and the SQL form of a view compute the same
 * rows; the benchmark compares their cost per step.
 */
public final class SqlWorkload {
    private static final String TABLES = """
            CREATE TABLE facts (id BIGINT NOT NULL, k BIGINT NOT NULL, val BIGINT NOT NULL);
            CREATE TABLE dims (k BIGINT NOT NULL, grp BIGINT NOT NULL);
            """;

    private final SqlProgram program;
    private final SqlTable rows;
    private final RowWriter writer;
    private final org.jdbsp.sql.SqlView out;
    private final int size;
    private final int change;
    private final long keys;
    private long lo;

    public SqlWorkload(Workload.View view, int size, int change) {
        this.size = size;
        this.change = change;
        this.keys = switch (view) {
            case JOIN, JOIN_AGG -> Math.max(1, size / 10);
            case DISTINCT -> Math.max(1, size / 4);
            default -> Math.max(1, size / 100);
        };
        program = Sql.compile(TABLES + "CREATE VIEW v AS " + sql(view) + ";", SqlOptions.incremental());
        rows = program.table("facts");
        writer = rows.writer();
        out = program.view("v");
        if (view == Workload.View.JOIN || view == Workload.View.JOIN_AGG) {
            SqlTable dims = program.table("dims");
            for (long k = 0; k < keys; k++) dims.insert(k, k % 1000);
        }
        for (long i = 0; i < size; i++) insert(i);
        program.step();
    }

    /** The SQL text of a view of {@link Workload.View}. */
    public static String sql(Workload.View view) {
        return switch (view) {
            case FILTER_MAP -> "SELECT id, k AS grp, val / 2 AS val FROM facts WHERE MOD(val, 2) = 0";
            case JOIN -> "SELECT r.id, d.grp, r.val FROM facts r JOIN dims d ON r.k = d.k";
            case JOIN_AGG -> "SELECT d.grp, SUM(r.val) AS total FROM facts r JOIN dims d ON r.k = d.k"
                    + " GROUP BY d.grp";
            case DISTINCT -> "SELECT DISTINCT k FROM facts";
            case MIN_MAX -> "SELECT k, MIN(val) AS lowest FROM facts GROUP BY k";
            case TOP_K -> "SELECT id, k, val FROM (SELECT id, k, val, ROW_NUMBER() OVER"
                    + " (PARTITION BY k ORDER BY val DESC, id) AS rn FROM facts) t WHERE rn <= 10";
            default -> throw new IllegalArgumentException(view + " has no SQL form here");
        };
    }

    /** Sets the writer to row {@code i}'s values, the same as {@link Workload}'s row {@code i}. */
    private RowWriter row(long i) {
        long h = Workload.mix(i);
        return writer.set(0, i).set(1, Long.remainderUnsigned(h, keys)).set(2, (h >>> 20) % 1_000_000);
    }

    private void insert(long i) {
        row(i).insert();
    }

    private void delete(long i) {
        row(i).delete();
    }

    /** One steady-state step; returns the number of changed view rows. */
    public int step() {
        long hi = lo + size;
        for (long i = 0; i < change; i++) {
            delete(lo + i);
            insert(hi + i);
        }
        lo += change;
        program.step();
        return out.changeCount();
    }

    public SqlProgram program() {
        return program;
    }
}
