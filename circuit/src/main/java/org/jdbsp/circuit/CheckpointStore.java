package org.jdbsp.circuit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbsp.circuit.state.CheckpointException;
import org.jdbsp.circuit.state.Checkpointable;
import org.jdbsp.circuit.state.Placement;
import org.jdbsp.circuit.state.RowCodecs;
import org.jdbsp.circuit.state.StateFile;

/**
 * Saves a circuit's state to a directory between steps, and restores it into a freshly built copy of the same
 * circuit, on one worker or on several ({@link Workers}). The user's entry point to durability:
 * <pre>{@code
 * CheckpointStore store = CheckpointStore.open(Path.of("state"));
 * Circuit c = build();
 * store.restore(c);                 // the last checkpoint, if there is one
 * ... push, c.step(), and now and then: store.save(c);
 * }</pre>
 *
 * <p>Layout: one directory per checkpoint, {@code step-<n>}, holding a file per stateful operator and worker (and
 * per input that keeps rows) with its own checksum, and a {@code MANIFEST} written last: every file is forced to
 * disk, then the manifest is written aside, forced, renamed into place and the directory forced, so a crash at any
 * point leaves the earlier checkpoints whole and the unfinished one ignored. The last {@link #keep(int)}
 * checkpoints (3 unless told) are kept. {@link #restore} verifies every file's length and checksum before it
 * changes anything; a damaged or truncated checkpoint is skipped for the one before it, and the skip is reported
 * in {@link Restored#skipped()}. A checkpoint of a different circuit (another fingerprint: the inputs and the
 * operators that keep state) is refused. A checkpoint restores onto another worker count, re-partitioned.
 *
 * <p>Rows are written by {@link RowCodecs}: built in for boxed primitives, strings, decimals, {@code java.time}
 * values, records and enums; other row types need a registered codec, and a checkpoint of a circuit holding
 * one without it fails before writing anything, naming the class. Cost: {@link #save} writes every operator's
 * whole state (O(state)) on as many threads as cores; {@link #restore} reads it and rebuilds the operators' tables
 * (O(state); on several workers each replica reads every saved worker's files). One thread uses a store.
 */
public final class CheckpointStore {
    private static final String PREFIX = "step-";

    private final Path root;
    private final int keep;
    private final RowCodecs codecs;
    private final boolean directIo;

    private CheckpointStore(Path root, int keep, RowCodecs codecs, boolean directIo) {
        this.root = root;
        this.keep = keep;
        this.codecs = codecs;
        this.directIo = directIo;
    }

