package org.jdbsp.propertytests.circuits;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.quicktheories.core.Gen;

/** Generators of runs: a run is a list of steps, a step a list of changes to the inputs. */
public final class Runs {
    private Runs() {
    }

    public static Gen<Row> rows(int range) {
        return longs().between(0, range - 1).zip(longs().between(0, range - 1), Row::new);
    }

    public static Gen<Change> changes(int inputs, int range) {
        // deletes are as likely as inserts; the harness turns a delete of an absent row into an insert
        return integers().between(0, inputs - 1).zip(rows(range), booleans().all(), Change::new);
    }

    /** Up to {@code maxSteps} steps of up to {@code maxChanges} changes each, some steps empty. */
    public static Gen<List<List<Change>>> runs(int inputs, int range, int maxSteps, int maxChanges) {
        return lists().of(lists().of(changes(inputs, range)).ofSizeBetween(0, maxChanges))
                .ofSizeBetween(1, maxSteps);
    }
}
