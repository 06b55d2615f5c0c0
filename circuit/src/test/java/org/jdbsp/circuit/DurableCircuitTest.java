package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jdbsp.circuit.state.CheckpointException;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal and recovery: a circuit reopened after a crash at any point (between steps, with an unfinished
 * checkpoint, with a torn journal tail, with its newest checkpoint damaged) ends as the circuit that never
 * crashed, and a consumer that drops steps it has seen gets every step's output once.
 */
class DurableCircuitTest {
    @TempDir
    Path dir;

    /** in -> sum, a keyed table, and a map that fails on 666. */
    static void wire(CircuitBuilder b) {
        InputHandle<Long> in = b.input("in", Long.class);
        b.output("sum", in.stream().integrate());
        b.output("checked", TestOps.map(in.stream(), x -> {
            if (x == 666) {
                throw new IllegalArgumentException("666");
            }
            return x * 2;
        }));
        KeyedInputHandle<Long, CheckpointStoreTest.Account> acc = b.keyedInput("acc", CheckpointStoreTest.Account.class,
                CheckpointStoreTest.Account::id);
        b.output("accounts", acc.stream());
    }

    static Supplier<CircuitRuntime> builder(int workers) {
        return () -> {
            if (workers > 1) {
                return Workers.build(workers, Mode.INCREMENTAL, DurableCircuitTest::wire);
            }
            CircuitBuilder b = CircuitBuilder.incremental();
            wire(b);
            return b.build();
        };
    }

    /** Records each step's output changes by step number, keeping the first delivery (exactly-once consumer). */
    static final class Consumer implements DurableCircuit.StepListener {
        final TreeMap<Long, ZSet<?>> seen = new TreeMap<>();
        long duplicates;

        @Override
        public void afterStep(long step, CircuitRuntime circuit) {
            if (seen.containsKey(step)) {
                duplicates++;
                if (!seen.get(step).equals(circuit.output("checked").delta())) {
                    throw new AssertionError("step " + step + " replayed with different output");
                }
                return;
            }
            seen.put(step, circuit.output("checked").delta());
        }
    }

    /** The input of step {@code step}, the same every time it is made (a source that re-sends). */
    static void push(CircuitRuntime c, long step) {
        Random r = new Random(step);
        Input<Long> in = c.input("in", Long.class);
        for (int i = 0; i < 10; i++) {
            in.insert((long) r.nextInt(100));
        }
        c.keyedInput("acc", Long.class, CheckpointStoreTest.Account.class).upsert(
                new CheckpointStoreTest.Account(r.nextInt(5), "o" + step, step));
    }

    @Test
    void reopenedCircuitEndsAsTheOneThatNeverCrashedAndOutputsAreExactlyOnce() {
        for (int workers : new int[] {1, 2}) {
            Path d = dir.resolve("w" + workers);
            Consumer consumer = new Consumer();
            CircuitRuntime reference = builder(workers).get();
            Consumer referenceOut = new Consumer();
            for (long step = 1; step <= 20; step++) {
                push(reference, step);
                reference.step();
                referenceOut.afterStep(step, reference);
            }
            // three lives, each crashing (dropped without close) at a different point
            long[] crashAfter = {7, 13, 20};
            long[] checkpointEvery = {3, 4, 100};
            for (int life = 0; life < 3; life++) {
                DurableCircuit c = DurableCircuit.open(d, builder(workers), consumer);
                assertEquals(life == 0 ? 0 : crashAfter[life - 1], c.stepCount(), "reopened at the last step");
                while (c.stepCount() < crashAfter[life]) {
                    push(c, c.stepCount() + 1);
                    c.step();
                    if (c.stepCount() % checkpointEvery[life] == 0) {
                        c.checkpoint();
                    }
                }
                if (life == 1) {
                    push(c, c.stepCount() + 1); // pushed, not stepped: not durable, re-sent by the source
                }
            }
            DurableCircuit last = DurableCircuit.open(d, builder(workers), consumer);
            assertEquals(20, last.stepCount());
            for (String o : List.of("sum", "checked", "accounts")) {
                assertEquals(reference.output(o).view(), last.output(o).view(), o + ", " + workers + " workers");
            }
            assertEquals(referenceOut.seen, consumer.seen, "every step's output once");
            assertTrue(consumer.duplicates > 0, "replayed steps were delivered again and dropped by the consumer");
            last.close();
            reference.close();
        }
    }

