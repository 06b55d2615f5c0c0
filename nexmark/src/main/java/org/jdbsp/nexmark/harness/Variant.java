package org.jdbsp.nexmark.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * One way a run executes each query: an engine ({@code circuit} or {@code sql}) on a number of workers. A run
 * compares the variants of {@code --engine circuit,sql} and {@code --workers 1,2}: every engine with every count,
 * engines first.
 */
record Variant(String engine, int workers) {
    /** The variants of a run, in order: for each listed engine, each listed worker count. */
    static List<Variant> all(Options o) {
        List<Variant> variants = new ArrayList<>();
        for (String engine : o.engines) {
            for (int w : o.workerCounts) {
                variants.add(new Variant(engine, w));
            }
        }
        return variants;
    }

    /** The variant that ran {@code r}. */
    static Variant of(QueryResult r) {
        return new Variant(r.engine(), r.workers());
    }

    /**
     * A directory for this variant's files of {@code query} (checkpoints, journal): {@code q4-w2}, or
     * {@code q4-sql-w2} with engines compared.
     */
    String directoryName(String query, Options o) {
        return query + (o.engines.size() > 1 ? "-" + engine : "") + "-w" + workers;
    }

    /** The variant's label in tables: {@code w2}, or {@code sql w2} with engines compared. */
    String label(boolean engines) {
        return (engines ? engine + " " : "") + "w" + workers;
    }
}
