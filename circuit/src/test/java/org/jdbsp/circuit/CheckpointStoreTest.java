package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.jdbsp.circuit.state.CheckpointException;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of the circuit layer: delays, integrals, differences, output views, strict and keyed inputs, on one
 * and several workers; a restored circuit continues exactly as the one never stopped. Damaged, unfinished and
 * foreign checkpoints, unsupported operators, rows without a codec and pending input are refused or skipped with
 * the reason.
 */
class CheckpointStoreTest {
    @TempDir
    Path dir;

    record Account(long id, String owner, long balance) {
    }

    /** in -> integral, delay of the integral, difference; acc (keyed) and strict inputs to outputs. */
    static void wire(CircuitBuilder b) {
        InputHandle<Long> in = b.input("in", Long.class);
        Stream<Long> moved = b.shard(in.stream(), x -> Long.hashCode(x), "by value");
        Stream<Long> sum = moved.integrate();
        b.output("sum", sum);
        b.output("delayed", sum.delay());
        b.output("diff", TestOps.map(sum, x -> x % 7).differentiate());
        b.outputChanges("changes", in.stream());
        KeyedInputHandle<Long, Account> acc = b.keyedInput("acc", Account.class, Account::id);
        b.output("accounts", acc.stream());
        InputHandle<String> strict = b.strictInput("strict", String.class);
        b.output("strings", strict.stream());
    }

    private static final List<String> OUTPUTS = List.of("sum", "delayed", "diff", "accounts", "strings");

    private static void push(CircuitRuntime c, Random r) {
        Input<Long> in = c.input("in", Long.class);
        for (int i = 0; i < 20; i++) {
            long v = r.nextInt(50);
            if (r.nextInt(4) == 0) {
                in.push(v, -1);
            } else {
                in.insert(v);
            }
        }
        KeyedInputHandle<Long, Account> acc = c.keyedInput("acc", Long.class, Account.class);
        acc.upsert(new Account(r.nextInt(10), "o" + r.nextInt(3), r.nextInt(100)));
        if (r.nextBoolean() && acc.get(3L) != null) {
            acc.deleteKey(3L);
        }
        c.input("strict", String.class).insert("s" + r.nextInt(5));
    }

    private static void assertSame(CircuitRuntime a, CircuitRuntime b, String where) {
        for (String o : OUTPUTS) {
            assertEquals(a.output(o).view(), b.output(o).view(), where + ": view of " + o);
            assertEquals(a.output(o).delta(), b.output(o).delta(), where + ": delta of " + o);
        }
        assertEquals(a.stepCount(), b.stepCount(), where + ": step count");
        assertEquals(a.stateRows(), b.stateRows(), where + ": state rows");
    }

    private static CircuitRuntime build(int workers) {
        return workers == 1 ? built() : Workers.build(workers, Mode.INCREMENTAL, CheckpointStoreTest::wire);
    }

    private static Circuit built() {
        CircuitBuilder b = CircuitBuilder.incremental();
        wire(b);
        return b.build();
    }

    @Test
    void restoredCircuitContinuesAsTheOneNeverStopped() {
        for (int workers : new int[] {1, 3}) {
            long seed = 17 + workers;
            Random r = new Random(seed);
            Path d = dir.resolve("w" + workers);
            CheckpointStore store = CheckpointStore.open(d);
            try (CircuitRuntime live = build(workers)) {
                for (int i = 0; i < 6; i++) {
                    push(live, r);
                    live.step();
                }
                CheckpointStore.Saved saved = store.save(live);
                assertEquals(6, saved.step());
                assertTrue(saved.bytes() > 0);
                try (CircuitRuntime back = build(workers)) {
                    CheckpointStore.Restored restored = store.restore(back).orElseThrow();
                    assertEquals(6, restored.step());
                    assertEquals(List.of(), restored.skipped());
                    assertEquals(6, back.stepCount());
                    for (String o : OUTPUTS) {
                        assertEquals(live.output(o).view(), back.output(o).view(), "seed " + seed + " view " + o);
                    }
                    for (int i = 0; i < 6; i++) {
                        long s = r.nextLong();
                        push(live, new Random(s));
                        push(back, new Random(s));
                        live.step();
                        back.step();
                        assertSame(live, back, "seed " + seed + ", " + workers + " workers, step " + i
                                + " after restore");
                    }
                    // the keyed and strict inputs' contents came back: their checks agree
                    KeyedInputHandle<Long, Account> acc = back.keyedInput("acc", Long.class, Account.class);
                    assertEquals(live.keyedInput("acc", Long.class, Account.class).size(), acc.size());
                    assertThrows(IllegalArgumentException.class, () -> back.input("strict", String.class).delete("x"));
                }
            }
        }
    }