    @Test
    void tornJournalTailIsCutAndUnfinishedCheckpointIgnored() throws IOException {
        DurableCircuit c = DurableCircuit.open(dir, builder(1), null);
        for (long step = 1; step <= 5; step++) {
            push(c, step);
            c.step();
            if (step == 3) {
                c.checkpoint();
            }
        }
        ZSet<?> sumAt5 = c.output("sum").view();
        // a crash in the middle of appending step 6: half a record
        Path segment = lastSegment();
        byte[] all = Files.readAllBytes(segment);
        push(c, 6);
        c.step();
        byte[] withSix = Files.readAllBytes(segment);
        Files.write(segment, java.util.Arrays.copyOf(withSix, all.length + (withSix.length - all.length) / 2));
        // and a crash in the middle of a checkpoint at step 6: files, no manifest
        Path partial = dir.resolve("checkpoints/step-000000000006");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("w0-n0.state"), "partial");
        DurableCircuit back = DurableCircuit.open(dir, builder(1), null);
        assertEquals(5, back.stepCount(), "step 6's record was torn: the source re-sends it");
        assertEquals(sumAt5, back.output("sum").view());
        assertEquals(3, back.recovery().restored().step());
        assertEquals(2, back.recovery().replayedSteps());
        assertTrue(back.recovery().notes().toString().contains("cut short"), back.recovery().notes().toString());
        push(back, 6);
        back.step();
        assertEquals(c.output("sum").view(), back.output("sum").view());
    }

    @Test
    void failedStepRetriedWithOtherInputReplaysTheRetry() {
        DurableCircuit c = DurableCircuit.open(dir, builder(1), null);
        c.input("in", Long.class).insert(1L);
        c.step();
        c.input("in", Long.class).insert(666L);
        assertThrows(OperatorFailedException.class, c::step);
        c.input("in", Long.class).delete(666L);
        c.input("in", Long.class).insert(2L);
        c.step();
        DurableCircuit back = DurableCircuit.open(dir, builder(1), null);
        assertEquals(2, back.stepCount());
        assertEquals(ZSet.of(1L, 2L), back.output("checked").view().map(x -> (Long) x / 2));
        // a last step that failed before the crash fails again on replay; its input stays pending
        back.input("in", Long.class).insert(666L);
        assertThrows(OperatorFailedException.class, back::step);
        DurableCircuit again = DurableCircuit.open(dir, builder(1), null);
        assertEquals(2, again.stepCount());
        assertTrue(again.recovery().notes().toString().contains("failed again on replay"));
        assertThrows(OperatorFailedException.class, again::step, "the failing input is pending, as before");
    }

    @Test
    void damagedNewestCheckpointFallsBackAndReplaysAcrossSegments() throws IOException {
        DurableCircuit c = DurableCircuit.open(dir, builder(1), null);
        for (long step = 1; step <= 9; step++) {
            push(c, step);
            c.step();
            if (step % 3 == 0) {
                c.checkpoint();
            }
        }
        Path newest = dir.resolve("checkpoints/step-000000000009");
        Path file;
        try (var s = Files.list(newest)) {
            file = s.filter(p -> p.toString().endsWith(".state")).findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() - 1);
            f.write(f.read() ^ 1);
        }
        DurableCircuit back = DurableCircuit.open(dir, builder(1), null);
        assertEquals(9, back.stepCount());
        assertEquals(6, back.recovery().restored().step());
        assertEquals(3, back.recovery().replayedSteps());
        assertEquals(c.output("sum").view(), back.output("sum").view());
        assertTrue(back.recovery().notes().get(0).contains("step-000000000009"));
    }

    @Test
    void damagedRecordBeforeTheEndIsAnError() throws IOException {
        DurableCircuit c = DurableCircuit.open(dir, builder(1), null);
        for (long step = 1; step <= 4; step++) {
            push(c, step);
            c.step();
        }
        Path segment = lastSegment();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(30);
            f.write(f.read() ^ 0x40);
        }
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> DurableCircuit.open(dir, builder(1), null));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aGapInTheJournalIsAnError() throws IOException {
        DurableCircuit c = DurableCircuit.open(dir, builder(1), null);
        for (long step = 1; step <= 8; step++) {
            push(c, step);
            c.step();
            if (step % 3 == 0) {
                c.checkpoint();
            }
        }
        // the checkpoint after step 6 is gone, and so is the segment of steps 4 to 6
        Path six = dir.resolve("checkpoints/step-000000000006");
        Files.delete(six.resolve("MANIFEST"));
        Files.delete(dir.resolve("journal/journal-000000000003.log"));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> DurableCircuit.open(dir, builder(1), null));
        assertTrue(e.getMessage().contains("goes from step 3 to step 7"), e.getMessage());
    }

    @Test
    void aSegmentWithoutHeaderOrWithZerosAtItsEndIsRepaired() throws IOException {
        Files.createDirectories(dir.resolve("journal"));
        Files.write(dir.resolve("journal/journal-000000000000.log"), new byte[5]); // killed while writing its header
        DurableCircuit c = DurableCircuit.open(dir, builder(1), null);
        for (long step = 1; step <= 3; step++) {
            push(c, step);
            c.step();
        }
        Files.write(lastSegment(), new byte[64], java.nio.file.StandardOpenOption.APPEND); // zeros a crash left
        DurableCircuit back = DurableCircuit.open(dir, builder(1), null);
        assertEquals(3, back.stepCount());
        assertEquals(c.output("sum").view(), back.output("sum").view());
        assertTrue(back.recovery().notes().toString().contains("cut short"), back.recovery().notes().toString());
    }

    @Test
    void aCrashBetweenACheckpointAndItsNewSegmentLosesNothing() throws IOException {
        DurableCircuit c = DurableCircuit.open(dir, builder(1), null, org.jdbsp.circuit.state.RowCodecs.standard(), 2);
        for (long step = 1; step <= 20; step++) {
            push(c, step);
            c.step();
            if (step == 10 || step == 20) {
                c.checkpoint();
            }
            if (step == 15) { // the checkpoint is written, then the process dies before the journal rotates
                CheckpointStore.open(dir.resolve("checkpoints")).keep(2).save(c.circuit());
            }
        }
        // the newest checkpoint (20) is damaged: the one at 15 and the journal after it must give step 20
        Path twenty = dir.resolve("checkpoints/step-000000000020");
        Files.write(twenty.resolve(CheckpointStoreTest.fileHolding(twenty, "integrate")), new byte[] {9});
        DurableCircuit back = DurableCircuit.open(dir, builder(1), null, org.jdbsp.circuit.state.RowCodecs.standard(),
                2);
        assertEquals(15, back.recovery().restored().step());
        assertEquals(20, back.stepCount());
        assertEquals(c.output("sum").view(), back.output("sum").view());
    }

    private Path lastSegment() throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.list(dir.resolve("journal"))) {
            s.sorted().forEach(all::add);
        }
        return all.get(all.size() - 1);
    }
}