    /** The store in {@code dir}, created if missing, keeping 3 checkpoints, with the standard codecs. */
    public static CheckpointStore open(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("CheckpointStore.open(null)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating checkpoint directory " + dir, e);
        }
        return new CheckpointStore(dir, 3, RowCodecs.standard(), true);
    }

    /** This store keeping the last {@code checkpoints} (at least 1) complete checkpoints. */
    public CheckpointStore keep(int checkpoints) {
        if (checkpoints < 1) {
            throw new IllegalArgumentException("keep(" + checkpoints + "): at least one checkpoint must be kept");
        }
        return new CheckpointStore(root, checkpoints, codecs, directIo);
    }

    /** This store writing and reading rows with {@code codecs}. */
    public CheckpointStore codecs(RowCodecs codecs) {
        if (codecs == null) {
            throw new IllegalArgumentException("codecs(null)");
        }
        return new CheckpointStore(root, keep, codecs, directIo);
    }

    /**
     * This store writing checkpoint files past the page cache (direct I/O, the default, where the file system allows
     * it) or through it. Direct writes do not fill the kernel's cache with pages that are written once and read only
     * on a restore, and on the disks measured they were faster (docs/durability.md).
     */
    public CheckpointStore directIo(boolean on) {
        return new CheckpointStore(root, keep, codecs, on);
    }

    public Path directory() {
        return root;
    }

    /** The codecs rows are written and read with. */
    public RowCodecs codecs() {
        return codecs;
    }

    /** A checkpoint written: where, after which step, its size, its file count and how long it took. */
    public record Saved(Path directory, long step, long bytes, int files, long nanos) {
    }

    /**
     * A checkpoint restored: where from, the step the circuit now stands at, its size, how long it took, and the
     * newer checkpoints that were skipped because they were damaged, each with the reason.
     */
    public record Restored(Path directory, long step, long bytes, long nanos, List<String> skipped) {
    }

    /**
     * Writes a checkpoint of {@code circuit}'s committed state after its last step. Saving again after the same
     * step finds the checkpoint there and writes nothing.
     *
     * @throws CheckpointException   if an operator's state cannot be saved or a row has no codec (naming them);
     *                               nothing is left behind
     * @throws IllegalStateException if changes are pending on an input (step first)
     */
    public Saved save(CircuitRuntime circuit) {
        if (circuit == null) {
            throw new IllegalArgumentException("save(null)");
        }
        return save(circuit, circuit.stepCount(), Map.of());
    }

    /**
     * Writes a checkpoint of {@code circuit} (or of none, if null) together with {@code extra}: state kept beside
     * the circuit by the code that drives it (a SQL program's tables), one file each, under the names given,
     * which are part of the fingerprint. {@code step} is the steps completed, which a restore hands back.
     */
    public Saved save(CircuitRuntime circuit, long step, Map<String, ? extends Checkpointable> extra) {
        awaitPruning(); // it deletes unfinished checkpoints: not the one about to be written
        long t0 = System.nanoTime();
        List<Circuit> replicas = CheckpointLayout.replicasOf(circuit);
        if (!replicas.isEmpty()) {
            CheckpointLayout.checkNothingPending(replicas.get(0), "save");
        }
        List<CheckpointLayout.Part> parts = CheckpointLayout.parts(replicas, extra);
        String fingerprint = CheckpointLayout.fingerprint(replicas, extra);
        Path dir = root.resolve(String.format("%s%012d", PREFIX, step));
        if (Files.exists(dir.resolve(CheckpointManifest.NAME))) {
            // the same step of the same circuit, on any worker count, is the same state: keep it if it is whole
            try {
                CheckpointManifest m = CheckpointManifest.read(dir);
                if (m.fingerprint().equals(fingerprint)) {
                    for (CheckpointManifest.Entry e : m.files()) {
                        StateFile.verify(dir.resolve(e.file()), e.bytes(), e.checksum());
                    }
                    return new Saved(dir, step, m.bytes(), m.files().size(), System.nanoTime() - t0);
                }
            } catch (CheckpointException damaged) {
                // written again below
            }
        }
        List<CheckpointManifest.Entry> entries = new ArrayList<>();
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            StateFile.Written[] written = writeAll(dir, parts);
            for (int i = 0; i < parts.size(); i++) {
                CheckpointLayout.Part p = parts.get(i);
                entries.add(new CheckpointManifest.Entry(p.file(), written[i].bytes(), written[i].checksum(),
                        p.holds()));
            }
            CheckpointManifest.forceDirectory(dir);
            CheckpointManifest m = new CheckpointManifest(step, replicas.size(),
                    replicas.isEmpty() ? "none" : replicas.get(0).mode().name(), fingerprint, List.copyOf(entries));
            m.write(dir);
            CheckpointManifest.forceDirectory(root);
            long nanos = System.nanoTime() - t0;
            pruneInBackground();
            return new Saved(dir, step, m.bytes(), entries.size(), nanos);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException("writing checkpoint " + dir, e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    /**
     * Restores the newest usable checkpoint into {@code circuit}, which must be freshly built (no step run, nothing
     * pending) by the same code as the circuit checkpointed, on any number of workers: onto another count than was
     * saved, the state is re-partitioned as the exchanges would have placed it ({@link Placement}). Afterwards the
     * circuit stands at the checkpoint's step ({@link CircuitRuntime#stepCount()}), its operators and output views
     * hold what they held then, and the last step's changes are empty.
     *
     * @return the checkpoint restored, or empty if the store holds none (the circuit is unchanged)
     * @throws CheckpointException   if the checkpoint is of a different circuit, or of another worker count where
     *                               an operator cannot re-partition its state (naming it), if every
     *                               checkpoint is damaged, or if a row cannot be read (a class gone, a codec not
     *                               registered); on the last, the circuit is partly restored and must be dropped
     * @throws IllegalStateException if the circuit has run a step or has changes pending
     */
    public Optional<Restored> restore(CircuitRuntime circuit) {
        if (circuit == null) {
            throw new IllegalArgumentException("restore(null)");
        }
        return restore(circuit, Map.of());
    }

    /**
     * As {@link #restore(CircuitRuntime)}, for a checkpoint written with {@link #save(CircuitRuntime, long, Map)}:
     * {@code circuit} may be null (none was saved), and each of {@code extra} reads back its file.
     */
    public Optional<Restored> restore(CircuitRuntime circuit, Map<String, ? extends Checkpointable> extra) {
        long t0 = System.nanoTime();
        List<Circuit> replicas = CheckpointLayout.replicasOf(circuit);
        if (circuit != null && circuit.stepCount() != 0) {
            throw new IllegalStateException("restore into a circuit that has run " + circuit.stepCount()
                    + " steps: restore into a freshly built circuit");
        }
        if (!replicas.isEmpty()) {
            CheckpointLayout.checkNothingPending(replicas.get(0), "restore");
        }
        List<CheckpointLayout.Part> shared = CheckpointLayout.shared(replicas, extra);
        for (Circuit r : replicas) {
            CheckpointLayout.stateful(r); // refuses an operator that cannot be restored, before anything is read
        }
        String fingerprint = CheckpointLayout.fingerprint(replicas, extra);
        List<String> skipped = new ArrayList<>();
        for (Path dir : checkpoints()) {
            CheckpointManifest m;
            try {
                m = CheckpointManifest.read(dir);
            } catch (CheckpointException e) {
                skipped.add(dir.getFileName() + ": " + e.getMessage());
                continue;
            }
            CheckpointLayout.checkSameCircuit(dir, m, fingerprint, shared, replicas);
            try {
                for (CheckpointManifest.Entry e : m.files()) {
                    StateFile.verify(dir.resolve(e.file()), e.bytes(), e.checksum());
                }
            } catch (CheckpointException e) {
                skipped.add(dir.getFileName() + ": " + e.getMessage());
                continue;
            }
            CheckpointLayout.readAll(dir, m, shared, replicas, codecs);
            if (circuit instanceof WorkerCircuit<?> w) {
                w.restoreStepCount(m.step());
            } else if (circuit != null) {
                replicas.get(0).restoreStepCount(m.step());
            }
            return Optional.of(new Restored(dir, m.step(), m.bytes(), System.nanoTime() - t0, List.copyOf(skipped)));
        }
        if (!skipped.isEmpty()) {
            throw new CheckpointException("no usable checkpoint in " + root + ": " + String.join("; ", skipped));
        }
        return Optional.empty();
    }

    /**
     * Writes the parts' files on as many threads as there are cores (the operators' state is only read, and the
     * workers are parked between steps), each thread taking the next part as it finishes one.
     */
    private StateFile.Written[] writeAll(Path dir, List<CheckpointLayout.Part> parts) {
        StateFile.Written[] written = new StateFile.Written[parts.size()];
        int threads = Math.min(parts.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            for (int i = 0; i < parts.size(); i++) {
                written[i] = StateFile.write(dir.resolve(parts.get(i).file()), parts.get(i).holds(), codecs,
                        parts.get(i).write(), false, directIo);
            }
            for (CheckpointLayout.Part p : parts) {
                StateFile.force(dir.resolve(p.file()));
            }
            return written;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Runnable work = () -> {
            for (int i; (i = next.getAndIncrement()) < parts.size() && failure.get() == null; ) {
                CheckpointLayout.Part p = parts.get(i);
                try {
                    written[i] = StateFile.write(dir.resolve(p.file()), p.holds(), codecs, p.write(), false,
                            directIo);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(work, "jdbsp-checkpoint-" + t);
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
        work.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CheckpointException("interrupted while writing checkpoint " + dir, e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        for (CheckpointLayout.Part p : parts) {
            StateFile.force(dir.resolve(p.file())); // the disk wrote most back while the others were written
        }
        return written;
    }

    /** The complete checkpoints (those with a manifest), newest first. */
    public List<Path> checkpoints() {
        awaitPruning();
        List<Path> all = new ArrayList<>();
        for (Path p : children()) {
            if (Files.exists(p.resolve(CheckpointManifest.NAME))) {
                all.add(p);
            }
        }
        all.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return all;
    }

    /** The step of the oldest complete checkpoint kept, or 0 if there is none: a journal must reach back to it. */
    public long oldestStep() {
        List<Path> all = checkpoints();
        return all.isEmpty() ? 0 : stepOf(all.get(all.size() - 1));
    }

    /** The step a checkpoint directory of this store was taken after. */
    static long stepOf(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring(PREFIX.length()));
    }

    // ---- what a checkpoint holds --------------------------------------------------------------------------

    // ---- files ---------------------------------------------------------------------------------------------

    private List<Path> children() {
        List<Path> all = new ArrayList<>();
        try (var s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p)).forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
        return all;
    }

    /**
     * The deletion of old checkpoints still running, if any (one at a time; a store, like the circuit it saves, is
     * used by one thread).
     */
    private static volatile Thread pruning;

    /**
     * Deletes old checkpoints on a daemon thread, so that the pause of a checkpoint does not include deleting
     * gigabytes; a deletion cut short by a crash leaves a directory without manifest, which is ignored and
     * deleted later. Waits for the previous deletion first.
     */
    private void pruneInBackground() {
        awaitPruning();
        Thread t = new Thread(this::prune, "jdbsp-checkpoint-prune");
        t.setDaemon(true);
        pruning = t;
        t.start();
    }

    /** Waits until old checkpoints are deleted (before listing or writing checkpoints). */
    static void awaitPruning() {
        Thread t = pruning;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes the complete checkpoints beyond the newest {@link #keep} and every unfinished one. */
    private void prune() {
        List<Path> complete = checkpoints();
        for (int i = keep; i < complete.size(); i++) {
            deleteQuietly(complete.get(i));
        }
        long newest = complete.isEmpty() ? Long.MIN_VALUE : stepOf(complete.get(0));
        for (Path p : children()) {
            // only those a newer checkpoint passed: a checkpoint being written now is not deleted under it
            if (!Files.exists(p.resolve(CheckpointManifest.NAME)) && stepOrMax(p) < newest) {
                deleteQuietly(p);
            }
        }
    }

    private static long stepOrMax(Path p) {
        try {
            return stepOf(p);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.deleteIfExists(dir.resolve(CheckpointManifest.NAME)); // first: a half-deleted checkpoint is unfinished
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // left for the next prune
        }
    }
}