    @Test
    void damagedOrTruncatedCheckpointsAreSkippedForTheOneBefore() throws IOException {
        CheckpointStore store = CheckpointStore.open(dir);
        Random r = new Random(5);
        Circuit live = built();
        ZSet<?> viewAt2 = null;
        for (int i = 1; i <= 4; i++) {
            push(live, r);
            live.step();
            if (i % 2 == 0) {
                store.save(live);
            }
            if (i == 2) {
                viewAt2 = live.output("sum").view();
            }
        }
        List<Path> cps = store.checkpoints();
        assertEquals(2, cps.size());
        Path newest = cps.get(0);
        Path file = newest.resolve(fileHolding(newest, "integrate"));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x10);
        }
        Circuit back = built();
        CheckpointStore.Restored restored = store.restore(back).orElseThrow();
        assertEquals(2, restored.step());
        assertEquals(1, restored.skipped().size());
        assertTrue(restored.skipped().get(0).contains("damaged"), restored.skipped().get(0));
        assertEquals(viewAt2, back.output("sum").view());

        // truncate the older one too: nothing usable is left, which is an error, not an empty restore
        Path older = cps.get(1).resolve("input-0.state");
        try (RandomAccessFile f = new RandomAccessFile(older.toFile(), "rw")) {
            f.setLength(f.length() - 3);
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> store.restore(built()));
        assertTrue(e.getMessage().contains("no usable checkpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("bytes long"), e.getMessage());
    }

    /** The file of a checkpoint whose manifest line names {@code what}. */
    static String fileHolding(Path checkpoint, String what) throws IOException {
        for (String line : Files.readAllLines(checkpoint.resolve("MANIFEST"))) {
            if (line.startsWith("file ") && line.contains(what)) {
                return line.split(" ")[1];
            }
        }
        throw new AssertionError("no file holds " + what);
    }

    @Test
    void unfinishedCheckpointIsIgnoredAndKeepPrunes() throws IOException {
        CheckpointStore store = CheckpointStore.open(dir).keep(2);
        Circuit live = built();
        Random r = new Random(9);
        for (int i = 0; i < 5; i++) {
            push(live, r);
            live.step();
            store.save(live);
        }
        assertEquals(2, store.checkpoints().size(), "keep(2) keeps two");
        assertTrue(store.checkpoints().get(0).endsWith("step-000000000005"));
        // crashes before the manifest: files but no MANIFEST, one after the newest checkpoint, one before it
        Path unfinished = dir.resolve("step-000000000009");
        Files.createDirectories(unfinished);
        Files.writeString(unfinished.resolve("w0-n1.state"), "partial");
        Path older = dir.resolve("step-000000000002");
        Files.createDirectories(older);
        Files.writeString(older.resolve("w0-n1.state"), "partial");
        Circuit back = built();
        assertEquals(5, store.restore(back).orElseThrow().step());
        assertEquals(live.output("sum").view(), back.output("sum").view());
        push(live, r);
        live.step();
        store.save(live);
        store.checkpoints(); // waits for the deletion the save started in the background
        assertFalse(Files.exists(older), "a save clears the unfinished checkpoints before it");
        assertTrue(Files.exists(unfinished), "and leaves those after it (one may be being written)");
        assertEquals(store.save(live).directory(), store.checkpoints().get(0), "saving twice at a step is one");
        // a damaged checkpoint at the step is written again, not kept
        Path six = store.checkpoints().get(0);
        Path file = six.resolve(fileHolding(six, "integrate"));
        Files.write(file, new byte[] {1, 2, 3});
        store.save(live);
        CheckpointStore.Restored restored = store.restore(built()).orElseThrow();
        assertEquals(6, restored.step());
        assertEquals(List.of(), restored.skipped(), "the damaged one was replaced");
    }

    @Test
    void emptyStoreRestoresNothing() {
        Circuit c = built();
        assertTrue(CheckpointStore.open(dir).restore(c).isEmpty());
        assertEquals(0, c.stepCount());
    }

    @Test
    void aDifferentCircuitIsRefused() {
        CheckpointStore store = CheckpointStore.open(dir);
        Circuit live = built();
        push(live, new Random(1));
        live.step();
        store.save(live);
        CircuitBuilder b = CircuitBuilder.incremental();
        wire(b);
        b.output("extra", b.<Long>input("other").stream().integrate());
        CheckpointException e = assertThrows(CheckpointException.class, () -> store.restore(b.build()));
        assertTrue(e.getMessage().contains("different circuit"), e.getMessage());
    }

    @Test
    void restoredOntoAnotherWorkerCountContinuesAsTheOneNeverStopped() {
        int[][] moves = {{1, 3}, {3, 2}, {2, 1}};
        for (int[] move : moves) {
            long seed = 40 + move[0] * 10 + move[1];
            Random r = new Random(seed);
            CheckpointStore store = CheckpointStore.open(dir.resolve(move[0] + "to" + move[1]));
            try (CircuitRuntime live = build(move[0])) {
                for (int i = 0; i < 6; i++) {
                    push(live, r);
                    live.step();
                }
                store.save(live);
                try (CircuitRuntime back = build(move[1])) {
                    assertEquals(6, store.restore(back).orElseThrow().step());
                    for (String o : OUTPUTS) {
                        assertEquals(live.output(o).view(), back.output(o).view(), "seed " + seed + " view " + o);
                    }
                    for (int i = 0; i < 6; i++) {
                        long s = r.nextLong();
                        push(live, new Random(s));
                        push(back, new Random(s));
                        live.step();
                        back.step();
                        for (String o : OUTPUTS) {
                            assertEquals(live.output(o).view(), back.output(o).view(), "seed " + seed + ", "
                                    + move[0] + " -> " + move[1] + " workers, step " + i + ", view " + o);
                            assertEquals(live.output(o).delta(), back.output(o).delta(), o);
                        }
                    }
                }
            }
        }
    }

    @Test
    void refusalsComeBeforeAnythingIsWritten() {
        CheckpointStore store = CheckpointStore.open(dir);
        // pending input
        Circuit c = built();
        c.input("in", Long.class).insert(1L);
        IllegalStateException pending = assertThrows(IllegalStateException.class, () -> store.save(c));
        assertTrue(pending.getMessage().contains("'in' has changes pending"), pending.getMessage());
        // a row without a codec (not a record)
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Object> in = b.input("o");
        b.output("o", in.stream());
        Circuit plain = b.build();
        in.insert(new StringBuilder("no codec"));
        plain.step();
        CheckpointException noCodec = assertThrows(CheckpointException.class, () -> store.save(plain));
        assertTrue(noCodec.getMessage().contains("java.lang.StringBuilder"), noCodec.getMessage());
        // an operator whose state is not saved yet: a recursive circuit
        CircuitBuilder rb = CircuitBuilder.naive();
        InputHandle<Integer> x = rb.input("x");
        rb.output("r", rb.<Integer>recursive("reach", (inner, self) ->
                TestOps.naiveDistinct(inner.enter(x.stream()).plus(self))));
        Circuit rec = rb.build();
        CheckpointException unsupported = assertThrows(CheckpointException.class, () -> store.save(rec));
        assertTrue(unsupported.getMessage().contains("reach"), unsupported.getMessage());
        assertEquals(List.of(), store.checkpoints());
        // restore only into a fresh circuit
        Circuit ran = built();
        ran.step();
        assertThrows(IllegalStateException.class, () -> store.restore(ran));
    }

    @Test
    void naiveCircuitsKeepTheirSnapshots() {
        CheckpointStore store = CheckpointStore.open(dir);
        Consumer<CircuitBuilder> w = CheckpointStoreTest::wire;
        CircuitBuilder b1 = CircuitBuilder.naive();
        w.accept(b1);
        Circuit live = b1.build();
        Random r = new Random(3);
        for (int i = 0; i < 3; i++) {
            push(live, r);
            live.step();
        }
        store.save(live);
        CircuitBuilder b2 = CircuitBuilder.naive();
        w.accept(b2);
        Circuit back = b2.build();
        store.restore(back);
        for (int i = 0; i < 3; i++) {
            long s = r.nextLong();
            push(live, new Random(s));
            push(back, new Random(s));
            live.step();
            back.step();
            assertSame(live, back, "naive, step " + i + " after restore");
        }
    }
}
