package org.jdbsp.nexmark.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.jdbsp.circuit.CheckpointStore;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.EventsByType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every Nexmark circuit checkpointed after half its events and restored into a fresh circuit, on as many workers and
 * onto another count (re-partitioned), ends with the view of the circuit never stopped, and its last step changes
 * the same rows. q5's maxima are local-global on several workers over a stream with retractions, whose local phase
 * keeps each worker's rows: its checkpoints restore onto as many workers only, and say so.
 */
class CheckpointRestoreTest {
    @TempDir
    Path dir;

    private static final int STEPS = 24;
    private static final int BATCH = 2_500;

    @ParameterizedTest(name = "q{0}, {1} -> {2} workers")
    @CsvSource({"0,1,2", "1,2,1", "2,1,1", "3,1,2", "4,2,1", "5,2,2", "6,2,2", "7,2,1", "8,1,2", "9,2,1",
            "10,1,1", "11,1,2", "12,2,1", "13,1,2", "14,2,1", "15,1,2", "16,2,1", "17,1,2", "18,2,1", "19,1,2",
            "20,2,1", "21,1,2", "22,2,1"})
    void restoredCircuitEndsAsTheOneNeverStopped(int q, int workers, int restoredWorkers) {
        NexmarkQuery<?> query = Queries.byName("q" + q);
        EventsByType[] steps = new EventsByType[STEPS];
        NexmarkGenerator gen = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        for (int s = 0; s < STEPS; s++) {
            Event[] e = new Event[BATCH];
            steps[s] = new EventsByType(e, gen.fill(e, 0, BATCH));
        }
        CheckpointStore store = CheckpointStore.open(dir);
        try (QueryCircuit<?> live = QueryCircuit.of(query, Mode.INCREMENTAL, workers, true)) {
            for (int s = 0; s < STEPS / 2; s++) {
                live.push(steps[s], 0, steps[s].size());
                live.step();
            }
            store.save(live.circuit());
            try (QueryCircuit<?> back = QueryCircuit.of(query, Mode.INCREMENTAL, restoredWorkers, true)) {
                store.restore(back.circuit()).orElseThrow();
                assertEquals(live.output().view(), back.output().view(), "q" + q + " right after the restore");
                for (int s = STEPS / 2; s < STEPS; s++) {
                    live.push(steps[s], 0, steps[s].size());
                    live.step();
                    back.push(steps[s], 0, steps[s].size());
                    back.step();
                }
                assertEquals(live.output().view(), back.output().view(), "q" + q);
                assertEquals(live.output().delta(), back.output().delta(), "q" + q + ", last step");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aLocalPhaseOverRetractionsIsRestoredOntoAsManyWorkersOnly() {
        CheckpointStore store = CheckpointStore.open(dir);
        try (QueryCircuit<?> two = QueryCircuit.of(Queries.byName("q5"), Mode.INCREMENTAL, 2, true);
             QueryCircuit<?> one = QueryCircuit.of(Queries.byName("q5"), Mode.INCREMENTAL, 1, true);
             QueryCircuit<?> three = QueryCircuit.of(Queries.byName("q5"), Mode.INCREMENTAL, 3, true)) {
            two.step();
            store.save(two.circuit());
            org.jdbsp.circuit.state.CheckpointException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.jdbsp.circuit.state.CheckpointException.class, () -> store.restore(one.circuit()));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("different circuit"), e.getMessage());
            e = org.junit.jupiter.api.Assertions.assertThrows(org.jdbsp.circuit.state.CheckpointException.class,
                    () -> store.restore(three.circuit()));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("cannot re-partition"), e.getMessage());
        }
    }
}
